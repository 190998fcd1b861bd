"""A member's notes as a Word document or a PDF, for them alone (the view sends it to its owner)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from docx import Document

from core import dates
from core.council import current_council
from core.language import is_welsh
from core.text import xml_safe
from documents.pdf import html_to_pdf
from reports.published import last_published

# In the language of the page the member exports from (the /cy/ reading room exports in Welsh).
TITLE = gettext_lazy("My notes")


def titled(groups) -> list[tuple[str, list]]:
    """(report title as last published, in the reader's language where it has one, notes) for each report."""
    return [(_title(report), [(where(note), note) for note in notes]) for report, notes in groups]


def _title(report) -> str:
    published = last_published(report)
    return (is_welsh() and published.title_cy) or published.title


def where(note) -> str:
    """Where a note was written, as the export prints it (the reading room's own words for it)."""
    if note.on_appendix:
        place = gettext("Appendix %(appendix_label)s, page %(page)s") % {
            "appendix_label": note.appendix_label,
            "page": note.page,
        }
    else:
        place = gettext("Paragraph %(shown_at)s") % {"shown_at": note.paragraph}
    return gettext("%(place)s (highlight)") % {"place": place} if note.is_highlight else place


def _language() -> str:
    return "cy" if is_welsh() else "en-GB"


def _exported() -> str:
    now = timezone.localtime()
    return gettext("Exported %(date)s. Private: for you alone.") % {"date": dates.date(now, "j F Y H:i")}


def notes_docx(groups) -> bytes:
    document = Document()
    document.core_properties.title = str(TITLE)
    document.core_properties.language = "cy-GB" if is_welsh() else "en-GB"
    document.add_heading(f"{TITLE} — {current_council().reader_name}", level=0)
    document.add_paragraph(_exported())
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
            "title": str(TITLE),
            "council_name": current_council().reader_name,
            "now": timezone.now(),
            "lang": _language(),
        },
    )
    return html_to_pdf(html, title=str(TITLE))
