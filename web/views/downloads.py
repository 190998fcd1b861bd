"""Downloads of a report: PDF, Word and plain text.

Each asks web.views.reports.get_report_for_user (and so committee/access.py) first: whoever may not
read the report gets the same 404 as for its page. Each answers conditional requests (ETag), so a
browser or proxy that already has the file is told so without a render.
"""

from __future__ import annotations

import hashlib

import docx
import weasyprint
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from core.council import current_council
from core.language import is_welsh
from documents import pdf, pdf_store, tasks
from documents.docx import report_docx
from documents.plaintext import report_plain_text
from reports import access as report_access
from reports import welsh_edition
from reports.models import RenderedPdf, Report
from reports.published import last_published
from reports.revisions import latest_published_revision, readable_structure
from reports.structure import ReportStructure, loaded_structure, prefetch_report, report_structure
from web.views.reports import get_report_for_user

PUBLIC_MAX_AGE = 300  # seconds a public report's file may be reused before asking again


def _load(request, report: Report) -> ReportStructure:
    """What the report page shows: a published report's latest published revision (a correction
    being drafted stays out of sight), otherwise the report as it stands; its exempt passages and
    appendices only for those entitled to Part 2 (reports/exemption.py)."""
    revision = latest_published_revision(report) if report.status == Report.Status.PUBLISHED else None
    entitled = report_access.can_read_exempt_parts(request.user, report)
    if revision is None and entitled:
        return welsh_edition.for_reader(report_structure(prefetch_report().get(pk=report.pk)))
    return welsh_edition.for_reader(readable_structure(report, revision, entitled=entitled))


def _is_public(request, report: Report) -> bool:
    """The same file for everybody, so shared caches may keep it: a public report, asked for by someone
    who gets its public edition (a Part 2 reader's copy may hold exempt passages)."""
    return report_access.report_is_public(report) and not report_access.can_read_exempt_parts(request.user, report)


def _respond(request, report, body: bytes, *, etag: str, content_type: str, filename: str, attachment: bool):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    _cache_headers(request, response, report)
    return response


def _cache_headers(request, response, report) -> None:
    if _is_public(request, report):
        # The same file for everyone, signed in or not: shared caches may keep it (no Vary: Cookie).
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        # Never kept by shared caches; the browser asks again every time (cheap with the ETag).
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])


def _not_modified(request, report, etag: str):
    response = get_conditional_response(request, etag=etag)
    if response is not None:
        _cache_headers(request, response, report)
    return response


def _quoted(value: str) -> str:
    return f'"{value}"'


@require_safe
def report_pdf(request, pk: int):
    """A published report's PDF is its latest published revision's, frozen with it and rendered by
    the worker when it was published: answered from the file, with no rendering (documents/pdf_store.py).
    A Part 2 reader of a revision with exempt parts gets its members' edition, rendered by the worker
    in the same way. A report not yet published is rendered as it stands by the worker, once for each
    distinct content: until it has, the page says the PDF is being prepared and checks again."""
    report = get_report_for_user(request, pk)
    revision = pdf_store.published_revision_for_download(report)
    if revision is not None:
        # A published revision's PDFs never change: its identity and edition are its ETag.
        members = report_access.reads_members_edition(request.user, report, revision)
        # A Welsh reader gets the Welsh edition; a Part 2 reader the members' edition, in the reader's language.
        welsh = is_welsh()
        etag = _quoted(f"r{report.pk}.{revision.number}{'m' if members else ''}{'cy' if welsh else ''}")
        if cached := _not_modified(request, report, etag):
            return cached
        if welsh:
            rendered = tasks.ready_members_welsh_pdf(revision) if members else tasks.ready_welsh_pdf(revision)
        else:
            rendered = published_pdf(request.user, report, revision)
        if rendered is None:
            return pdf_being_prepared(request, report)
    else:
        if report_access.can_read_exempt_parts(request.user, report):  # a draft, rendered by the worker
            inputs = pdf_store.current_inputs(loaded_structure(report))
            etag = _quoted(inputs.key)
            if cached := _not_modified(request, report, etag):
                return cached
            rendered = tasks.ready_draft_pdf(inputs)
            if rendered is None:
                return draft_pdf_being_prepared(request, report)
        else:  # published before revisions were kept: its public edition
            return _current_pdf(request, report, readable_structure(report, None, entitled=False))
    return _file_response(request, report, rendered, etag)


@require_safe
def report_bilingual_pdf(request, pk: int):
    """A published report in Welsh and English in one PDF, as the council sets the two out: its public
    edition (Part 2 stays in the members' editions), rendered by the worker and kept with the revision."""
    report = get_report_for_user(request, pk)
    revision = pdf_store.published_revision_for_download(report)
    if revision is None:
        raise Http404("Only a published report is printed in both languages.")
    etag = _quoted(f"r{report.pk}.{revision.number}.both.{current_council().bilingual_layout}")
    if cached := _not_modified(request, report, etag):
        return cached
    path = tasks.ready_bilingual_pdf(revision)
    if path is None:
        return pdf_being_prepared(request, report)
    name = pdf.download_name(readable_structure(report, revision, entitled=False), "pdf").replace(".pdf", "-cy-en.pdf")
    response = FileResponse(default_storage.open(path, "rb"), content_type="application/pdf", filename=name)
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    _cache_headers(request, response, report)
    return response


def published_pdf(user, report: Report, revision) -> RenderedPdf | None:
    """The file of a published revision this reader gets, by the one rule (reports/access.py
    ``reads_members_edition``): the members' edition or the public one; None until the worker has
    rendered it (it is then asked to)."""
    if report_access.reads_members_edition(user, report, revision):
        return tasks.ready_members_pdf(revision)
    return tasks.ready_pdf(revision)


def _current_pdf(request, report, doc):
    """The public edition of a report published before revisions were kept, which the worker does
    not make (it renders published revisions and drafts)."""
    inputs = pdf_store.current_inputs(doc, report_id=report.pk)
    etag = _quoted(inputs.key)
    if cached := _not_modified(request, report, etag):
        return cached
    return _file_response(request, report, pdf_store.current_pdf(inputs), etag)


def _file_response(request, report, rendered, etag: str):
    response = FileResponse(rendered.file.open("rb"), content_type="application/pdf", filename=rendered.filename)
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    _cache_headers(request, response, report)
    if _is_public(request, report):
        # The anonymous page cache (web/caching.py) may keep where the file is, as it keeps pages.
        response.cacheable_file_name = rendered.file.name
    return response


def pdf_being_prepared(request, report: Report):
    """Published moments ago, its PDF not yet rendered by the worker: say so, and offer the web page.

    503 with Retry-After, and never stored by any cache, so the next request finds the file."""
    # The title as published: the live row may hold a correction nobody has published yet.
    context = {"report": report, "title": last_published(report).title}
    response = render(request, "reports/pdf_being_prepared.html", context, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def draft_pdf_being_prepared(request, report: Report):
    """A draft's PDF preview, not yet rendered by the worker: say so, and check again — by a meta
    refresh without JavaScript, by asking in the background with it (static/js/pdf-preview.js)."""
    response = render(request, "reports/draft_pdf_being_prepared.html", {"report": report}, status=202)
    response["Cache-Control"] = "no-store"
    return response


def _content_etag(doc: ReportStructure, kind: str, version: str) -> str:
    """Word and text files depend on exactly what the printed HTML shows, and on the writer's version."""
    digest = hashlib.sha256(f"{kind}\0{version}\0{weasyprint.__version__}\0".encode())
    digest.update(pdf.report_print_html(doc).encode())
    return _quoted(f"{kind}-{digest.hexdigest()[:40]}")


@require_safe
def report_docx_download(request, pk: int):
    report = get_report_for_user(request, pk)
    doc = _load(request, report)
    etag = _content_etag(doc, "docx", getattr(docx, "__version__", ""))
    if cached := _not_modified(request, report, etag):
        return cached
    return _respond(
        request,
        report,
        report_docx(doc, council_name=current_council().reader_name),
        etag=etag,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename=pdf.download_name(doc, "docx"),
        attachment=True,
    )


@require_safe
def report_text(request, pk: int):
    report = get_report_for_user(request, pk)
    doc = _load(request, report)
    etag = _content_etag(doc, "text", "1")
    if cached := _not_modified(request, report, etag):
        return cached
    return _respond(
        request,
        report,
        report_plain_text(doc, council_name=current_council().reader_name).encode("utf-8"),
        etag=etag,
        content_type="text/plain; charset=utf-8",
        filename=pdf.download_name(doc, "txt"),
        attachment=False,
    )
