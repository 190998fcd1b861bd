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

from django.utils.translation import pgettext
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from core import richtext
from core.bilingual import bilingual_text
from core.text import xml_safe
from documents.plaintext import html_blocks
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


def _recommendations(document, doc) -> None:
    wording = doc.wording
    document.add_heading(xml_safe(wording.recommendations_heading), level=1)
    if wording.recommendations_lead_in:
        document.add_paragraph(xml_safe(wording.recommendations_lead_in))
    for number, text in doc.recommendations:
        _write_html(document, text, number=wording.recommendation_label(number), bold=True, gutter=Cm(0.8))


def _sections(document, doc) -> None:
    wording = doc.wording
    for section in doc.sections:
        _numbered_heading(
            document,
            wording.section_label(section.number),
            section.heading,
            level=1,
            capitals=wording.capitals,
        )
        implications = getattr(section, "is_implications", False)
        if implications and wording.implications_table:
            _implications_table(document, section.paragraphs, wording)
            continue
        for paragraph in section.paragraphs:
            _paragraphs(document, [paragraph], wording.empty_subsection_text, wording.paragraph_label)
            if implications and paragraph.heading:  # the issue's public sign-off
                document.add_paragraph(xml_safe(f"Signed off by: {paragraph.signed_off_by or '—'}"))
        if section.is_background_papers and not section.paragraphs:
            document.add_paragraph("None.")


IMPLICATIONS_COLUMNS = ("Issue", "Implications", "Signed off by")


def _implications_table(document, paragraphs, wording) -> None:
    """The implications as the page and the PDF print them (templates/reports/_implications.html): any
    introduction first, then a table whose header row names the columns (repeated on each page, and
    read as headers), one row an issue with its text and the officer who signed it off."""
    for paragraph in paragraphs:
        if not paragraph.heading:
            _paragraphs(document, [paragraph], wording.empty_subsection_text, wording.paragraph_label)
    issues = [p for p in paragraphs if p.heading]
    if not issues:
        return
    table = document.add_table(rows=1, cols=len(IMPLICATIONS_COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, IMPLICATIONS_COLUMNS, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
        _set_cell_shading(cell, "F3F2F1")
    _mark_header_row(table.rows[0])
    for issue in issues:
        cells = table.add_row().cells
        label = wording.paragraph_label(issue.number)
        cells[0].text = xml_safe(f"{label} {issue.heading}" if label else issue.heading)
        cells[0].paragraphs[0].runs[0].bold = True
        lines = _cell_lines(issue.text)
        for child in issue.children:
            child_lines = _cell_lines(child.text) or [""]
            child_label = wording.paragraph_label(child.number)
            lines += [f"{child_label} {child_lines[0]}".strip(), *child_lines[1:]]
        if not lines:
            lines = [wording.empty_subsection_text or "None."]
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
        return "; ".join(", ".join(x for x in (p.name, p.job_title) if x) for p in row.contacts) or "None"
    return row_value_or_none(row).replace("\n", "; ")


def _title_table(document, doc) -> None:
    """The title block as the council's front sheet: unlabelled lines, then a table of labelled rows."""
    for row in doc.title_lines:
        if row.value:
            document.add_paragraph(xml_safe(str(row.value)))
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    # Fixed columns, as in the council's template: Word and LibreOffice otherwise split them evenly.
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Cm(5), Cm(12)
    for row in doc.labelled_rows:
        cells = table.add_row().cells
        cells[0].text = xml_safe(row.label)
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
                paragraph.add_run("None")
        else:
            cells[1].text = xml_safe(row_value_or_none(row))
    document.add_paragraph()


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


def _hyperlink(paragraph, url: str, text: str, bold: bool = False) -> None:
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

    def __init__(self, document, number: str = "", bold: bool = False, gutter=GUTTER) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
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
            run = self.paragraph.add_run(f"{self.number}\t")
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
            self.paragraph.add_run(f"{marker}\t").bold = bool(self.bold_all)
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
                _hyperlink(self._current(), self.href, text, bold=bool(self.bold or self.bold_all))
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
                if kind == "th":
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            if r == 0 and all(kind == "th" for kind, _ in row):
                _mark_header_row(table.rows[0])
        self.rows = []
        self.paragraph = None

    def _run(self, text: str) -> None:
        run = self._current().add_run(text)
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


def _write_html(document, fragment: str, number: str = "", bold: bool = False, gutter=GUTTER) -> None:
    writer = _HtmlToDocx(document, number=number, bold=bold, gutter=gutter)
    # Through the one sanitiser again, as the page and the PDF do: text that reached the database
    # some other way (the admin, an import) loses its scripts here too instead of showing them as text.
    writer.feed(xml_safe(richtext.clean(fragment or "")))
    writer.finish()


def _numbered_heading(document, number: str, text: str, level: int, capitals: bool = True):
    heading = document.add_heading(level=level)
    if number:
        _hanging(heading)
    run = heading.add_run(xml_safe(f"{number}\t{text}" if number else text))
    run.font.all_caps = capitals and level == 1  # shown in capitals where the council prints so; read as typed
    return heading


def _paragraphs(document, paragraphs, empty_text: str = "", label=str) -> None:
    """``label`` prints a paragraph's number as the template does (Wording.paragraph_label)."""
    for p in paragraphs:
        number = label(p.number)
        if p.heading:
            _numbered_heading(document, number, p.heading, level=2)
            if p.text:
                _write_html(document, p.text)
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
            _write_html(document, p.text, number=number)
        _paragraphs(document, p.children, empty_text, label)


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

    if doc.wording.title_as_heading:
        document.add_heading(xml_safe(report.title), level=0)

    if doc.wording.title_block_as_lines:  # as the page prints them: "Label: value" lines in order
        for row in doc.title_rows:
            value = _row_text(row)
            if row.show_label:
                line = document.add_paragraph()
                line.add_run(xml_safe(f"{row.label}: ")).bold = True
                line.add_run(xml_safe(value))
            elif row.value or row.contacts:
                document.add_paragraph(xml_safe(value))
        document.add_paragraph()
    else:
        _title_table(document, doc)

    wording = doc.wording
    for part in doc.parts:  # in the template's order
        if part == "summary":
            if wording.summary_heading:  # a template may print its summary without a heading
                document.add_heading(xml_safe(wording.summary_heading), level=1)
            _write_html(document, report.summary, gutter=Cm(0))
        elif part == "recommendations":
            _recommendations(document, doc)
        else:
            _sections(document, doc)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
