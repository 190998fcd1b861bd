"""OParl: one Consultation per step of a report's route, valid against the OParl 1.1 schema."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from committee import agenda, routes
from committee.models import Committee, Consultation
from publishing import publication
from reports.models import Report
from tests.conftest import make_committee, make_meeting
from tests.oparl_validation import validate_list, validate_object
from tests.opendata.test_oparl import BODY, get_json, whole_list
from tests.opendata_builders import build_open_council

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(demo):
    return build_open_council()


@pytest.fixture
def officer(council):
    return User.objects.get(username="governance")


@pytest.fixture
def routed(council, officer):
    """The public report: already on its committee's published agenda; then to Cabinet, then Council."""
    report = council.public_report
    cabinet = Committee.objects.filter(kind=Committee.Kind.EXECUTIVE).first() or make_committee(
        "Cabinet", kind="executive"
    )
    council_body = make_committee("Council")
    routes.add_step(report, officer, committee=council.committee, meeting=council.meeting, role="recommendation")
    cabinet_meeting = make_meeting(cabinet, datetime.date(2031, 3, 3))
    routes.add_step(report, officer, committee=cabinet, meeting=cabinet_meeting, role="decision")
    routes.add_step(report, officer, committee=council_body, role="comment")
    return report, cabinet_meeting


def consultations_of(client, report) -> list[dict]:
    return get_json(client, f"/oparl/v1/paper/{report.pk}")["consultation"]


def test_every_step_is_a_consultation_with_its_role_and_whether_it_decides(client, routed, council):
    report, cabinet_meeting = routed
    listed = whole_list(client, f"{BODY}/consultation")
    mine = [c for c in listed if c["paper"].endswith(f"/paper/{report.pk}")]
    assert sorted((c.get("role"), c.get("authoritative")) for c in mine) == [
        ("For comment", False),
        ("For decision", True),
        ("For recommendation", False),
    ]
    taken = next(c for c in mine if c["role"] == "For recommendation")
    assert "agendaItem" in taken  # the step a published agenda took is its agenda item's consultation
    planned = next(c for c in mine if c["role"] == "For decision")
    assert "/consultation/planned-" in planned["id"] and planned["meeting"].endswith(f"/meeting/{cabinet_meeting.pk}")
    undecided = next(c for c in mine if c["role"] == "For comment")
    assert "meeting" not in undecided and "agendaItem" not in undecided
    for obj in mine:
        validate_object(obj)
        assert client.get(obj["id"].removeprefix("http://testserver")).json() == obj
    # The paper embeds every step too.
    assert sorted(c["id"] for c in consultations_of(client, report)) == sorted(c["id"] for c in mine)


def test_a_step_taken_by_a_published_agenda_replaces_its_planned_consultation(client, routed, officer):
    report, cabinet_meeting = routed
    planned = [c["id"] for c in whole_list(client, f"{BODY}/consultation") if "planned-" in c["id"]]
    before = timezone.now()
    agenda.add_report_item(cabinet_meeting, officer, report)
    publication.publish_agenda(cabinet_meeting, officer)
    live = whole_list(client, f"{BODY}/consultation")
    cabinet = [c for c in live if c.get("meeting", "").endswith(f"/meeting/{cabinet_meeting.pk}")]
    assert len(cabinet) == 1 and "agendaItem" in cabinet[0] and cabinet[0]["authoritative"] is True
    since = before.isoformat().replace("+00:00", "Z")
    page = get_json(client, f"{BODY}/consultation?modified_since={since}")
    validate_list(page)
    deleted = {c["id"] for c in page["data"] if c.get("deleted")}
    gone = {i for i in planned if i not in {c["id"] for c in live}}
    assert gone and gone <= deleted


def test_an_unpublished_reports_route_is_not_open_data(client, council, officer):
    draft = council.draft_report
    routes.add_step(draft, officer, committee=council.committee, role="decision")
    step = Consultation.objects.get(report=draft)
    assert client.get(f"/oparl/v1/consultation/planned-{step.pk}").status_code == 404
    ids = {c["id"] for c in whole_list(client, f"{BODY}/consultation")}
    assert not any(i.endswith(f"planned-{step.pk}") for i in ids)
    assert Report.objects.filter(pk=draft.pk, status=Report.Status.DRAFT).exists()
