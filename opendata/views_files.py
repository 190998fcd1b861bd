"""Appendices and background papers as downloads (OParl's downloadUrl: always an attachment), through
the same permission check as the report they belong to. The report's own pages serve them inline."""

from __future__ import annotations

import mimetypes
import os

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from committee import access
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
