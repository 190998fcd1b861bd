"""A Welsh officer reads the refusals of agenda publication in Welsh, the dates and titles too (issue 21)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from committee import agenda
from publishing import publication as publishing
from reports.models import Report
from tests.conftest import make_report

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# The fixture meeting is Tuesday 21 February 2017: publishing on the 16th is after the deadline.
LATE = datetime.datetime(2017, 2, 16, 9, 0, tzinfo=LONDON)


def test_a_late_agenda_asks_for_its_reason_in_welsh_with_the_deadline_in_welsh(meeting, governance_officer, committee):
    report = make_report(committee, title="Libraries review", status=Report.Status.APPROVED)
    agenda.add_report_item(meeting, governance_officer, report)
    with translation.override("cy"), pytest.raises(publishing.LateReasonRequired) as refused:
        publishing.publish_agenda(meeting, governance_officer, now=LATE)
    assert str(refused.value) == (
        "Y dyddiad olaf i gyhoeddi oedd Dydd Llun, 13 Chwefror 2017. "
        "Dywedwch pam mae hyn yn hwyr: eitem hwyr, neu frys."
    )


def test_reports_not_approved_are_named_by_their_welsh_titles(meeting, governance_officer, committee):
    draft = make_report(committee, title="School places strategy", title_cy="Strategaeth lleoedd ysgol")
    agenda.add_report_item(meeting, governance_officer, draft)
    with translation.override("cy"), pytest.raises(publishing.PublishRefused) as refused:
        publishing.publish_agenda(meeting, governance_officer, now=LATE)
    message = str(refused.value)
    assert message.startswith("Nid yw'r adroddiadau hyn wedi'u cymeradwyo eto: “Strategaeth lleoedd ysgol” (")
    assert "School places strategy" not in message


def test_a_cancelled_meetings_agenda_is_refused_in_welsh(meeting, governance_officer):
    meeting.status = meeting.Status.CANCELLED
    meeting.save()
    with translation.override("cy"), pytest.raises(agenda.AgendaError) as refused:
        publishing.publish_agenda(meeting, governance_officer, now=LATE)
    assert str(refused.value) == "Mae'r cyfarfod hwn wedi'i ganslo: nid oes agenda i'w chyhoeddi."
