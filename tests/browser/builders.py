"""Small builders the meeting journeys share: the people, an approved report, a published meeting
whose agenda pack the background worker has built, and reading a downloaded PDF back."""

from __future__ import annotations

import datetime
import io

import pypdf
from django.core.management import call_command
from django.utils import timezone

from committee import access, agenda
from committee.models import AgendaPack, Meeting
from publishing import publication as publishing
from reports import workflow
from reports.models import Paragraph, Recommendation, Report, Section
from tests.conftest import make_committee, make_meeting, make_report, make_user

# A sentence in the report's text: searched for, and looked for in its PDF and the pack.
PHRASE = "Footfall at Church End library rose by a third"


def people() -> dict:
    committee = make_committee(requires_finance_signoff=False, requires_director_signoff=False)
    return {
        "committee": committee,
        "author": make_user("author", access.REPORT_AUTHORS),
        "approver": make_user("legal", access.LEGAL_APPROVERS),
        "officer": make_user("governance", access.GOVERNANCE_OFFICERS, is_staff=True, first_name="Gus"),
    }


def future_meeting(committee, days: int) -> Meeting:
    return make_meeting(committee, timezone.localdate() + datetime.timedelta(days=days))


def approved_report(council: dict, title: str, meeting: Meeting) -> Report:
    """A written report, cleared by legal and approved for publication, as the workflow does it."""
    report = make_report(
        council["committee"],
        meeting=meeting,
        author=council["author"],
        title=title,
        summary="<p>Opening hours change.</p>",
    )
    Recommendation.objects.create(report=report, text="<p>That the Committee agree the new hours.</p>")
    section = Section.objects.create(report=report, heading="Reasons for recommendations")
    Paragraph.objects.create(section=section, text=f"<p>{PHRASE} after the refit.</p>")
    workflow.submit(report, council["author"], {"legal": council["approver"]})
    workflow.sign_off(report, council["approver"], "legal", approve=True)
    workflow.approve_for_publication(report, council["officer"])
    return report


def run_the_worker() -> None:
    """What `manage.py db_worker` does in production, here until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def published_meeting(council: dict) -> Meeting:
    """A meeting a month away with its agenda published on time and its pack built."""
    meeting = future_meeting(council["committee"], days=30)
    report = approved_report(council, "Library opening hours", meeting)
    agenda.add_opening_items(meeting, council["officer"])
    agenda.add_report_item(meeting, council["officer"], report)
    publishing.publish_agenda(meeting, council["officer"])
    run_the_worker()
    assert AgendaPack.objects.get(meeting=meeting).status == AgendaPack.Status.READY
    return meeting


def pdf_text(data: bytes) -> tuple[int, str]:
    """The page count and text of a PDF, read back as a reader's software would."""
    assert data.startswith(b"%PDF"), data[:20]
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)
