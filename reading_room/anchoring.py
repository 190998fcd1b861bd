"""Where a note belongs in a report that may have been corrected since it was written.

A note remembers the paragraph's number and the words it quoted. In the report as it reads now it
goes back to that paragraph if the words are still there; to the paragraph that now holds them if a
correction moved them (a paragraph inserted before it renumbers the rest); to its paragraph if it
quoted nothing; and is shown *detached*, with its old quote, when the words have gone.

This module works on plain snapshot data (reports/revisions.py), as the reader's edition gives it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from core.richtext import to_plain_text

# Where a block ends a reader's selection has a line break: the stored HTML's text gets a space there.
_BLOCK_END = re.compile(r"</(p|li|tr|td|th|h\d|caption|blockquote)>|<br\s*/?>", re.IGNORECASE)


def normalise(text: str) -> str:
    """Words as a reader selects them: entities read, runs of white space as one space."""
    return " ".join(html.unescape(text or "").split())


def _walk(paragraphs: list[dict], into: dict[str, str]) -> None:
    for p in paragraphs:
        body = to_plain_text(_BLOCK_END.sub(" ", p.get("text", "")))
        into[p["number"]] = normalise(" ".join(filter(None, [p.get("heading", ""), body])))
        _walk(p.get("children", []), into)


def paragraph_texts(content: dict) -> dict[str, str]:
    """Every numbered paragraph of a snapshot, by number (1.1, 5.2.1), as plain text, in reading order."""
    texts: dict[str, str] = {}
    for section in content.get("sections", []):
        _walk(section["paragraphs"], texts)
    return texts


@dataclass(frozen=True)
class Placement:
    paragraph: str | None  # where the note is shown now; None when detached
    moved: bool = False

    @property
    def detached(self) -> bool:
        return self.paragraph is None


def place(paragraph: str, quote: str, texts: dict[str, str]) -> Placement:
    words = normalise(quote)
    if not words:
        return Placement(paragraph if paragraph in texts else None)
    if words in texts.get(paragraph, ""):
        return Placement(paragraph)
    for number, text in texts.items():
        if words in text:
            return Placement(number, moved=True)
    return Placement(None)
