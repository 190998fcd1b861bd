"""The title block's Timetable row, computed from the report's route (committee/routes.py)."""

import datetime

import pytest

from committee import routes
from committee.models import Consultation
from reports import revisions
from reports.models import Report, TitleBlockRow
from reports.structure import loaded_structure
from reports.templates_setup import start_report_from_template
from tests.conftest import make_committee, make_meeting
from tests.reports.test_templates import cabinet_template, surfaces

pytestmark = pytest.mark.django_db


@pytest.fixture
def routed(governance_officer, author):
    pac, cabinet = make_committee("Policy Advisory Committee"), make_committee("Cabinet", kind="executive")
    template = cabinet_template()
    TitleBlockRow.objects.create(template=template, position=0, field=TitleBlockRow.Field.TITLE, label="Title")
    TitleBlockRow.objects.create(template=template, position=1, field=TitleBlockRow.Field.ROUTE, label="Timetable")
    report = start_report_from_template(
        template, committee=cabinet, title="Leisure strategy", report_of="Director", author=author
    )
    routes.add_step(
        report,
        governance_officer,
        committee=pac,
        meeting=make_meeting(pac, datetime.date(2027, 1, 16)),
        role=Consultation.Role.COMMENT,
    )
    routes.add_step(report, governance_officer, committee=cabinet, role=Consultation.Role.DECISION)
    return report


EXPECTED = "Policy Advisory Committee, 16 January 2027 (for comment); Cabinet, date to be decided (for decision)"


def test_the_timetable_row_is_the_route(routed):
    rows = {row.label: row.value for row in loaded_structure(routed).title_rows}
    assert rows["Timetable"] == EXPECTED


def test_the_timetable_row_is_printed_everywhere_and_kept_in_the_published_revision(client, routed):
    Report.objects.filter(pk=routed.pk).update(status=Report.Status.PUBLISHED)
    routed.refresh_from_db()
    revisions.record(routed, None, published=True)
    for name, text in surfaces(client, routed).items():
        if name == "docx":
            continue  # the title block is a table there, which `surfaces` does not read
        assert "Policy Advisory Committee, 16 January 2027 (for comment)" in text, name
    latest = routed.revisions.order_by("-number").first()
    kept = next(row for row in latest.content["title_rows"] if row["field"] == "route")
    assert (kept["label"], kept["value"]) == ("Timetable", EXPECTED)
    # Each step's facts, so that a Welsh edition words it again (tests/reports/test_route_and_key_decision_in_welsh.py).
    assert [(step["committee"], step["date"], step["role"]) for step in kept["steps"]] == [
        ("Policy Advisory Committee", "2027-01-16", "comment"),
        ("Cabinet", None, "decision"),
    ]


def test_a_report_without_a_route_names_its_own_committee_and_meeting(author):
    committee = make_committee("Cabinet")
    template = cabinet_template()
    TitleBlockRow.objects.create(template=template, position=0, field=TitleBlockRow.Field.ROUTE, label="Timetable")
    report = start_report_from_template(template, committee=committee, title="T", report_of="D", author=author)
    assert loaded_structure(report).title_rows[0].value == "Cabinet, date to be decided"
    report.meeting = make_meeting(committee, datetime.date(2027, 3, 2))
    report.save()
    assert loaded_structure(Report.objects.get(pk=report.pk)).title_rows[0].value == "Cabinet, 2 March 2027"
