"""Paragraphs pasted from Word into a report: the manual numbering at the start of each ("1.1",
"2.", "a)", "(i)") is taken off and becomes the paragraph's place in the report's structure, since
the report numbers its own paragraphs. Pure rules, no database: reports/blocks.py
`paste_paragraphs` cleans each paragraph (reports/pasting.py) and places what this returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Where the words start: after any opening tags and spaces (Word puts a number inside <b> or <span>).
_LEAD = r"^(?P<lead>(?:\s|&nbsp;|<(?!/)[^>]*>)*)"
_GAP = r"(?P<gap>(?:\s|&nbsp;|</?(?:strong|em)>)+)"
_DECIMAL = re.compile(_LEAD + r"(?P<number>\d{1,3}(?:\.\d{1,3}){0,5})(?P<end>[.)]?)" + _GAP)
_ROMAN = re.compile(_LEAD + r"(?P<number>\(?(?P<roman>i{1,3}|iv|vi{0,3}|ix|xi{0,2})[.)])" + _GAP)
_LETTER = re.compile(_LEAD + r"(?P<number>\(?(?P<letter>[a-z])[.)])" + _GAP)
# A number is numbering when the words after it start as a sentence or a heading does.
_STARTS_AS_A_SENTENCE = re.compile(r"^(?:<[^>]*>)*(?:[^a-z]|$)")
_EMPTY_MARK = re.compile(r"<(strong|em)>(?:\s|&nbsp;)*</\1>")


@dataclass(frozen=True)
class Numbering:
    kind: str  # "decimal", "letter" or "roman"
    parts: int  # how many parts a decimal number has ("5.2.1" has 3); 0 otherwise
    letter: str  # the letter of "a)", for telling "i)" after "h)" from a roman "(i)"
    rest: str  # the HTML without it


@dataclass(frozen=True)
class Placed:
    """One pasted paragraph: `level` 0 is the level of the paragraph pasted into, 1 nests under the
    paragraph before it, and so on."""

    level: int
    heading: str
    html: str


def numbering(html: str) -> Numbering | None:
    """The manual number at the start of a paragraph's (cleaned) HTML, and the HTML without it;
    None when there is none. "2.5 million people visited" keeps its figure: only words starting
    with a capital (or a bracket, a quote, a digit) after a figure make it a paragraph number."""
    for kind, pattern in (("decimal", _DECIMAL), ("roman", _ROMAN), ("letter", _LETTER)):
        match = pattern.match(html)
        if not match:
            continue
        rest = html[match.end() :]
        if kind == "decimal" and not _STARTS_AS_A_SENTENCE.match(rest):
            continue
        if kind == "decimal" and "." not in match["number"] and not match["end"] and not rest[:1].isupper():
            continue  # "12 Libraries" may be a heading's number; "12 (twelve)" is not
        closing = "".join(re.findall(r"</(?:strong|em)>", match["gap"]))
        cleaned = match["lead"] + closing + rest
        while (emptied := _EMPTY_MARK.sub("", cleaned)) != cleaned:
            cleaned = emptied
        parts = len(match["number"].split(".")) if kind == "decimal" else 0
        letter = match["letter"] if kind == "letter" else ""
        return Numbering(kind, parts, letter, cleaned)
    return None


def place(pieces: list[tuple[int, bool, str]]) -> list[Placed]:
    """Each pasted paragraph, given as (Word's list level, 1 when none; whether it is a heading; its
    cleaned HTML), with its number taken off and its level relative to the first.

    A decimal number's parts give its depth ("1.1" is one deeper than "1."); "a)" nests under the
    numbered paragraph before it and "(i)" under the "a)" before it; a paragraph without a number
    stays at the level of the one before (another paragraph of the same point) unless Word's list
    level puts it deeper. Nothing goes above the first paragraph's level or more than one level
    below the paragraph before it: a report's paragraph has only one parent."""
    depths: list[int] = []
    found: list[tuple[bool, str]] = []
    decimal_depth = None
    letter_depth = None
    last_letter = ""
    anchor = None  # the depth of the last numbered paragraph, or the last outside Word's lists
    for word_level, heading, html in pieces:
        number = numbering(html)
        if number and number.kind == "roman" and letter_depth is not None and last_letter == chr(ord("a") + 7):
            number = Numbering("letter", 0, "i", number.rest)  # "i)" after "h)" is the ninth letter
        if number is None:
            depth = (anchor or 1) + word_level - 1
        elif number.kind == "decimal":
            depth = decimal_depth = number.parts
            letter_depth = None
            last_letter = ""
        elif number.kind == "roman" and letter_depth is not None:
            depth = letter_depth + 1
        else:
            if letter_depth is None or number.letter == "a":
                letter_depth = (decimal_depth or anchor or 1) + 1
            depth = letter_depth
            last_letter = number.letter
        if number is not None:
            html = number.rest
        if number is not None or word_level == 1:
            anchor = depth
        depths.append(depth)
        found.append((heading, html))
    placed: list[Placed] = []
    level = -1
    for (heading, html), depth in zip(found, depths, strict=True):
        level = max(0, min(depth - depths[0], level + 1))
        placed.append(Placed(level, _words(html) if heading else "", "" if heading else html))
    return placed


def _words(html: str) -> str:
    text = re.sub(r"<[^>]*>", "", html).replace("&nbsp;", " ")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    return " ".join(text.split())[:300]
