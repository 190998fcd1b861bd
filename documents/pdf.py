"""Reports as print-quality, tagged PDFs (WeasyPrint, PDF/UA-1): one function a document, each from a
fully evaluated ``ReportStructure``; rendering never touches the network. How PDFs, appendices and packs
are made, and why: docs/documents.md.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import mimetypes
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint.text.fonts import FontConfiguration

from core import colours
from core.council import DEFAULT_HEADER_COLOUR, DEFAULT_LINK_COLOUR, current_council
from core.language import WELSH, is_welsh
from documents.pdf_appendices import append_pdfs
from reports import exemption
from reports.structure import ReportStructure

logger = logging.getLogger(__name__)
# WeasyPrint logs every step of every render at INFO: noise in a server's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PRINT_CSS = "print/report.css"
PDF_VARIANT = "pdf/ua-1"
LANG = "en-GB"
# Bump when the way a PDF is put together changes, so cached PDFs are rebuilt.
RENDERER_VERSION = "1"


class StaticOnlyFetcher(weasyprint.URLFetcher):
    """Fetches the app's own static files (the logo, the print stylesheet) and nothing else.

    Report text is sanitised, but the PDF must not reach out to the network even if something
    slipped through: no tracking pixels, no requests to internal addresses.
    """

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        path = unquote(parts.path)
        static_url = settings.STATIC_URL
        if parts.scheme in ("", "http", "https", "file") and static_url in path:
            relative = path.split(static_url, 1)[1]
            found = finders.find(relative)
            if found:
                found_path = Path(found)
                mime_type = mimetypes.guess_type(found_path.name)[0] or "application/octet-stream"
                return weasyprint.urls.URLFetcherResponse(
                    url, found_path.read_bytes(), headers={"Content-Type": mime_type}
                )
        if parts.scheme == "data":
            return super().fetch(url, headers)
        raise ValueError(f"PDF rendering loads only the app's own static files, not {url}")


def _css_string(value: str) -> str:
    """A CSS string literal: quotes, backslashes and line breaks escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("\r", "")
    return f'"{escaped}"'


def static_base_url() -> str:
    """The base URL every rendered document is laid out against: any absolute base works, as the
    fetcher maps /static/… to files on disk."""
    return "https://reports.invalid/"


@functools.lru_cache(maxsize=4)
def parsed_stylesheet(path: str, modified_ns: int) -> weasyprint.CSS:
    """A stylesheet file parsed once a process (again when the file changes), for any document's styles."""
    return weasyprint.CSS(filename=path, url_fetcher=StaticOnlyFetcher())


def print_stylesheet() -> weasyprint.CSS:
    """The council's print stylesheet, parsed once a process: parsing it takes about 0.1 s, a quarter of
    laying out a four-page report, and a pack lays out every part twice. Parsed again if the file changes."""
    path = finders.find(PRINT_CSS)
    return parsed_stylesheet(path, os.stat(path).st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _colours_stylesheet(header_colour: str, link_colour: str) -> weasyprint.CSS:
    # Only colours the admin's check let through are written into CSS; anything else keeps the sheet's own.
    header = header_colour if colours.HEX_COLOUR.match(header_colour) else DEFAULT_HEADER_COLOUR
    link = link_colour if colours.HEX_COLOUR.match(link_colour) else DEFAULT_LINK_COLOUR
    return weasyprint.CSS(
        string=(
            f".council-report__masthead {{ border-bottom-color: {header}; }}\n"
            f".council-report__council {{ color: {header}; }}\n"
            f"a {{ color: {link}; }}\n"
        )
    )


def council_stylesheet() -> weasyprint.CSS:
    """The council's colours (core/council.py), as its pages show them: the masthead's rule and the
    council's name in its header colour, links in its link colour (both checked for contrast on white)."""
    council = current_council()
    return _colours_stylesheet(council.header_colour, council.link_colour)


@functools.lru_cache(maxsize=64)
def _fallback_title_stylesheet(title: str) -> weasyprint.CSS:
    # The footer's title where the document sets none of its own. The footer shows the *last* title set
    # on a page, so a report's own title (set on its <article>, inside <html>) wins over this one.
    # Kept: a pack or a re-render of the same report asks for the same title again.
    return weasyprint.CSS(string=f"html {{ string-set: running-title {_css_string(title)}; }}")


_fonts = threading.local()


def font_config() -> FontConfiguration:
    """One font configuration a thread, kept between renders.

    WeasyPrint makes a new one for every render unless given one; keeping it saves setting it up and
    keeps Pango's loaded fonts warm for the next document. Safe to share because the app's stylesheets
    declare no @font-face (which would add fonts to it); Pango's font maps are not thread-safe, hence
    one a thread."""
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def document_language() -> str:
    """The language a document printed now is tagged with: the reader's (Welsh under /cy/)."""
    return WELSH if is_welsh() else LANG


def html_to_document(html: str, *, title: str, base_url: str | None = None) -> weasyprint.Document:
    """Lay out HTML with the council's print stylesheet; the running footer falls back to ``title``."""
    document = weasyprint.HTML(
        string=html, base_url=base_url or static_base_url(), url_fetcher=StaticOnlyFetcher(), media_type="print"
    ).render(
        stylesheets=[print_stylesheet(), council_stylesheet(), _fallback_title_stylesheet(title)],
        font_config=font_config(),
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
    )
    document.metadata.title = title
    document.metadata.lang = document_language()
    if not document.metadata.authors:
        document.metadata.authors = [current_council().reader_name]
    return document


def write_pdf(document: weasyprint.Document) -> bytes:
    """A laid-out document as a tagged PDF/UA-1 file."""
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


def html_to_pdf(html: str, *, title: str, base_url: str | None = None) -> bytes:
    """Any HTML as a tagged A4 PDF (PDF/UA-1, en-GB) with the council's print stylesheet.

    ``title`` becomes the PDF's title and the running footer's text where the HTML does not set
    its own (an element with ``data-running-title``).
    """
    return write_pdf(html_to_document(html, title=title, base_url=base_url))


# Reports ------------------------------------------------------------------


def council_context(doc: ReportStructure | None = None) -> dict:
    """What a printed document says of the council (core/council.py), with the report if there is one."""
    council = current_council()
    context = {"council": council, "council_name": council.reader_name, "council_logo": council.logo_url}
    if doc is not None:
        context["doc"] = doc
    return context


def report_print_html(doc: ReportStructure) -> str:
    return render_to_string(
        "reports/report_print.html",
        {**council_context(doc), "document_language": document_language()},
    )


def report_body_html(doc: ReportStructure) -> str:
    """Just the report's body (templates/reports/_report_body.html), for documents that print several
    reports with one page numbering, such as an agenda pack: lay out one HTML document holding these
    fragments in sequence with ``html_to_document``; each report starts on a new page and sets its own
    running footer and exempt banner."""
    return render_to_string(
        "reports/_report_body.html",
        council_context(doc),
    )


def render_report_document(doc: ReportStructure) -> weasyprint.Document:
    """The report (without appendices) laid out as a WeasyPrint document."""
    document = html_to_document(report_print_html(doc), title=doc.report.title)
    document.metadata.authors = [getattr(doc.report, "report_of", "") or current_council().reader_name]
    return document


@dataclass(frozen=True)
class PdfAppendix:
    title: str
    data: bytes
    exempt_paragraph: int | None = None  # an exempt appendix, in a Part 2 reader's copy


def _file_name(field) -> str:
    """A stored file's name, from a FileField or a snapshot's plain string."""
    return getattr(field, "name", field) or ""


def pdf_appendices(doc: ReportStructure) -> list[PdfAppendix]:
    """The report's uploaded PDF appendices, read from storage, labelled as the report labels them.
    A public edition's exempt appendix has no file (reports/exemption.py): it is named in the report
    and left out here, and the others keep their labels."""
    found = []
    for appendix in doc.appendices:
        name = _file_name(appendix.file)
        if not name:
            continue
        if not (appendix.content_type == "application/pdf" or name.lower().endswith(".pdf")):
            continue
        try:
            with default_storage.open(name, "rb") as handle:
                data = handle.read()
        except (FileNotFoundError, OSError):
            logger.warning("Appendix %r of report %r is missing from storage", name, doc.report.title)
            continue
        label = f"{exemption.appendix_label(appendix.label)} – {appendix.title}"
        found.append(PdfAppendix(label, data, getattr(appendix, "exempt_paragraph", None)))
    return found


def render_report_pdf(doc: ReportStructure, html: str | None = None) -> bytes:
    """The report's PDF, uploaded PDF appendices appended after it, each with a bookmark. Not cached.

    ``html`` is the report's print HTML when the caller has it already (it hashed it for the cache key).
    """
    if html is None:
        document = render_report_document(doc)
    else:
        document = html_to_document(html, title=doc.report.title)
        document.metadata.authors = [getattr(doc.report, "report_of", "") or current_council().reader_name]
    pdf = write_pdf(document)
    appendices = pdf_appendices(doc)
    if appendices:
        pdf = append_pdfs(pdf, [(a.title, a.data) for a in appendices])
    return pdf


# The cache key -------------------------------------------------------------


def report_pdf_key(doc: ReportStructure, html: str | None = None) -> str:
    """A hash of everything the PDF depends on: the HTML (all the report's content and the council's
    settings as printed), the stylesheet, the appendices' contents, and the renderer's versions.
    ``html`` is the report's print HTML if the caller has rendered it already."""
    digest = hashlib.sha256()
    for part in (weasyprint.__version__, RENDERER_VERSION, html if html is not None else report_print_html(doc)):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(Path(finders.find(PRINT_CSS)).read_bytes())
    council = current_council()
    digest.update(council.fingerprint.encode())
    logo = finders.find(council.logo_static) if council.logo_static else None
    if logo:
        digest.update(Path(logo).read_bytes())
    for appendix in doc.appendices:
        digest.update(f"\0{appendix.title}:{_file_name(appendix.file)}:{appendix.sha512}:{appendix.size}".encode())
    return digest.hexdigest()


def download_name(doc: ReportStructure, extension: str) -> str:
    """committee-2017-02-21-report-title.pdf: sorts by committee and date in a folder of papers."""
    parts = [slugify(doc.report.committee.name)[:60]]
    if doc.meeting_date:
        parts.append(doc.meeting_date.isoformat())
    parts.append(slugify(doc.report.title)[:80].rstrip("-") or "report")
    return "-".join(part for part in parts if part) + f".{extension}"
