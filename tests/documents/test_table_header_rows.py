"""A table pasted from Word keeps a real header row: stored as <thead> with <th scope="col">, tagged
as header cells in the PDF and repeated at the top of each page it runs on to, and marked as a
header row (repeated on each page) in the Word download."""

from __future__ import annotations

import io

import docx
import pikepdf
import pytest
from pypdf import PdfReader

from core import richtext
from documents.docx import report_docx
from documents.pdf import render_report_pdf
from reports.models import Paragraph, Section
from reports.pasting import to_html
from reports.structure import loaded_structure
from tests.conftest import make_report

# Word's clipboard for a table whose header row is bold ordinary cells, long enough to run over a page.
WORD_TABLE = (
    "<table class=MsoTableGrid border=1 style='border-collapse:collapse'>"
    "<tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'><td><p class=MsoNormal><b>Borough<o:p></o:p></b></p></td>"
    "<td><p class=MsoNormal><b>Cases examined<o:p></o:p></b></p></td></tr>"
    + "".join(
        f"<tr style='mso-yfti-irow:{n}'><td><p class=MsoNormal>Borough {n}<o:p></o:p></p></td>"
        f"<td><p class=MsoNormal>{n * 3}<o:p></o:p></p></td></tr>"
        for n in range(1, 90)
    )
    + "</table>"
)
# Word writes a row marked "Repeat as header row" inside <thead>.
WORD_MARKED_HEADER = (
    "<table><thead><tr style='mso-yfti-irow:-1;mso-yfti-firstrow:yes'><td><b>Year</b></td><td><b>Places</b></td>"
    "</tr></thead><tbody><tr><td>2016</td><td>40</td></tr></tbody></table>"
)


def test_a_pasted_word_tables_first_row_is_its_header_row():
    stored = to_html(WORD_TABLE)
    assert stored.startswith(
        '<table><thead><tr><th scope="col">Borough</th><th scope="col">Cases examined</th></tr></thead><tbody>'
    )
    assert "<tr><td>Borough 1</td><td>3</td></tr>" in stored
    assert richtext.clean(stored) == stored  # the sanitiser keeps it as it is


def test_a_row_word_marks_as_header_is_the_header_row():
    assert to_html(WORD_MARKED_HEADER) == (
        '<table><thead><tr><th scope="col">Year</th><th scope="col">Places</th></tr></thead>'
        "<tbody><tr><td>2016</td><td>40</td></tr></tbody></table>"
    )


@pytest.fixture
def report_with_table(committee):
    report = make_report(committee, title="Child protection inspections")
    section = Section.objects.create(report=report, position=0, heading="Findings")
    Paragraph.objects.create(section=section, position=0, text="<p>The cases examined by borough:</p>")
    Paragraph.objects.create(section=section, position=1, text=to_html(WORD_TABLE))
    return loaded_structure(report)


def _structure_kinds(pdf: pikepdf.Pdf) -> list[str]:
    kinds = []

    def walk(node, depth=0):
        if depth > 300:
            return
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child, depth + 1)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            kinds.append(str(node.S))
            if "/K" in node:
                walk(node.K, depth + 1)

    walk(pdf.Root.StructTreeRoot.K)
    return kinds


def test_the_pdf_tags_the_header_row_and_repeats_it_on_each_page(report_with_table):
    data = render_report_pdf(report_with_table)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        kinds = _structure_kinds(pdf)
    assert "/Table" in kinds and "/THead" in kinds
    assert kinds.count("/TH") >= 2 and "/TD" in kinds
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    table_pages = [text for text in pages if "Borough 5" in text or "Borough 8" in text]
    assert len(table_pages) >= 2, "the table should run over a page for this test"
    for text in table_pages:
        assert "Cases examined" in text, "the header row is repeated on every page the table is on"


def test_the_word_download_marks_the_header_row(report_with_table):
    document = docx.Document(io.BytesIO(report_docx(report_with_table, council_name="London Borough of Barnet")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Borough")
    header = table.rows[0]._tr
    assert header.trPr is not None and header.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert [cell.text for cell in table.rows[1].cells] == ["Borough 1", "3"]
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is None
