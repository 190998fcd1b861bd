"""Documents as Modern.gov's web service sees them: one integer id space for everything attached
to an agenda item (the report, its appendices, its background papers).

Modern.gov clients keep attachment ids, so ours must be stable integers: the last digit says what
kind of document it is and the rest is that document's own id (report 12 → 121, appendix 3 → 32).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from reports import access
from reports.models import Appendix, BackgroundPaper, Report
from reports.published import last_published, prefetch

# A redacted version of an exempt appendix is a document of its own (appendix 3's is 34).
REPORT, APPENDIX, BACKGROUND_PAPER, REDACTED_APPENDIX = 1, 2, 3, 4


def attachment_id(kind: int, pk: int) -> int:
    return pk * 10 + kind


def split_attachment_id(value: int) -> tuple[int, int]:
    return value % 10, value // 10


@dataclass(frozen=True)
class Attachment:
    id: int
    title: str
    url: str  # site-relative, or absolute for a paper held elsewhere
    published: datetime.datetime | datetime.date | None
    report_id: int
    # An exempt appendix of a public report: named, with no address (Modern.gov's isrestricted).
    restricted: bool = False


def report_document_url(report: Report) -> str:
    """The report's PDF once rendering provides a URL for it, else its page."""
    try:
        return reverse("reports:report_pdf", args=[report.pk])
    except NoReverseMatch:
        return report.get_absolute_url()


def report_attachment(report: Report) -> Attachment:
    # The title as last published: a correction being drafted is not public until it is published.
    title = last_published(report).title
    url = report_document_url(report)
    return Attachment(attachment_id(REPORT, report.pk), title, url, report.published_at, report.pk)


def appendix_attachment(appendix: Appendix) -> Attachment:
    if appendix.exempt_paragraph:
        return Attachment(
            attachment_id(APPENDIX, appendix.pk), appendix.title, "", appendix.created, appendix.report_id, True
        )
    return Attachment(
        attachment_id(APPENDIX, appendix.pk),
        appendix.title,
        reverse("reports:appendix_file", args=[appendix.report_id, appendix.pk]),
        appendix.created,
        appendix.report_id,
    )


def redacted_appendix_attachment(appendix: Appendix) -> Attachment:
    """The published redacted version of an exempt appendix: public, in the appendix's place."""
    return Attachment(
        attachment_id(REDACTED_APPENDIX, appendix.pk),
        f"{appendix.title} (redacted version)",
        reverse("reports:appendix_redacted_file", args=[appendix.report_id, appendix.pk]),
        appendix.created,
        appendix.report_id,
    )


def background_paper_attachment(paper: BackgroundPaper) -> Attachment:
    url = reverse("reports:paper_file", args=[paper.report_id, paper.pk]) if paper.file else paper.url
    return Attachment(attachment_id(BACKGROUND_PAPER, paper.pk), paper.title, url, paper.date, paper.report_id)


def public_attachments_of(report_ids) -> dict[int, list[Attachment]]:
    """Every public document of these reports, report first, in a constant number of queries; an exempt
    appendix of a public report by its title only, restricted, or by its redacted version once one is published."""
    found: dict[int, list[Attachment]] = {pk: [] for pk in report_ids}
    for report in Report.objects.public().filter(pk__in=report_ids).prefetch_related(prefetch()).order_by("pk"):
        found[report.pk].append(report_attachment(report))
    appendices = access.announced_appendices().filter(report_id__in=report_ids)
    redacted = set(access.public_redacted_appendices().filter(report_id__in=report_ids).values_list("pk", flat=True))
    for appendix in appendices.order_by("report_id", "position", "id"):
        if appendix.pk in redacted:
            found[appendix.report_id].append(redacted_appendix_attachment(appendix))
        else:
            found[appendix.report_id].append(appendix_attachment(appendix))
    for paper in (
        access.public_background_papers().filter(report_id__in=report_ids).order_by("report_id", "position", "id")
    ):
        found[paper.report_id].append(background_paper_attachment(paper))
    return found


def public_attachment(value: int) -> Attachment | None:
    """One public document by its attachment id; None for anything the public may not see."""
    kind, pk = split_attachment_id(value)
    if kind == REPORT:
        report = Report.objects.public().filter(pk=pk).first()
        return report_attachment(report) if report else None
    if kind == APPENDIX:
        appendix = access.public_appendices().filter(pk=pk).first()
        return appendix_attachment(appendix) if appendix else None
    if kind == REDACTED_APPENDIX:
        appendix = access.public_redacted_appendices().filter(pk=pk).first()
        return redacted_appendix_attachment(appendix) if appendix else None
    if kind == BACKGROUND_PAPER:
        paper = access.public_background_papers().filter(pk=pk).first()
        return background_paper_attachment(paper) if paper else None
    return None
