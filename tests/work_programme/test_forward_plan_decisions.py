"""The Forward Plan links each key decision to its decision notice once taken, and the notice links
back to the plan; a decision reconsidered after a call-in links to the final one."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from committee import agenda, decisions, minutes
from committee.models import WorkProgrammeItem
from tests.conftest import make_committee, make_meeting, make_report
from work_programme import forward_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken(governance_officer):
    cabinet = make_committee("Cabinet", kind="executive", takes_key_decisions=True)
    today = timezone.localdate()
    meeting = make_meeting(cabinet, today - datetime.timedelta(days=3))
    item = WorkProgrammeItem.objects.create(
        committee=cabinet,
        title="Leisure centre fees",
        key_decision=True,
        target_meeting=meeting,
        first_published_on=today - datetime.timedelta(days=60),
    )
    report = make_report(cabinet, title="Leisure centre fees", work_programme_item=item, key_decision=True)
    agenda_item = agenda.add_item(meeting, governance_officer, title="Leisure centre fees")
    agenda_item.report = report
    agenda_item.save()
    meeting.agenda_published_at = meeting.starts_at - datetime.timedelta(days=10)
    meeting.save()
    return item, agenda_item


def test_the_plan_lists_a_decision_taken_with_its_notice_once_published(client, taken, governance_officer):
    item, agenda_item = taken
    assert forward_plan.taken_plan() == [(item, None)]
    page = client.get(reverse("committee:forward_plan")).content.decode()
    assert "Decisions taken" in page and "decision notice not yet published" in page
    decision = minutes.set_decision(agenda_item, governance_officer, outcome="agreed")
    notice = decisions.publish_notice(decision, governance_officer, reasons="Costs.")
    assert forward_plan.taken_plan() == [(item, notice)]
    page = client.get(reverse("committee:forward_plan") + "?fresh").content.decode()
    assert reverse("committee:decision_notice", args=[notice.pk]) in page
    back = client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
    assert f"#taken-{item.pk}" in back and "on the Forward Plan from" in back


def test_the_plan_reads_its_decisions_in_a_constant_number_of_queries(
    taken, governance_officer, django_assert_max_num_queries
):
    item, agenda_item = taken
    decisions.publish_notice(
        minutes.set_decision(agenda_item, governance_officer, outcome="agreed"), governance_officer, reasons="R."
    )
    with django_assert_max_num_queries(2):
        assert len(forward_plan.taken_plan()) == 1
