"""A published report read at its /cy/ address: the page, the PDF and the Word file in Welsh, block by
block (reports/welsh_edition.py); the English addresses unchanged; exempt passages' Welsh withheld as
their English is."""

from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader

from committee import access
from reports import workflow
from reports.models import Paragraph, Recommendation, Report, Section
from tests.conftest import make_report, make_user
from tests.documents.test_pdf_tagging import tagging

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(committee):
    officer = make_user("officer", access.GOVERNANCE_OFFICERS)
    report = make_report(
        committee,
        status=Report.Status.APPROVED,
        title="Library opening hours",
        title_cy="Oriau agor llyfrgelloedd",
        report_of="Head of Libraries",
        report_of_cy="Pennaeth Llyfrgelloedd",
        summary="<p>Longer hours.</p>",
        summary_cy="<p>Oriau hirach.</p>",
    )
    Recommendation.objects.create(
        report=report,
        position=0,
        text="<p>That the hours are agreed.</p>",
        text_cy="<p>Bod yr oriau'n cael eu cytuno.</p>",
    )
    section = Section.objects.create(report=report, position=0, heading="Background", heading_cy="Cefndir")
    Paragraph.objects.create(
        section=section,
        position=0,
        text="<p>The main library opens at nine.</p>",
        text_cy="<p>Mae'r brif lyfrgell yn agor am naw.</p>",
    )
    Paragraph.objects.create(section=section, position=1, text="<p>Only in English so far.</p>")
    Paragraph.objects.create(
        section=section,
        position=2,
        text="<p>The tender prices were 10,000.</p>",
        text_cy="<p>Prisiau'r tendr oedd 10,000.</p>",
        exempt_paragraph=3,
    )
    workflow.publish(report, officer)
    return report


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_the_welsh_page_reads_each_block_in_welsh_and_marks_the_english(client, published):
    page = client.get(f"/cy/reports/{published.pk}/").content.decode()
    for welsh in ["Oriau agor llyfrgelloedd", "Pennaeth Llyfrgelloedd", "Bod yr oriau'n cael eu cytuno", "Cefndir"]:
        assert welsh in page
    assert "Mae'r brif lyfrgell yn agor am naw." in page
    assert 'id="paragraph-1.2" lang="en-GB"' in page and "Only in English so far." in page
    assert "Prisiau" not in page and "tender prices" not in page  # exempt, in either language
    assert "Mae'r paragraff hwn yn cynnwys gwybodaeth eithriedig (paragraff 3 o Atodlen 12A)" in page
    english = client.get(f"/reports/{published.pk}/").content.decode()
    assert "The main library opens at nine." in english and "brif lyfrgell" not in english


def test_the_welsh_pdf_is_the_welsh_edition_tagged_cy(client, published):
    response = client.get(f"/cy/reports/{published.pk}/pdf/")
    data = b"".join(response.streaming_content)
    assert tagging(data).lang == "cy"
    text = _pdf_text(data)
    assert "Mae'r brif lyfrgell yn agor am naw." in text and "CEFNDIR" in text
    assert "Prisiau" not in text and "tender prices" not in text
    assert "Tudalen 1 o 1" in text and "Page 1" not in text
    english = b"".join(client.get(f"/reports/{published.pk}/pdf/").streaming_content)
    assert tagging(english).lang == "en-GB"
    assert "The main library opens at nine." in _pdf_text(english)


def test_the_welsh_word_file_reads_welsh_and_says_so(client, published):
    data = client.get(f"/cy/reports/{published.pk}/docx/").content
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Oriau agor llyfrgelloedd" in text and "Mae'r brif lyfrgell yn agor am naw." in text
    assert document.core_properties.language == "cy-GB"
    assert "Prisiau" not in text


def test_the_welsh_word_file_tags_what_is_left_in_english_and_words_the_title_block_in_welsh(client, published):
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(client.get(f"/cy/reports/{published.pk}/docx/").content))
    tags = {}
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            lang = run._r.rPr.find(qn("w:lang")) if run._r.rPr is not None else None
            tags[run.text.strip()] = lang.get(qn("w:val")) if lang is not None else "the document's"
    assert tags["Only in English so far."] == "en-GB"
    assert tags["Mae'r brif lyfrgell yn agor am naw."] != "en-GB"
    cells = {row.cells[0].text: row.cells[1].text for table in document.tables for row in table.rows}
    assert cells["Brys"] == "Na" and cells["Wardiau"] == "Pob un"
    english = docx.Document(io.BytesIO(client.get(f"/reports/{published.pk}/docx/").content))
    cells = {row.cells[0].text: row.cells[1].text for table in english.tables for row in table.rows}
    assert cells["Urgent"] == "No"
