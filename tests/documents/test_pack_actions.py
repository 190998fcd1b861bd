"""The actions tracker in the agenda pack: the committee's actions from earlier meetings, once their
minutes are published, are printed in the next meetings' packs until done; an action arising from a
Part 2 item is the governance officers' alone, in neither pack. Read back from the built PDF."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import pypdf
import pytest

from committee import agenda
from committee.models import AgendaItem, AgendaPack, Minutes
from documents import packs
from publishing import publication
from reports.models import Paragraph, Report, Section
from tests.conftest import make_meeting, make_report

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def run_worker():
    for pk in AgendaPack.objects.filter(status=AgendaPack.Status.QUEUED).values_list("pk", flat=True):
        packs.build_pack.call(pk)


def pack_text(meeting, variant=AgendaPack.Variant.PUBLIC) -> str:
    pack = AgendaPack.objects.get(meeting=meeting, variant=variant)
    assert pack.status == AgendaPack.Status.READY
    with pack.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def earlier(committee, governance_officer, django_capture_on_commit_callbacks):
    """A held meeting with an action from a public item and one from a Part 2 item, its minutes published."""
    meeting = make_meeting(committee, datetime.date(2017, 1, 10))
    public_item = AgendaItem.objects.create(meeting=meeting, position=1, title="Library hours")
    exempt_item = AgendaItem.objects.create(
        meeting=meeting, position=2, title="Depot sale", part=AgendaItem.Part.EXEMPT, exempt_paragraph=3
    )
    publication.add_action(
        meeting,
        governance_officer,
        description="Report back on Sunday opening",
        owner="Head of Libraries",
        due_on=datetime.date(2017, 3, 1),
        agenda_item=public_item,
    )
    publication.add_action(
        meeting, governance_officer, description="Obtain a second valuation", owner="Estates", agenda_item=exempt_item
    )
    Minutes.objects.create(
        meeting=meeting, status=Minutes.Status.PUBLISHED, published_at=datetime.datetime(2017, 1, 12, tzinfo=LONDON)
    )
    return meeting


@pytest.fixture
def next_meeting(committee, governance_officer, earlier, django_capture_on_commit_callbacks):
    meeting = make_meeting(committee, datetime.date(2017, 2, 21))
    report = make_report(committee, title="School places", status=Report.Status.APPROVED)
    section = Section.objects.create(report=report, heading="Background")
    Paragraph.objects.create(section=section, position=0, text="<p>Places are short.</p>")
    agenda.add_report_item(meeting, governance_officer, report)
    AgendaItem.objects.create(
        meeting=meeting, position=5, title="Exempt item", part=AgendaItem.Part.EXEMPT, exempt_paragraph=3
    )
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 10, 12, tzinfo=LONDON))
    run_worker()
    return meeting


def test_the_next_pack_prints_the_actions_not_done_and_leaves_out_part_2_ones(next_meeting):
    public = pack_text(next_meeting)
    assert "Actions tracker" in public
    assert "Report back on Sunday opening" in public and "Head of Libraries" in public and "1 March 2017" in public
    assert "Obtain a second valuation" not in public
    members = pack_text(next_meeting, AgendaPack.Variant.MEMBERS)
    assert "Report back on Sunday opening" in members and "Obtain a second valuation" not in members


def test_an_action_done_leaves_the_pack_when_it_is_rebuilt(
    next_meeting, earlier, governance_officer, django_capture_on_commit_callbacks
):
    action = earlier.actions.get(description="Report back on Sunday opening")
    with django_capture_on_commit_callbacks(execute=True):
        publication.update_action(action, governance_officer, status="in_progress", progress="Survey under way")
    run_worker()
    assert "In progress: Survey under way" in pack_text(next_meeting)
    with django_capture_on_commit_callbacks(execute=True):
        publication.update_action(action, governance_officer, status="done")
    run_worker()
    assert "Report back on Sunday opening" not in pack_text(next_meeting)


def test_actions_of_minutes_not_yet_published_are_not_printed(
    committee, governance_officer, django_capture_on_commit_callbacks
):
    held = make_meeting(committee, datetime.date(2017, 1, 10))
    publication.add_action(held, governance_officer, description="Draft only action", owner="Clerk")
    meeting = make_meeting(committee, datetime.date(2017, 2, 21))
    report = make_report(committee, title="School places", status=Report.Status.APPROVED)
    agenda.add_report_item(meeting, governance_officer, report)
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 10, 12, tzinfo=LONDON))
    run_worker()
    assert "Draft only action" not in pack_text(meeting) and "Actions tracker" not in pack_text(meeting)
