"""A report in Welsh and English in one PDF, as a Welsh council chooses to print it
(``CouncilIdentity.bilingual_layout``): the Welsh edition then the English, or the two side by side, a
row for each part of the report (its title block, summary, recommendations and each section), Welsh
on the left. Made from the public editions of a published revision (reports/exemption.py,
reports/welsh_edition.py), tagged ``cy`` with every English part marked ``en-GB``; kept as a file
beside the revision's other PDFs (documents/pdf_store.py ``bilingual_pdf``).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core.council import BilingualLayout, current_council
from core.language import WELSH
from documents import pdf
from documents.packs import prefix_ids
from documents.pdf_appendices import append_pdfs
from reports import welsh_edition
from reports.revisions import structure_from_snapshot

# Where a report's body divides into the parts set side by side: the summary's and recommendations'
# headings, and each section (templates/reports/_report_body.html writes them so).
_PART_START = re.compile(r'(?=<h2 class="govuk-heading-l" lang=)|(?=<section class="council-section")')
_ARTICLE = re.compile(r"^\s*<article\b[^>]*>(.*)</article>\s*$", re.S)


def _body(doc, language: str, prefix: str) -> str:
    with translation.override(language):
        return prefix_ids(pdf.report_body_html(doc), prefix)


def _parts(body: str) -> list[str] | None:
    """The body's parts, in order; None if it is not the one article the template writes."""
    match = _ARTICLE.match(body)
    return _PART_START.split(match.group(1)) if match else None


def _editions(content: dict):
    """The Welsh and the English structure of a snapshot, each read in its own language (the title
    block's status is worded as it is read: reports/revisions.py)."""
    with translation.override(WELSH):
        welsh_doc = welsh_edition.welsh_edition(structure_from_snapshot(content))
    with translation.override(settings.LANGUAGE_CODE):
        english_doc = structure_from_snapshot(content)
    return welsh_doc, english_doc


def bilingual_html(content: dict, layout: str) -> str:
    """The print HTML of a report in both languages, from a (public edition's) snapshot."""
    welsh_doc, english_doc = _editions(content)
    welsh = _body(welsh_doc, WELSH, "cy-")
    english = _body(english_doc, settings.LANGUAGE_CODE, "en-")
    rows = None
    if layout == BilingualLayout.SIDE_BY_SIDE:
        welsh_parts, english_parts = _parts(welsh), _parts(english)
        if welsh_parts and english_parts and len(welsh_parts) == len(english_parts):
            rows = list(zip(welsh_parts, english_parts, strict=True))
    with translation.override(WELSH):
        return render_to_string(
            "reports/report_bilingual_print.html",
            {
                **pdf.council_context(),
                "welsh_doc": welsh_doc,
                "english_doc": english_doc,
                "welsh_body": welsh,
                "english_body": english,
                "rows": rows,
            },
        )


def render_bilingual_pdf(content: dict, layout: str | None = None) -> bytes:
    """The PDF of a (public edition's) snapshot, its uploaded PDF appendices after it (once: they are
    files in one language)."""
    layout = layout or current_council().bilingual_layout
    english_doc = structure_from_snapshot(content)
    welsh_title = english_doc.report.title_cy or english_doc.report.title
    title = f"{welsh_title} / {english_doc.report.title}" if welsh_title != english_doc.report.title else welsh_title
    with translation.override(WELSH):
        document = pdf.html_to_document(bilingual_html(content, layout), title=title)
        appendices = pdf.pdf_appendices(english_doc)
    data = pdf.write_pdf(document)
    if appendices:
        data = append_pdfs(data, [(a.title, a.data) for a in appendices])
    return data
