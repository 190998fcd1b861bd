"""The Word version: the PDF's structure and numbering, real headings, live links, nothing hostile."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.conf import settings
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from committee.demo import example_report as example
from core.richtext import clean
from documents.docx import report_docx
from documents.plaintext import report_plain_text
from reports.models import Paragraph, Recommendation, Report, Section
from reports.structure import prefetch_report, report_structure
from tests.conftest import make_report
from tests.report_builders import report_with_content


def structure(report):
    return report_structure(prefetch_report().get(pk=report.pk))


@pytest.fixture(scope="module")
def example_outputs(django_db_setup, django_db_blocker):
    """The demo council's example report as Word and as text, loaded once for this module."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddemo", stdout=io.StringIO())
        doc = structure(Report.objects.get(title__startswith="HMIC"))
        outputs = {
            "docx": report_docx(doc, council_name=settings.COUNCIL_NAME),
            "text": report_plain_text(doc, council_name=settings.COUNCIL_NAME),
        }
        transaction.set_rollback(True)
    return outputs


def test_the_word_version_has_the_reports_headings_and_numbering_in_order(example_outputs):
    document = docx.Document(io.BytesIO(example_outputs["docx"]))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", example.TITLE)
    assert ("Heading 1", "Summary") in headings
    assert ("Heading 1", "Recommendations") in headings
    assert ("Heading 1", "1.\tWhy this report is needed") in headings
    assert ("Heading 2", "5.4\tRisk Management") in headings
    assert headings[-1] == ("Heading 1", "6.\tBackground papers")
    numbered = [p.text.split("\t")[0] for p in document.paragraphs if "\t" in p.text and p.style.name == "Normal"]
    for number in ["1.", "2.", "3.", "1.1", "1.3", "1.7", "2.2", "4.1", "5.1.1", "5.5.1", "6.1", "6.2"]:
        assert number in numbered
    assert numbered.index("1.1") < numbered.index("1.7") < numbered.index("5.1.1") < numbered.index("6.2")


def test_recommendations_are_bold_and_numbered_like_the_example(example_outputs):
    document = docx.Document(io.BytesIO(example_outputs["docx"]))
    by_text = {p.text: p for p in document.paragraphs}
    for number, text in enumerate(example.RECOMMENDATIONS, start=1):
        paragraph = by_text[f"{number}.\t{text}"]
        assert all(run.bold for run in paragraph.runs if run.text.strip())


def test_the_title_block_is_a_two_column_table_with_the_councils_labels(example_outputs):
    document = docx.Document(io.BytesIO(example_outputs["docx"]))
    table = document.tables[0]
    assert len(table.columns) == 2
    labels = [row.cells[0].text for row in table.rows]
    assert labels == ["Title", "Report of", "Wards", "Status", "Urgent", "Key", "Enclosures", "Officer Contact Details"]
    assert table.rows[1].cells[1].text == example.REPORT_OF
    assert "Edward Gilbert, Governance Team Leader" in table.rows[7].cells[1].text


def test_the_word_version_links_the_background_papers_and_is_in_british_english(example_outputs):
    with zipfile.ZipFile(io.BytesIO(example_outputs["docx"])) as package:
        relationships = package.read("word/_rels/document.xml.rels").decode()
        styles = package.read("word/styles.xml").decode()
        footer = "".join(package.read(n).decode() for n in package.namelist() if n.startswith("word/footer"))
    for paper in example.BACKGROUND_PAPERS:
        assert paper["url"].replace("&", "&amp;") in relationships
    assert "mailto:Edward.gilbert@barnet.gov.uk" in relationships
    assert 'w:lang w:val="en-GB"' in styles
    assert "NUMPAGES" in footer and "PAGE" in footer
    document = docx.Document(io.BytesIO(example_outputs["docx"]))
    assert document.core_properties.title == example.TITLE
    assert document.core_properties.language == "en-GB"
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_the_plain_text_reads_in_order_with_hanging_numbers(example_outputs):
    text = example_outputs["text"]
    assert text.startswith("London Borough of Barnet\nChildren, Education, Libraries and Safeguarding Committee")
    positions = [
        text.index(marker)
        for marker in [
            "Title:",
            "Summary\n-------",
            "1.  That the Committee notes the report.",
            "1. WHY THIS REPORT IS NEEDED",
            "1.1     On 26th November",
            "        - The police response to children",
            "5.1     Corporate Priorities and Performance",
            "5.1.1   By receiving this report",
            "6.1     Report published by the HMIC",
        ]
    ]
    assert positions == sorted(positions)
    assert "<https://barnet.moderngov.co.uk/mgListPlans.aspx?RPIId=697&RD=0>" in text
    assert all(len(line) <= 72 or "http" in line for line in text.splitlines())  # only addresses run past 72


def test_an_exempt_report_says_so_in_word_and_text(committee):
    report = report_with_content(committee, sections=1, paragraphs=1, is_exempt=True, exempt_paragraph=4)
    doc = structure(report)
    document = docx.Document(io.BytesIO(report_docx(doc, council_name="Council")))
    assert "paragraph 4 of Schedule 12A" in document.sections[0].header.paragraphs[0].text  # every page
    assert report_plain_text(doc).startswith("EXEMPT — NOT FOR PUBLICATION: paragraph 4 of Schedule 12A")


def test_a_public_report_has_no_exempt_header_in_word(committee):
    doc = structure(report_with_content(committee, sections=1, paragraphs=1))
    document = docx.Document(io.BytesIO(report_docx(doc, council_name="Council")))
    assert document.sections[0].header.paragraphs[0].text == ""


def test_hostile_text_stays_inert_in_word_and_text(committee):
    report = make_report(committee, summary=clean("<p>Hello<script>alert(1)</script></p>"))
    section = Section.objects.create(report=report, position=0, heading="<w:body>Heading</w:body>")
    Paragraph.objects.create(
        section=section, text=clean('<p><a href="javascript:alert(2)">click</a> <a href="https://ok.test/">ok</a></p>')
    )
    # Even text that was never cleaned is only ever text in Word.
    Recommendation.objects.create(report=report, text='<p><a href="javascript:alert(3)">raw</a></p>')
    doc = structure(report)
    data = report_docx(doc, council_name="Council")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
        relationships = package.read("word/_rels/document.xml.rels").decode()
    assert "javascript" not in relationships.lower()
    assert "https://ok.test/" in relationships
    assert "alert" not in xml
    assert "&lt;w:body&gt;Heading&lt;/w:body&gt;" in xml  # shown as typed, not markup
    document = docx.Document(io.BytesIO(data))
    assert any(p.text == "1.\traw" for p in document.paragraphs)
    text = report_plain_text(doc)
    assert "alert" not in text and "javascript" not in text


def test_the_word_footer_keeps_the_page_number_clear_of_a_long_title_and_the_title_block_has_fixed_columns(
    example_outputs,
):
    """Seen in LibreOffice: "…Police ServicePage 1" ran together when both shared one line."""
    document = docx.Document(io.BytesIO(example_outputs["docx"]))
    title, pages = document.sections[0].footer.paragraphs
    assert title.text == example.TITLE
    assert pages.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert pages.text.startswith("Page ") and " of " in pages.text
    fields = pages._p.xml
    assert " PAGE " in fields and " NUMPAGES " in fields
    assert {p.style.name for p in (title, pages)} == {"Footer"}
    assert document.styles["Footer"].font.size == Pt(8)
    table = document.tables[0]
    assert table.autofit is False
    assert [round(column.width.cm) for column in table.columns] == [5, 12]
