"""A member's notes as a Word document or a PDF, for them alone (the view sends it to its owner)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document

from core.council import current_council
from core.text import xml_safe
from documents.pdf import html_to_pdf
from reports.published import last_published

TITLE = "My notes"


def titled(groups) -> list[tuple[str, list]]:
    """(report title as last published, notes) for each report."""
    return [(last_published(report).title, [(where(note), note) for note in notes]) for report, notes in groups]


def where(note) -> str:
    """Where a note was written, as the export prints it."""
    place = f"Appendix {note.appendix_label}, page {note.page}" if note.on_appendix else f"Paragraph {note.paragraph}"
    return place + (" (highlight)" if note.is_highlight else "")


def notes_docx(groups) -> bytes:
    document = Document()
    document.core_properties.title = TITLE
    document.core_properties.language = "en-GB"
    document.add_heading(f"{TITLE} — {current_council().reader_name}", level=0)
    document.add_paragraph(f"Exported {timezone.localtime():%-d %B %Y %H:%M}. Private: for you alone.")
    for title, notes in titled(groups):
        document.add_heading(xml_safe(title), level=1)
        for place, note in notes:
            document.add_heading(place, level=2)
            if note.quote:
                document.add_paragraph(xml_safe(f"“{note.quote}”"), style="Quote")
            if note.text:
                document.add_paragraph(xml_safe(note.text))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def notes_pdf(groups) -> bytes:
    html = render_to_string(
        "reading_room/notes_print.html",
        {
            "groups": titled(groups),
            "title": TITLE,
            "council_name": current_council().reader_name,
            "now": timezone.now(),
        },
    )
    return html_to_pdf(html, title=TITLE)
