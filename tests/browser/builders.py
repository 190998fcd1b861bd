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


def start_and_write_by_the_forms(page, base: str, committee, meeting) -> tuple[Report, Section, Paragraph]:
    """As an author signed in: start "Libraries strategy review" from the standard template, then by the
    editor's plain forms write a paragraph with a list in section 1 and a sub-paragraph under 5.4 "Risk
    Management". Gives the report, section 1 and the 5.4 paragraph."""
    page.goto(f"{base}/reports/new/")
    page.select_option("select[name=committee]", str(committee.pk))
    page.select_option("select[name=meeting]", str(meeting.pk))
    page.fill("input[name=title]", "Libraries strategy review")
    page.fill("input[name=report_of]", "Strategic Lead, Libraries")
    page.get_by_role("button", name="Start the report").click()
    page.get_by_role("heading", name="Edit the report").wait_for()
    report = Report.objects.get(title="Libraries strategy review")
    first = report.sections.get(heading="Why this report is needed")
    page.locator(f"#add-section-{first.pk} a").click()
    page.fill(f"#section-{first.pk}-new-text", "Two years of community-run libraries.\n- Footfall rose\n- Costs fell")
    page.get_by_role("button", name="Add the paragraph").click()
    page.get_by_text("Footfall rose").wait_for()
    risk = Paragraph.objects.get(section__report=report, heading="Risk Management")
    page.get_by_role("link", name="Add a sub-paragraph under 5.4").click()
    page.fill(f"#under-{risk.pk}-text", "None in the context of this report.")
    page.get_by_role("button", name="Add the sub-paragraph").click()
    page.locator(f"#paragraph-{risk.pk} .council-number", has_text="5.4.1").wait_for()
    return report, first, risk
