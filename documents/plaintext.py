"""A report as plain text, for e-mail: the same order and numbering as the page and the PDF.

Works from a ReportStructure or anything shaped like it (a published revision's snapshot through
reports.revisions.structure_from_snapshot), so a frozen revision reads back as it was.
"""

from __future__ import annotations

import html
import re
import textwrap
from html.parser import HTMLParser

from django.utils.translation import gettext_noop

from core.bilingual import bilingual_text, phrase
from documents import welsh_first
from documents.welsh_first import SEPARATOR, joined
from reports import exemption
from reports.structure import row_value_or_none

WIDTH = 72
SAFE_LINK = re.compile(r"^(https?:|mailto:|tel:)", re.IGNORECASE)
GUTTER = 8  # "5.2.1" and a space fit; the text hangs after it

# Standard words the text file prints in the reader's language (core.bilingual.phrase): kept here so
# that the catalogue keeps their Welsh.
PHRASES = [gettext_noop("None."), gettext_noop("Signed off by")]


class _Blocks(HTMLParser):
    """Sanitised report HTML as blocks of text: paragraphs, list items (with their marker) and table rows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (marker, text); marker "" for a paragraph
        self._text: list[str] = []
        self._marker = ""
        self._lists: list[list] = []  # each: [kind, counter]
        self._href: str | None = None
        self._link_text: list[str] = []
        self._cells: list[str] | None = None

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._text)).strip()
        if text:
            self.blocks.append((self._marker, text))
        self._text = []
        self._marker = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "table"):
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            self._lists.append([tag, 0])
        elif tag == "li":
            self._flush()
            if self._lists:
                self._lists[-1][1] += 1
                kind, count = self._lists[-1]
                indent = "  " * (len(self._lists) - 1)
                self._marker = f"{indent}{count}." if kind == "ol" else f"{indent}-"
            else:
                self._marker = "-"
        elif tag == "br":
            self._text.append("\n")
        elif tag == "a":
            self._href = dict(attrs).get("href")
            self._link_text = []
        elif tag == "tr":
            self._flush()
            self._cells = []
        elif tag in ("td", "th"):
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("p", "li", "caption"):
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag == "a":
            text = "".join(self._link_text).strip()
            if self._href and SAFE_LINK.match(self._href) and self._href not in (text, f"mailto:{text}", f"tel:{text}"):
                self._text.append(f" <{self._href}>")
            self._href = None
        elif tag in ("td", "th") and self._cells is not None:
            self._cells.append(re.sub(r"\s+", " ", "".join(self._text)).strip())
            self._text = []
        elif tag == "tr" and self._cells is not None:
            self.blocks.append(("", " | ".join(self._cells)))
            self._cells = None

    def handle_data(self, data):
        self._text.append(data)
        if self._href is not None:
            self._link_text.append(data)

    def close(self):
        super().close()
        self._flush()


def html_blocks(fragment: str) -> list[tuple[str, str]]:
    parser = _Blocks()
    parser.feed(fragment or "")
    parser.close()
    return parser.blocks


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    lines = []
    for index, piece in enumerate(text.split("\n")):
        wrapped = textwrap.wrap(
            piece.strip(),
            WIDTH,
            initial_indent=first if index == 0 else rest,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapped or [first.rstrip()])
    return lines


def _numbered(number: str, fragment: str, gutter: int = GUTTER) -> list[str]:
    """A numbered paragraph: its number hanging in the gutter, lists indented under the text."""
    pad = " " * gutter
    lines: list[str] = []
    first = True
    for marker, text in html_blocks(fragment):
        lead = number.ljust(gutter) if first else pad
        if marker:
            if first:
                lines.append(number)
            lines.extend(_wrap(text, pad + marker + " ", pad + " " * (len(marker) + 1)))
        else:
            if not first:
                lines.append("")
            lines.extend(_wrap(text, lead, pad))
        first = False
    if first:  # no text at all
        lines.append(number)
    return lines


def _paragraph_lines(p, empty_text: str = "", label=str, wording=None) -> list[str]:
    lines: list[str] = []
    number = label(p.number)
    welsh_text = getattr(p, "text_cy", "")
    if p.heading:
        heading = joined(welsh_first.words(p.heading, getattr(p, "heading_cy", ""), wording))
        lines += ["", *_wrap(heading, number.ljust(GUTTER), " " * GUTTER)]
        if p.text:
            for text_html, _lang in welsh_first.passages(p.text, welsh_text, wording):
                text = " ".join(text for _m, text in html_blocks(text_html))
                lines += ["", *_wrap(text, " " * GUTTER, " " * GUTTER)]
        elif empty_text and not p.children:
            lines += ["", *_wrap(empty_text, " " * GUTTER, " " * GUTTER)]
    elif p.background_paper is not None:
        paper = p.background_paper
        reference = f"{paper.title}: <{paper.url}>" if paper.url else paper.title
        lines += ["", *_wrap(reference, number.ljust(GUTTER), " " * GUTTER)]
    else:
        # In a Welsh-first report the Welsh carries the number; its English follows in the same gutter.
        for index, (text_html, _lang) in enumerate(welsh_first.passages(p.text, welsh_text, wording)):
            lines += ["", *_numbered(number if index == 0 else "", text_html)]
    for child in p.children:
        lines += _paragraph_lines(child, empty_text, label, wording)
    return lines


def _heading(text: str, underline: str = "-") -> list[str]:
    return ["", "", text, underline * min(len(text), WIDTH)]


def _template_words(wording, name: str) -> str:
    """One of the template's words as the page prints it: Welsh / English in a Welsh-first report;
    else in the reader's language."""
    english = getattr(wording, name)
    if wording.welsh_first:
        return joined(welsh_first.words(english, wording.welsh(name), wording))
    return phrase(english)


def _recommendation_lines(doc) -> list[str]:
    wording = doc.wording
    lines = _heading(_template_words(wording, "recommendations_heading"))
    lead_in = welsh_first.words(wording.recommendations_lead_in, wording.recommendations_lead_in_cy, wording)
    for text, _lang in lead_in:  # each language a paragraph of its own, as the page prints them
        lines += ["", *_wrap(text)]
    welsh = getattr(doc, "recommendations_cy", None) or {}
    for number, text in doc.recommendations:
        label = wording.recommendation_label(number)
        for index, (text_html, _lang) in enumerate(welsh_first.passages(text, welsh.get(number, ""), wording)):
            lines += ["", *_numbered(label if index == 0 else "", text_html, gutter=4)]
    return lines


def _section_lines(doc) -> list[str]:
    wording = doc.wording
    lines = []
    for section in doc.sections:
        number = f"{wording.section_label(section.number)} " if section.number != "" else ""
        heading = joined(welsh_first.words(section.heading, getattr(section, "heading_cy", ""), wording))
        lines += _heading(f"{number}{heading.upper() if wording.capitals else heading}")
        empty_text = _template_words(wording, "empty_subsection_text") if wording.empty_subsection_text else ""
        for paragraph in section.paragraphs:
            lines += _paragraph_lines(paragraph, empty_text, wording.paragraph_label, wording)
            if getattr(section, "is_implications", False) and paragraph.heading:  # the public sign-off
                lines += ["", *_wrap(f"{phrase('Signed off by')}: {paragraph.signed_off_by or '—'}")]
        if section.is_background_papers and not section.paragraphs:
            lines += ["", phrase("None.")]
    return lines


def _two_language_row(row, wording) -> list[str]:
    """A title-block row of a Welsh-first report, as the page prints it: Welsh, then English."""
    if row.field == "contact":
        people = [", ".join(x for x in (p.name, p.job_title, p.email, p.phone) if x) for p in row.contacts]
        value = "; ".join(people) or "None"
    else:
        value = html.unescape(row_value_or_none(row)).replace("\n", "; ")
    pieces = welsh_first.title_row(row, value, wording)
    if wording.title_block_as_lines or not row.show_label:
        return _wrap(SEPARATOR.join(f"{label}: {text}" if label else text for label, text, _lang in pieces))
    label, text = welsh_first.labelled(pieces)
    return _wrap(text, f"{label}:".ljust(26), " " * 26)


def report_plain_text(doc, *, council_name: str = "") -> str:
    """The report as plain text (UTF-8), wrapped at 72 columns."""
    report = doc.report
    appendices = list(getattr(doc, "appendices", []) or [])
    lines: list[str] = []
    if report.is_exempt:
        # Its opening words in capitals, as a banner: "EXEMPT — NOT FOR PUBLICATION: paragraph 3 of …".
        opening, colon, rest = exemption.banner_in_full(report.exempt_paragraph).partition(":")
        lines += [opening.upper() + colon + rest, ""]
    if council_name:
        lines.append(council_name)
    meeting = bilingual_text(report.committee, "name")  # as the page's masthead: in the reader's language
    if doc.meeting_date:
        meeting += f", {doc.wording.date(doc.meeting_date)}"
    lines += _wrap(meeting)
    # The exempt appendices' notices under the title, as the page prints them: one each or one for them all.
    notices = [
        line
        for notice in exemption.appendix_notices(appendices, combined=doc.wording.combines_appendix_notices)
        for line in ["", *_wrap(notice)]
    ]
    if doc.wording.title_as_heading:
        title = joined(welsh_first.title(report, doc.wording))
        lines += ["", *_wrap(title.upper()), "=" * min(len(title), WIDTH), *notices, ""]
    else:
        lines.append("")
    label_width = max((len(phrase(row.label)) for row in doc.title_rows), default=0) + 2
    label_width = min(label_width, 26)
    # As the page prints them: in the template's order as lines, or the unlabelled lines first.
    rows = doc.title_rows if doc.wording.title_block_as_lines else doc.title_lines + doc.labelled_rows
    for row in rows:
        if doc.wording.welsh_first:
            lines += _two_language_row(row, doc.wording)
            continue
        if not row.show_label:
            lines += [line for part in str(row.value).split("\n") for line in _wrap(html.unescape(part))]
            continue
        if row.field == "contact":
            parts = []
            for person in row.contacts:
                parts.append(", ".join(x for x in (person.name, person.job_title) if x))
                parts += [x for x in (person.email, person.phone) if x]
            value = "\n".join(parts) or phrase("None")
        elif row.field in ("title", "report_of"):  # written by the author (the Welsh edition's own, if any)
            value = html.unescape(row_value_or_none(row))
        else:  # the council's standard words ("Yes", "All"), in the reader's language
            value = html.unescape(str(phrase(row_value_or_none(row))))
        lines += _wrap(value, f"{phrase(row.label)}:".ljust(label_width), " " * label_width)

    if not doc.wording.title_as_heading:
        lines += notices
    for part in doc.parts:  # in the template's order
        if part == "summary":
            if doc.wording.summary_heading:  # a template may print its summary without a heading
                lines += _heading(_template_words(doc.wording, "summary_heading"))
            summary_cy = getattr(report, "summary_cy", "")
            for summary, _lang in welsh_first.passages(report.summary, summary_cy, doc.wording):
                for marker, text in html_blocks(summary):
                    lines += ["", *_wrap(text, f"{marker} " if marker else "", "  " if marker else "")]
        elif part == "recommendations":
            lines += _recommendation_lines(doc)
        else:
            lines += _section_lines(doc)
    if appendices:
        lines += _heading(phrase("Appendices"))
        note = getattr(doc, "english_only_note", "")
        if note:  # the Welsh edition's: the appendices are files supplied in English
            lines += ["", *textwrap.wrap(note, WIDTH)]
        names, notice = exemption.appendices_named(appendices, combined=doc.wording.combines_appendix_notices)
        for named in [*names, notice] if notice else names:
            lines += [""] + textwrap.wrap(named, WIDTH)
    return "\n".join(line.rstrip() for line in lines).strip() + "\n"
