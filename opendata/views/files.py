"""Files as downloads (OParl's downloadUrl: always an attachment) through the same permission checks
as the pages that show them inline (OParl's accessUrl): appendices and background papers as their
report, a meeting's minutes as its minutes page, the public agenda pack as the meeting's page."""

from __future__ import annotations

import mimetypes
import os

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from committee import access
from committee.models import AgendaPack, Meeting
from documents import file_facts, pdf_store
from reports import access as report_access
from reports.models import Appendix, BackgroundPaper, Report
from reports.revisions import readable_structure
from reports.structure import loaded_structure
from web.views.downloads import pdf_being_prepared, published_pdf
from web.views.public import meeting_minutes


def _serve(request, report, attachment, content_type: str) -> FileResponse:
    # The one rule for a report's files, as the report page's own file routes ask it: a file added
    # while a correction is drafted is not public until the correction is.
    stored_file = attachment.file
    if not stored_file or not report_access.can_open_report_file(request.user, report, attachment):
        raise Http404("No file here")
    name = os.path.basename(stored_file.name)
    try:
        handle = stored_file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=content_type or mimetypes.guess_type(name)[0] or "application/octet-stream",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def appendix_download(request, pk: int):
    appendix = get_object_or_404(Appendix.objects.select_related("report"), pk=pk)
    return _serve(request, appendix.report, appendix, appendix.content_type)


@require_safe
def background_paper_download(request, pk: int):
    paper = get_object_or_404(BackgroundPaper.objects.select_related("report"), pk=pk)
    return _serve(request, paper.report, paper, "")


@require_safe
def minutes_download(request, pk: int):
    """The minutes page itself, as a file to keep: the same check and content as the page."""
    meeting = get_object_or_404(Meeting, pk=pk)
    response = meeting_minutes(request, pk)
    response["Content-Disposition"] = content_disposition_header(True, f"minutes-{meeting.date:%Y-%m-%d}.html")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def agenda_pack_download(request, pk: int):
    pack = get_object_or_404(
        AgendaPack.objects.select_related("meeting"), meeting_id=pk, variant=AgendaPack.Variant.PUBLIC
    )
    if not access.can_download_pack(request.user, pack) or pack.status != AgendaPack.Status.READY or not pack.file:
        raise Http404("No pack here")
    try:
        handle = pack.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"agenda-pack-{pack.meeting.date:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def report_download(request, pk: int):
    """The report's PDF, the file its own address serves inline (documents/pdf_store.py), as an
    attachment. A download of a public report records its size, checksum and text for open data if
    they were not yet known."""
    report = get_object_or_404(Report, pk=pk)
    if not report_access.can_view_report(request.user, report):
        raise Http404("No report here")
    revision = pdf_store.published_revision_for_download(report)
    if revision is not None:
        rendered = published_pdf(request.user, report, revision)
        if rendered is None:
            return pdf_being_prepared(request, report)
    else:
        doc = loaded_structure(report)
        if not report_access.can_read_exempt_parts(request.user, report):
            doc = readable_structure(report, None, entitled=False)  # published before revisions were kept
        rendered = pdf_store.current_pdf(pdf_store.current_inputs(doc, report_id=report.pk))
    if Report.objects.public().filter(pk=pk).exists() and not file_facts.report_facts_are_current(report):
        file_facts.record_report_pdf(report)
    response = FileResponse(
        rendered.file.open("rb"), as_attachment=True, filename=rendered.filename, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Access-Control-Allow-Origin"] = "*"
    if (
        report.status != Report.Status.PUBLISHED
        or report_access.published_report_is_exempt(report)
        or rendered.members_revision_id is not None  # the members' edition holds exempt parts
    ):
        response["Cache-Control"] = "private, no-store"
    return response
