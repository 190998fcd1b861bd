"""One block of a report's text, as the in-browser editor saves it: the summary, a recommendation
or a paragraph, named by a key the editor page gives each ("summary", "recommendation-12",
"paragraph-40"). Each save is an ordinary versioned change (reports/editing.py `changing`); the HTML
sent is cleaned by the one sanitiser (core/richtext.py) before it is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core import richtext
from reports import editing
from reports.models import Paragraph, Recommendation, Report

# The longest block the editor may send: a long paragraph with a large table is well under this.
MAX_BLOCK_CHARACTERS = 200_000

_KEY = re.compile(r"^(?:(?P<summary>summary)|(?P<kind>recommendation|paragraph)-(?P<pk>[1-9]\d{0,9}))$")
_EMPTY_BLOCK = re.compile(r"<(p|li|ul|ol)>(?:\s|<br>)*</\1>")


@dataclass(frozen=True)
class Block:
    kind: str  # "summary", "recommendation" or "paragraph"
    pk: int | None = None

    @property
    def key(self) -> str:
        return self.kind if self.pk is None else f"{self.kind}-{self.pk}"


def parse_key(key: object) -> Block:
    """The block a key names; EditError for anything else, so a bad request says what was wrong."""
    match = _KEY.match(key) if isinstance(key, str) else None
    if not match:
        raise editing.EditError("That is not a part of the report the editor can save.")
    if match["summary"]:
        return Block("summary")
    return Block(match["kind"], int(match["pk"]))


def stored_html(html: object) -> str:
    """What is kept for the HTML the editor sent: sanitised, and without empty paragraphs or lists
    (an editor's empty line holds nothing a reader would see)."""
    if not isinstance(html, str):
        raise editing.EditError("The text was missing.")
    if len(html) > MAX_BLOCK_CHARACTERS:
        raise editing.EditError("That text is too long to save as one part of the report.")
    cleaned = richtext.clean(html)
    while True:
        emptied = _EMPTY_BLOCK.sub("", cleaned).strip()
        if emptied == cleaned:
            return cleaned
        cleaned = emptied


def _paragraph(report: Report, pk: int) -> Paragraph:
    paragraph = Paragraph.objects.filter(pk=pk, section__report=report).first()
    if paragraph is None:
        raise editing.EditError("That paragraph is no longer in the report. Reload the page to see it as it is now.")
    return paragraph


def _recommendation(report: Report, pk: int) -> Recommendation:
    recommendation = Recommendation.objects.filter(pk=pk, report=report).first()
    if recommendation is None:
        raise editing.EditError(
            "That recommendation is no longer in the report. Reload the page to see it as it is now."
        )
    return recommendation


def current_text(report: Report, block: Block) -> str:
    """The block's text as stored now (shown beside the author's own when their save conflicts)."""
    if block.kind == "summary":
        return report.summary
    try:
        if block.kind == "recommendation":
            return _recommendation(report, block.pk).text
        return _paragraph(report, block.pk).text
    except editing.EditError:
        return ""


def save(locked: Report, block: Block, html: str) -> str:
    """Store one block's text in a report already locked by `editing.changing`; the stored HTML."""
    text = stored_html(html)
    if block.kind == "summary":
        locked.summary = text
        locked.save(update_fields=["summary"])
    elif block.kind == "recommendation":
        recommendation = _recommendation(locked, block.pk)
        recommendation.text = text
        recommendation.save(update_fields=["text"])
    else:
        paragraph = _paragraph(locked, block.pk)
        paragraph.text = text
        paragraph.save(update_fields=["text"])
    return text


def split_paragraph(locked: Report, pk: int, before: str, after: str) -> Paragraph:
    """Enter in a paragraph: its text up to the cursor stays, the rest starts the next paragraph at
    the same level (empty when Enter was pressed at the end). The new paragraph's number follows."""
    paragraph = _paragraph(locked, pk)
    paragraph.text = stored_html(before)
    paragraph.save(update_fields=["text"])
    return editing.insert_after(
        Paragraph,
        editing.paragraph_siblings(paragraph),
        paragraph,
        section_id=paragraph.section_id,
        parent_id=paragraph.parent_id,
        text=stored_html(after),
    )
