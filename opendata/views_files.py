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
from committee.views_public import meeting_minutes
from reports.models import Appendix, BackgroundPaper


def _serve(request, report, stored_file, content_type: str) -> FileResponse:
    if not access.can_view_report(request.user, report) or not stored_file:
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
    return _serve(request, appendix.report, appendix.file, appendix.content_type)


@require_safe
def background_paper_download(request, pk: int):
    paper = get_object_or_404(BackgroundPaper.objects.select_related("report"), pk=pk)
    return _serve(request, paper.report, paper.file, "")


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
