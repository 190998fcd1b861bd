"""The small council the access matrix runs against: one report in every state that matters,
each non-public one carrying canary text that must never reach a visitor who may not read it."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from committee import access, agenda
from committee.models import Committee, Meeting, WorkProgrammeItem
from documents import packs
from publishing import publication as publishing
from reports import revisions, workflow
from reports.models import Appendix, BackgroundPaper, Paragraph, Recommendation, Report, Section
from tests.conftest import LONDON, make_committee, make_meeting, make_report, make_user


def tiny_pdf() -> bytes:
    """A real one-page PDF, so appendix downloads and pack assembly have something to read."""
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(200, 200)
    writer.write(out)
    return out.getvalue()


def canary(state: str) -> str:
    """Text unique to one report's hidden content: seeing it proves the content leaked."""
    return f"CANARY{state.replace('_', '').upper()}"


@dataclass
class World:
    committee: Committee
    other_committee: Committee
    published_meeting: Meeting  # agenda published: the public and exempt reports are on it
    unpublished_meeting: Meeting  # agenda being built: the reports still in clearance are on it
    users: dict[str, User | None]
    reports: dict[str, Report]
    wp_items: dict[str, WorkProgrammeItem] = field(default_factory=dict)


def _fill(report: Report, secret: str) -> None:
    """Every part of the report carries the secret, so any surface that shows any part is caught."""
    report.summary = f"<p>Summary {secret}</p>"
    report.save()
    Recommendation.objects.create(report=report, text=f"<p>Recommend {secret}</p>")
    section = Section.objects.create(report=report, heading=f"Heading {secret}")
    parent = Paragraph.objects.create(section=section, text=f"<p>Paragraph {secret}</p>")
    Paragraph.objects.create(section=section, parent=parent, text=f"<ul><li>Bullet {secret}</li></ul>")
    Section.objects.create(report=report, heading="Background papers", is_background_papers=True, position=1)
    paper = BackgroundPaper(report=report, title=f"Paper {secret}")
    paper.file.save("paper.pdf", ContentFile(tiny_pdf()), save=True)
    appendix = Appendix(report=report, title=f"Appendix {secret}", content_type="application/pdf")
    content = tiny_pdf()
    appendix.file.save("appendix.pdf", ContentFile(content), save=False)
    appendix.size = len(content)
    appendix.save()


def build_world() -> World:
    committee = make_committee(requires_finance_signoff=False, requires_director_signoff=False)
    other = make_committee("Adults and Safeguarding Committee")
    users: dict[str, User | None] = {
        "anonymous": None,
        "author": make_user("author", access.REPORT_AUTHORS),
        "other_author": make_user("otherauthor", access.REPORT_AUTHORS),
        "approver": make_user("legal", access.LEGAL_APPROVERS),
        "governance_officer": make_user("governance", access.GOVERNANCE_OFFICERS, is_staff=True),
        "committee_member": make_user("member", access.COMMITTEE_MEMBERS, committee=committee),
        "other_committee_member": make_user("othermember", access.COMMITTEE_MEMBERS, committee=other),
        "administrator": make_user("admin", access.ADMINISTRATORS, is_staff=True, is_superuser=True),
    }
    author, approver, officer = users["author"], users["approver"], users["governance_officer"]
    published_meeting = make_meeting(committee, datetime.date(2017, 2, 21))
    unpublished_meeting = make_meeting(committee, datetime.date(2017, 3, 21))

    reports: dict[str, Report] = {}

    def new(state: str, **extra) -> Report:
        title = "Libraries review" if state == "published_public" else f"Report {canary(state)}"
        if state == "published_exempt":
            title = "Exempt property disposal"  # an exempt item's title is public; its content is not
        report = make_report(committee, title=title, author=author, **extra)
        _fill(report, canary(state) if state != "published_public" else "PUBLICTEXT")
        revisions.record(report, author)
        reports[state] = report
        return report

    new("draft", meeting=unpublished_meeting)
    for state in ("submitted", "cleared", "approved", "withdrawn"):
        report = new(state, meeting=unpublished_meeting)
        workflow.submit(report, author, {"legal": approver})
        if state in ("cleared", "approved"):
            workflow.sign_off(report, approver, "legal", approve=True)
        if state == "approved":
            workflow.approve_for_publication(report, officer)
        if state == "withdrawn":
            workflow.withdraw(report, author)
    for state, exempt in (("published_public", False), ("published_exempt", True)):
        extra = {"is_exempt": True, "exempt_paragraph": 3} if exempt else {}
        report = new(state, meeting=published_meeting, **extra)
        workflow.submit(report, author, {"legal": approver})
        workflow.sign_off(report, approver, "legal", approve=True)
        workflow.approve_for_publication(report, officer)

    agenda.add_opening_items(published_meeting, officer)
    agenda.add_report_item(published_meeting, officer, reports["published_public"])
    agenda.add_report_item(published_meeting, officer, reports["published_exempt"])
    publishing.publish_agenda(published_meeting, officer, now=datetime.datetime(2017, 2, 10, 12, tzinfo=LONDON))
    # The packs are built by a background task after publication: build them here, in this transaction.
    published_meeting.refresh_from_db()
    for pack in packs.request_packs(published_meeting):
        packs.build_pack.call(pack.pk)
    for state in ("draft", "submitted", "cleared", "approved"):
        agenda.add_report_item(unpublished_meeting, officer, reports[state])
    for report in reports.values():
        report.refresh_from_db()

    wp_items = {
        "wp_public": WorkProgrammeItem.objects.create(
            committee=committee, title="Library opening hours", purpose="PUBLICTEXT", target_meeting=unpublished_meeting
        ),
        "wp_exempt": WorkProgrammeItem.objects.create(
            committee=committee,
            title="Disposal of a depot",
            purpose=f"Purpose {canary('wp_exempt')}",
            is_exempt=True,
            exempt_paragraph=3,
            target_meeting=unpublished_meeting,
        ),
    }
    return World(committee, other, published_meeting, unpublished_meeting, users, reports, wp_items)
