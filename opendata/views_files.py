"""Appendices and background papers, served through the same permission check as the report
they belong to: open data links here, and a member sees their committee's Part 2 papers."""

from __future__ import annotations

import mimetypes
import os

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from committee import access
from reports.models import Appendix, BackgroundPaper


def _serve(request, report, stored_file, content_type: str, download: bool) -> FileResponse:
    if not access.can_view_report(request.user, report) or not stored_file:
        raise Http404("No file here")
    name = os.path.basename(stored_file.name)
    try:
        handle = stored_file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing") from error
    response = FileResponse(
        handle,
        as_attachment=download,
        filename=name,
        content_type=content_type or mimetypes.guess_type(name)[0] or "application/octet-stream",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def appendix_file(request, pk: int, download: bool = False):
    appendix = get_object_or_404(Appendix.objects.select_related("report"), pk=pk)
    return _serve(request, appendix.report, appendix.file, appendix.content_type, download)


@require_safe
def background_paper_file(request, pk: int, download: bool = False):
    paper = get_object_or_404(BackgroundPaper.objects.select_related("report"), pk=pk)
    return _serve(request, paper.report, paper.file, "", download)
