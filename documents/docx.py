"""A report as a Word document (python-docx), with the PDF's structure and numbering.

Many councils still circulate Word. The document is built from the same ReportStructure as the
page and the PDF (or a published revision's snapshot), so its numbers are the same: real Word
headings (navigation pane and accessibility checker), the title block as a table with a header
column, recommendations and paragraphs with hanging numbers, bullet lists, live hyperlinks, the
exempt banner in every page's header, and the title and "Page X of Y" in every page's footer.

Report text is sanitised HTML (core.richtext); it is read here as text and a few marks, never
passed through as markup, so nothing hostile can ride along into the document. Every stored string
goes in through ``xml_safe``: python-docx refuses a control character, and text stored before text
was normalised (core/text.py) may hold one, such as Word's manual line break.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from django.utils.translation import gettext_noop, pgettext
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from core import richtext
from core.bilingual import bilingual_text, phrase
from core.text import xml_safe
from documents import welsh_first
from documents.plaintext import html_blocks
from documents.welsh_first import SEPARATOR
from reports import exemption
from reports.structure import row_value_or_none

GUTTER = Cm(1.4)
FONT = "Arial"
SAFE_LINK = re.compile(r"^(https?:|mailto:|tel:)", re.IGNORECASE)
BRAND = RGBColor(0x0B, 0x4B, 0x8C)


def _set_language(document, lang: str = "en-GB") -> None:
    """Spell-checking and screen readers: the document is in British English."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), lang)
    language.set(qn("w:eastAsia"), lang)


# A piece printed in both languages names its own ("cy", "en-GB"); Word wants a region with Welsh.
WORD_LANGUAGES = {"cy": "cy-GB", "en-GB": "en-GB"}


def _tag(run, lang: str | None):
    """Tell spell-checking and screen readers the run's language, where it is not the document's."""
    if lang in WORD_LANGUAGES:
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), WORD_LANGUAGES[lang])
        run._r.get_or_add_rPr().append(language)
    return run


def _own_lang(obj) -> str | None:
    """The language the reader's edition marks a block as being in (reports/welsh_edition.py): English
    left untranslated in a Welsh document, tagged so."""
    return getattr(obj, "lang", None)


def _add_pieces(paragraph, pieces, bold: bool = False, separator: str = SEPARATOR) -> None:
    for index, (text, lang) in enumerate(pieces):
        if index:
            paragraph.add_run(separator).bold = bold
        run = _tag(paragraph.add_run(xml_safe(text)), lang)
        if bold:
            run.bold = True


def _template_words(wording, name: str) -> list:
    """One of the template's words: Welsh then English in a Welsh-first report; else the edition's."""
    return welsh_first.words(getattr(wording, name), wording.welsh(name), wording)


def _recommendations(document, doc) -> None:
    wording = doc.wording
    _heading_pieces(document, _template_words(wording, "recommendations_heading"), level=1)
    for text, lang in _template_words(wording, "recommendations_lead_in"):  # each language its own paragraph
        _tag(document.add_paragraph().add_run(xml_safe(text)), lang)
    welsh = getattr(doc, "recommendations_cy", None) or {}
    english = set(getattr(doc, "english_recommendations", []) or [])
    for number, text in doc.recommendations:
        label = wording.recommendation_label(number)
        own = "en-GB" if number in english else None
        for index, (text_html, lang) in enumerate(welsh_first.passages(text, welsh.get(number, ""), wording)):
            # The Welsh carries the number; the English follows in the same gutter.
            _write_html(
                document, text_html, number=label if index == 0 else "", bold=True, gutter=Cm(0.8), lang=lang or own
            )


def _sections(document, doc) -> None:
    wording = doc.wording
    for section in doc.sections:
        _numbered_heading(
            document,
            wording.section_label(section.number),
            section.heading,
            level=1,
            capitals=wording.capitals,
            pieces=_heading_words(section, wording),
        )
        implications = getattr(section, "is_implications", False)
        if implications and wording.implications_table:
            _implications_table(document, section.paragraphs, wording)
            continue
        for paragraph in section.paragraphs:
            _paragraphs(document, [paragraph], _empty_text(wording), wording.paragraph_label, wording)
            if implications and paragraph.heading:  # the issue's public sign-off
                document.add_paragraph(xml_safe(f"{phrase('Signed off by')}: {paragraph.signed_off_by or '—'}"))
        if section.is_background_papers and not section.paragraphs:
            document.add_paragraph(phrase("None."))


def _heading_words(item, wording) -> list:
    """A section's or sub-heading's heading: Welsh / English in a Welsh-first report; else the edition's,
    tagged English where the edition left it in English."""
    pieces = welsh_first.words(item.heading, getattr(item, "heading_cy", ""), wording)
    return [(text, lang or _own_lang(item)) for text, lang in pieces]


def _empty_text(wording) -> str:
    """What prints under an empty sub-heading, in the template's languages."""
    return welsh_first.joined(_template_words(wording, "empty_subsection_text"))


IMPLICATIONS_COLUMNS = (gettext_noop("Issue"), gettext_noop("Implications"), gettext_noop("Signed off by"))


def _implications_table(document, paragraphs, wording) -> None:
    """The implications as the page and the PDF print them (templates/reports/_implications.html): any
    introduction first, then a table whose header row names the columns (repeated on each page, and
    read as headers), one row an issue with its text and the officer who signed it off."""
    for paragraph in paragraphs:
        if not paragraph.heading:
            _paragraphs(document, [paragraph], _empty_text(wording), wording.paragraph_label, wording)
    issues = [p for p in paragraphs if p.heading]
    if not issues:
        return
    table = document.add_table(rows=1, cols=len(IMPLICATIONS_COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, IMPLICATIONS_COLUMNS, strict=True):
        cell.text = phrase(name)
        cell.paragraphs[0].runs[0].bold = True
        _set_cell_shading(cell, "F3F2F1")
    _mark_header_row(table.rows[0])
    for issue in issues:
        cells = table.add_row().cells
        label = wording.paragraph_label(issue.number)
        heading = welsh_first.joined(_heading_words(issue, wording))
        cells[0].text = xml_safe(f"{label} {heading}" if label else heading)
        cells[0].paragraphs[0].runs[0].bold = True
        lines = _cell_lines(issue.text)
        for child in issue.children:
            child_lines = _cell_lines(child.text) or [""]
            child_label = wording.paragraph_label(child.number)
            lines += [f"{child_label} {child_lines[0]}".strip(), *child_lines[1:]]
        if not lines:
            lines = [_empty_text(wording) or phrase("None.")]
        cells[1].text = xml_safe(lines[0])
        for line in lines[1:]:
            cells[1].add_paragraph(xml_safe(line))
        cells[2].text = xml_safe(issue.signed_off_by or "—")
    document.add_paragraph()


def _cell_lines(fragment: str) -> list[str]:
    """Report HTML as the lines of a table cell: each paragraph, list item (with its marker) or table row."""
    return [f"{marker} {text}" if marker else text for marker, text in html_blocks(richtext.clean(fragment or ""))]


def _row_text(row) -> str:
    if row.field == "contact":
        return "; ".join(", ".join(x for x in (p.name, p.job_title) if x) for p in row.contacts) or phrase("None")
    value = row_value_or_none(row)
    if row.field not in WRITTEN_ROWS:  # the council's standard words ("Yes", "All"), in the reader's language
        value = phrase(value)
    return value.replace("\n", "; ")


# Rows whose value the author writes (the Welsh edition gives their Welsh): never a standard phrase.
WRITTEN_ROWS = ("title", "report_of", "people")


def _title_table(document, doc) -> None:
    """The title block as the council's front sheet: unlabelled lines, then a table of labelled rows."""
    wording = doc.wording
    for row in doc.title_lines:
        if row.value:
            _add_pieces(document.add_paragraph(), _row_values(row, str(row.value), wording))
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    # Fixed columns, as in the council's template: Word and LibreOffice otherwise split them evenly.
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Cm(5), Cm(12)
    for row in doc.labelled_rows:
        cells = table.add_row().cells
        label, value = welsh_first.labelled(welsh_first.title_row(row, _row_text(row), wording))
        cells[0].text = xml_safe(phrase(label) if not wording.welsh_first else label)
        cells[0].paragraphs[0].runs[0].bold = True
        _set_cell_shading(cells[0], "F3F2F1")
        cells[0].width, cells[1].width = Cm(5), Cm(12)
        if row.field == "contact":
            paragraph = cells[1].paragraphs[0]
            for index, person in enumerate(row.contacts):
                if index:
                    paragraph = cells[1].add_paragraph()
                paragraph.add_run(xml_safe(", ".join(x for x in (person.name, person.job_title) if x)))
                if person.email:
                    paragraph.add_run().add_break()
                    _hyperlink(paragraph, f"mailto:{person.email}", person.email)
                if person.phone:
                    paragraph.add_run().add_break()
                    paragraph.add_run(xml_safe(person.phone))
            if not row.contacts:
                paragraph.add_run(phrase("None"))
        else:
            cells[1].text = xml_safe(value)
    document.add_paragraph()


def _row_values(row, value: str, wording) -> list:
    """An unlabelled row's value: its Welsh, then its English, in a Welsh-first report."""
    return [(text, lang or _own_lang(row)) for _label, text, lang in welsh_first.title_row(row, value, wording)]


def _set_cell_shading(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _mark_header_row(row) -> None:
    """Repeat the row at the top of each page and tell assistive technology it is a header."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _field(paragraph, instruction: str) -> None:
    """A Word field such as PAGE or NUMPAGES, updated by Word when the document is opened or printed."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, placeholder, end):
        run._r.append(element)


def _hyperlink(paragraph, url: str, text: str, bold: bool = False, lang: str | None = None) -> None:
    url, text = xml_safe(url), xml_safe(text)
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0B4B8C")
    properties.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    if bold:
        properties.append(OxmlElement("w:b"))
    if lang in WORD_LANGUAGES:
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), WORD_LANGUAGES[lang])
        properties.append(language)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _hanging(paragraph, gutter=GUTTER, level: int = 0) -> None:
    indent = gutter + Cm(0.6) * level
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.first_line_indent = -gutter if level == 0 else -Cm(0.6)
    paragraph.paragraph_format.tab_stops.add_tab_stop(indent, WD_TAB_ALIGNMENT.LEFT)


class _HtmlToDocx(HTMLParser):
    """Writes sanitised report HTML into Word paragraphs, the first carrying the hanging number."""

    def __init__(self, document, number: str = "", bold: bool = False, gutter=GUTTER, lang: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.lang = lang  # tagged on every run: a passage printed beside its other language
        self.number = number
        self.bold_all = bold
        self.gutter = gutter
        self.paragraph = None
        self.bold = 0
        self.italic = 0
        self.lists: list[list] = []
        self.href: str | None = None
        self.link_text: list[str] = []
        self.table = None
        self.row_cells: list[tuple[str, str]] | None = None
        self.cell_text: list[str] = []
        self.cell_kind = "td"
        self.rows: list[list[tuple[str, str]]] = []

    # Paragraphs -------------------------------------------------------------

    def _new_paragraph(self, style: str | None = None, level: int = 0):
        self.paragraph = self.document.add_paragraph(style=style)
        _hanging(self.paragraph, self.gutter, level)
        if self.number:
            run = _tag(self.paragraph.add_run(f"{self.number}\t"), self.lang)
            run.bold = self.bold_all
            self.number = ""
        elif level == 0 and self.gutter:
            self.paragraph.add_run("\t")  # later paragraphs of a numbered one line up with its text
        return self.paragraph

    def _current(self):
        return self.paragraph or self._new_paragraph()

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._new_paragraph()
        elif tag == "br":
            self._current().add_run().add_break()
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
            self.paragraph = None
        elif tag == "li":
            level = len(self.lists)
            if self.number:  # a list first: the number gets its own line
                self._new_paragraph()
            self.paragraph = self.document.add_paragraph()
            _hanging(self.paragraph, self.gutter, max(level, 1))
            marker = "•"
            if self.lists:
                self.lists[-1][1] += 1
                if self.lists[-1][0] == "ol":
                    marker = f"{self.lists[-1][1]}."
            _tag(self.paragraph.add_run(f"{marker}\t"), self.lang).bold = bool(self.bold_all)
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.href = href if SAFE_LINK.match(href) else None
            self.link_text = []
        elif tag == "table":
            self.rows = []
        elif tag == "tr":
            self.row_cells = []
        elif tag in ("td", "th"):
            self.cell_text = []
            self.cell_kind = tag

    def handle_endtag(self, tag):
        if tag in ("p", "li"):
            self.paragraph = None
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.paragraph = None
        elif tag == "a":
            text = "".join(self.link_text)
            if self.href and self.row_cells is None:
                _hyperlink(self._current(), self.href, text, bold=bool(self.bold or self.bold_all), lang=self.lang)
            elif self.row_cells is None:
                self._run(text)
            else:
                self.cell_text.append(text)
            self.href = None
        elif tag in ("td", "th") and self.row_cells is not None:
            self.row_cells.append((self.cell_kind, re.sub(r"\s+", " ", "".join(self.cell_text)).strip()))
        elif tag == "tr" and self.row_cells is not None:
            self.rows.append(self.row_cells)
            self.row_cells = None
        elif tag == "table":
            self._write_table()

    def _write_table(self) -> None:
        if not self.rows:
            return
        columns = max(len(row) for row in self.rows)
        table = self.document.add_table(rows=len(self.rows), cols=columns)
        table.style = "Table Grid"
        for r, row in enumerate(self.rows):
            for c, (kind, text) in enumerate(row):
                cell = table.cell(r, c)
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    _tag(run, self.lang)
                if kind == "th":
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            if r == 0 and all(kind == "th" for kind, _ in row):
                _mark_header_row(table.rows[0])
        self.rows = []
        self.paragraph = None

    def _run(self, text: str) -> None:
        run = _tag(self._current().add_run(text), self.lang)
        run.bold = bool(self.bold or self.bold_all)
        run.italic = bool(self.italic)

    def handle_data(self, data):
        if self.row_cells is not None:
            self.cell_text.append(data)
            return
        if self.href is not None:
            self.link_text.append(data)
            return
        text = re.sub(r"\s+", " ", data)
        if not text.strip() and self.paragraph is None:
            return
        if self.paragraph is None or not self.paragraph.runs:
            text = text.lstrip()
        self._run(text)

    def finish(self) -> None:
        self.close()
        if self.number:  # no text at all: still show the number
            self._new_paragraph()


def _write_html(
    document, fragment: str, number: str = "", bold: bool = False, gutter=GUTTER, lang: str | None = None
) -> None:
    writer = _HtmlToDocx(document, number=number, bold=bold, gutter=gutter, lang=lang)
    # Through the one sanitiser again, as the page and the PDF do: text that reached the database
    # some other way (the admin, an import) loses its scripts here too instead of showing them as text.
    writer.feed(xml_safe(richtext.clean(fragment or "")))
    writer.finish()


def _numbered_heading(document, number: str, text: str, level: int, capitals: bool = True, pieces=None):
    """``pieces``: the heading in its languages ((text, language), welsh_first.words), else ``text``."""
    heading = document.add_heading(level=level)
    if number:
        _hanging(heading)
    runs = []
    for index, (words, lang) in enumerate(pieces or [(text, None)]):
        lead = (f"{number}\t" if number else "") if index == 0 else SEPARATOR
        if lead:
            runs.append(heading.add_run(lead))
        runs.append(_tag(heading.add_run(xml_safe(words)), lang))
    for run in runs:
        run.font.all_caps = capitals and level == 1  # shown in capitals where the council prints so; read as typed
    return heading


def _heading_pieces(document, pieces, level: int):
    """An unnumbered heading (the summary's, the recommendations') in its languages."""
    heading = document.add_heading(level=level)
    _add_pieces(heading, pieces)
    return heading


def _paragraphs(document, paragraphs, empty_text: str = "", label=str, wording=None) -> None:
    """``label`` prints a paragraph's number as the template does (Wording.paragraph_label); a
    Welsh-first ``wording`` prints each paragraph's Welsh, then its English."""
    for p in paragraphs:
        number = label(p.number)
        own = _own_lang(p)
        passages = welsh_first.passages(p.text, getattr(p, "text_cy", ""), wording)
        if p.heading:
            _numbered_heading(document, number, p.heading, level=2, pieces=_heading_words(p, wording))
            if p.text:
                for text_html, lang in passages:
                    _write_html(document, text_html, lang=lang or own)
            elif empty_text and not p.children:
                _hanging(document.add_paragraph(xml_safe(empty_text)))
        elif p.background_paper is not None:
            paper = p.background_paper
            paragraph = document.add_paragraph()
            _hanging(paragraph)
            paragraph.add_run(f"{number}\t")
            if paper.url and SAFE_LINK.match(paper.url):
                paragraph.add_run(xml_safe(f"{paper.title}: "))
                _hyperlink(paragraph, paper.url, paper.url)
            else:
                paragraph.add_run(xml_safe(paper.title))
        else:
            # The Welsh carries the number; the English follows in the same gutter.
            for index, (text_html, lang) in enumerate(passages):
                _write_html(document, text_html, number=number if index == 0 else "", lang=lang or own)
        _paragraphs(document, p.children, empty_text, label, wording)


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 16), ("Heading 1", 12), ("Heading 2", 11)):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.keep_with_next = True  # no widowed headings
        style.paragraph_format.space_before = Pt(12 if name != "Heading 2" else 8)
        rfonts = style.element.rPr.rFonts
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attribute), FONT)
        # Word's Title style carries a border and a theme font: plain bold text as the council prints.
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if rfonts.get(qn(theme)) is not None:
                del rfonts.attrib[qn(theme)]
    title_borders = document.styles["Title"].element.pPr.find(qn("w:pBdr"))
    if title_borders is not None:
        document.styles["Title"].element.pPr.remove(title_borders)


def _page_setup(document, doc, council_name: str) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin"):
        setattr(section, side, Cm(2))
    section.bottom_margin = Cm(2.2)
    report = doc.report
    header = section.header.paragraphs[0]
    if report.is_exempt:
        run = header.add_run(exemption.banner(report.exempt_paragraph))
        run.bold = True
        run.font.color.rgb = RGBColor(0xB1, 0x0E, 0x1E)
    # The title on its own line, the page number under it at the right: a long title can wrap
    # without pushing "Page X of Y" into it. The style's size covers the fields' results too.
    document.styles["Footer"].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.add_run(xml_safe(report.title))
    pages = section.footer.add_paragraph(style="Footer")
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # Word fills in the numbers: the words around them are in the document's language.
    pages.add_run(pgettext("page number, before the page", "Page") + " ")
    _field(pages, "PAGE")
    pages.add_run(" " + pgettext("page number, before the number of pages", "of") + " ")
    _field(pages, "NUMPAGES")


def _exempt_appendix_notices(document, doc) -> None:
    """The exempt appendices' notices, as the page prints them under the title: one each, or one for them
    all where the template says (reports/exemption.py ``appendix_notices``)."""
    appendices = list(getattr(doc, "appendices", []) or [])
    for notice in exemption.appendix_notices(appendices, combined=doc.wording.combines_appendix_notices):
        document.add_paragraph().add_run(xml_safe(notice)).bold = True


def report_docx(doc, *, council_name: str) -> bytes:
    """The report as a .docx file (bytes)."""
    report = doc.report
    # The Welsh edition (reports/welsh_edition.py) is a Welsh document.
    lang = "cy-GB" if getattr(doc, "lang", "") == "cy" else "en-GB"
    document = Document()
    _set_language(document, lang)
    _styles(document)
    _page_setup(document, doc, council_name)
    properties = document.core_properties
    properties.title = xml_safe(report.title)
    properties.author = xml_safe(getattr(report, "report_of", "") or council_name)
    committee = bilingual_text(report.committee, "name")  # as the page's masthead: in the reader's language
    properties.subject = xml_safe(committee)
    properties.language = lang

    masthead = document.add_paragraph()
    masthead.add_run(xml_safe(council_name)).bold = True
    meeting = document.add_paragraph(xml_safe(committee))
    if doc.meeting_date:
        meeting.add_run().add_break()
        meeting.add_run(xml_safe(doc.wording.date(doc.meeting_date)))

    if report.is_exempt:
        banner = document.add_paragraph()
        run = banner.add_run(exemption.banner_in_full(report.exempt_paragraph))
        run.bold = True
        run.font.color.rgb = RGBColor(0xB1, 0x0E, 0x1E)

    wording = doc.wording
    if wording.title_as_heading:
        _heading_pieces(document, welsh_first.title(report, wording), level=0)
        _exempt_appendix_notices(document, doc)

    if wording.title_block_as_lines:  # as the page prints them: "Label: value" lines in order
        for row in doc.title_rows:
            value = _row_text(row)
            if row.show_label:
                line = document.add_paragraph()
                for index, (label, text, lang) in enumerate(welsh_first.title_row(row, value, wording)):
                    if index:
                        line.add_run(SEPARATOR)
                    label = label if wording.welsh_first else phrase(label)
                    _tag(line.add_run(xml_safe(f"{label}: ")), lang).bold = True
                    _tag(line.add_run(xml_safe(text)), lang or _own_lang(row))
            elif row.value or row.contacts:
                _add_pieces(document.add_paragraph(), _row_values(row, value, wording))
        document.add_paragraph()
    else:
        _title_table(document, doc)

    if not wording.title_as_heading:  # under the title block that prints the title (Cardiff's)
        _exempt_appendix_notices(document, doc)

    for part in doc.parts:  # in the template's order
        if part == "summary":
            if wording.summary_heading:  # a template may print its summary without a heading
                _heading_pieces(document, _template_words(wording, "summary_heading"), level=1)
            summary_cy = getattr(report, "summary_cy", "")
            for summary, lang in welsh_first.passages(report.summary, summary_cy, wording):
                _write_html(document, summary, gutter=Cm(0), lang=lang)
        elif part == "recommendations":
            _recommendations(document, doc)
        else:
            _sections(document, doc)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
