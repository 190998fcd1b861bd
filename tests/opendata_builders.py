"""A council with everything open data must handle: terms, files, an exempt item, a withdrawn
report and an unpublished one, on top of the demo council."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from committee.models import AgendaItem, Committee, Meeting
from opendata.models import CouncilTerm
from reports.models import Appendix, BackgroundPaper, Report
from tests.conftest import make_meeting, make_report

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def add_appendix(report: Report, title: str, content: bytes = PDF_BYTES, name: str = "appendix.pdf") -> Appendix:
    appendix = Appendix(
        report=report,
        title=title,
        content_type="application/pdf",
        size=len(content),
        sha512=hashlib.sha512(content).hexdigest(),
    )
    appendix.file.save(name, ContentFile(content), save=False)
    appendix.save()
    return appendix


@dataclass
class OpenCouncil:
    committee: Committee
    meeting: Meeting
    public_report: Report
    appendix: Appendix
    paper_file: BackgroundPaper
    exempt_item: AgendaItem
    exempt_report: Report
    exempt_appendix: Appendix
    withdrawn_report: Report
    draft_report: Report
    draft_item: AgendaItem
    unpublished_meeting: Meeting


def build_open_council() -> OpenCouncil:
    """Call after the demo is loaded."""
    assert CouncilTerm.objects.count() == 2, "the demo council records its terms"
    public_report = Report.objects.get(title__startswith="HMIC")
    meeting = public_report.meeting
    committee = public_report.committee
    appendix = add_appendix(public_report, "Metropolitan Police action plan")
    paper_file = BackgroundPaper(report=public_report, position=9, title="Local safeguarding board minutes")
    paper_file.file.save("board-minutes.pdf", ContentFile(PDF_BYTES), save=False)
    paper_file.save()

    exempt_report = make_report(
        committee,
        meeting=meeting,
        title="Award of contract: residential placements (exempt)",
        status=Report.Status.PUBLISHED,
        published_at=timezone.now(),
        is_exempt=True,
        exempt_paragraph=3,
    )
    exempt_appendix = add_appendix(exempt_report, "Tender evaluation scores", b"%PDF-1.4 secret prices", "scores.pdf")
    exempt_item = AgendaItem.objects.create(
        meeting=meeting,
        position=50,
        title="Award of contract: residential placements",
        kind=AgendaItem.Kind.EXEMPT,
        part=AgendaItem.Part.EXEMPT,
        exempt_paragraph=3,
        report=exempt_report,
    )
    withdrawn_report = make_report(
        committee,
        meeting=meeting,
        title="Withdrawn: youth service restructure",
        status=Report.Status.WITHDRAWN,
        published_at=timezone.now() - datetime.timedelta(days=3),
    )
    AgendaItem.objects.create(meeting=meeting, position=30, title=withdrawn_report.title, report=withdrawn_report)
    draft_report = make_report(committee, meeting=meeting, title="Draft: not yet cleared", status=Report.Status.DRAFT)
    draft_item = AgendaItem.objects.create(
        meeting=meeting, position=40, title="Early help strategy", kind=AgendaItem.Kind.REPORT, report=draft_report
    )
    unpublished_meeting = make_meeting(committee, datetime.date(2031, 3, 3))
    AgendaItem.objects.create(meeting=unpublished_meeting, position=0, title="Secret future business")
    return OpenCouncil(
        committee=committee,
        meeting=meeting,
        public_report=public_report,
        appendix=appendix,
        paper_file=paper_file,
        exempt_item=exempt_item,
        exempt_report=exempt_report,
        exempt_appendix=exempt_appendix,
        withdrawn_report=withdrawn_report,
        draft_report=draft_report,
        draft_item=draft_item,
        unpublished_meeting=unpublished_meeting,
    )
