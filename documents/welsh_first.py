"""What the Word and text files print of a report in two languages: a Welsh-first template
(Denbighshire's, ``ReportTemplate.Languages.WELSH_FIRST``) prints its words and each passage in Welsh,
then English, for every reader, as the page and the PDF do (reports/templatetags/report_tags.py
``in_languages``, ``numbered_text``, templates/reports/_title_row_line.html). Any other template
prints one language, the reader's edition's (reports/welsh_edition.py).

Each piece comes with its language: ``"cy"`` or ``"en-GB"`` where the two are printed together, so
the Word file can tag its runs; ``None`` where the piece is in the document's own language.
"""

from __future__ import annotations

from core import bilingual
from core.language import WELSH

ENGLISH = bilingual.ENGLISH_TAG
SEPARATOR = " / "

Piece = tuple[str, str | None]


def words(english: str, welsh: str, wording) -> list[Piece]:
    """One of the template's words (a heading, a lead-in, a label): Welsh then English for a Welsh-first
    template, where it has Welsh (its own, or the Welsh catalogue's); else as the edition has it."""
    if not english:
        return []
    if getattr(wording, "welsh_first", False):
        welsh = welsh or bilingual.welsh_for(english)
        if welsh and welsh != english:
            return [(welsh, WELSH), (english, ENGLISH)]
    return [(english, None)]


def joined(pieces: list[Piece]) -> str:
    return SEPARATOR.join(text for text, _lang in pieces)


def passages(english_html: str, welsh_html: str, wording) -> list[Piece]:
    """A passage (the summary, a recommendation, a paragraph): its Welsh, then its English, in a
    Welsh-first report where it has Welsh; else the edition's text."""
    if getattr(wording, "welsh_first", False) and welsh_html:
        return [(welsh_html, WELSH), (english_html, ENGLISH)]
    return [(english_html, None)]


def title(report, wording) -> list[Piece]:
    """The report's title: "Welsh / English" in a Welsh-first report with a Welsh title."""
    welsh = bilingual.welsh_of(report, "title") if getattr(wording, "welsh_first", False) else ""
    return [(welsh, WELSH), (report.title, ENGLISH)] if welsh else [(report.title, None)]


def title_row(row, value: str, wording) -> list[tuple[str, str, str | None]]:
    """A title-block row as (label, value, language) pieces, the label "" where it is not printed. In a
    Welsh-first report: the Welsh label and value, then the English ("Cyfarfod: 6 Medi 2006 / Meeting:
    6 September 2006"), where the row has a Welsh label; an unlabelled row's Welsh value, then its
    English, where it has one."""
    label = row.label if row.show_label else ""
    if not getattr(wording, "welsh_first", False):
        return [(label, value, None)]
    value_cy = getattr(row, "value_cy", "")
    if row.show_label:
        welsh_label = getattr(row, "label_cy", "") or bilingual.welsh_for(row.label)
        if welsh_label:
            return [(welsh_label, value_cy or value, WELSH), (label, value, ENGLISH)]
    elif value_cy and value_cy != value:
        return [("", value_cy, WELSH), ("", value, ENGLISH)]
    return [(label, value, None)]


def labelled(pieces: list[tuple[str, str, str | None]]) -> tuple[str, str]:
    """A row's pieces as one label and one value, for a table's two columns: "Cyfarfod / Meeting" and
    "6 Medi 2006 / 6 September 2006" (a value the same in both printed once)."""
    labels = [label for label, _value, _lang in pieces if label]
    values = []
    for _label, value, _lang in pieces:
        if value not in values:
            values.append(value)
    return SEPARATOR.join(labels), SEPARATOR.join(values)
