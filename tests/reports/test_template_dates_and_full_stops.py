"""The template chooses how dates print at the top of a report ("Tuesday 21 February 2017", "21/02/2017",
"21 FEBRUARY 2017" …) and whether numbers carry a full stop ("1." or "1", "1.1." or "1.1"); a report with
no recommendations prints no recommendations heading. The page, the PDF, Word and plain text agree, and
published revisions keep what the template said."""

from __future__ import annotations

import datetime
import io
import re

import docx
import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from core.dates import styled_date
from core.numbering import with_full_stop
from documents.docx import report_docx
from documents.pdf import render_report_pdf
from documents.plaintext import report_plain_text
from reports import revisions
from reports.models import Paragraph, Recommendation, Report, ReportTemplate, Section, TitleBlockRow
from reports.revisions import structure_from_snapshot
from reports.structure import loaded_structure
from reports.templates_setup import start_report_from_template
from tests.conftest import make_meeting, make_report

pytestmark = pytest.mark.django_db

K = TitleBlockRow.Field
DAY = datetime.date(2017, 2, 21)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def page_text(client, report: Report) -> str:
    html = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    return squash(re.sub(r"<[^>]+>", " ", html))


def pdf_text(report: Report) -> str:
    pdf = PdfReader(io.BytesIO(render_report_pdf(loaded_structure(report))))
    return squash(" ".join(page.extract_text() for page in pdf.pages))


def word_text(report: Report) -> str:
    document = docx.Document(io.BytesIO(report_docx(loaded_structure(report), council_name=settings.COUNCIL_NAME)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return squash(" ".join([p.text for p in document.paragraphs] + cells))


def published(report: Report) -> Report:
    Report.objects.filter(pk=report.pk).update(status=Report.Status.PUBLISHED)
    report.refresh_from_db()
    revisions.record(report, None, published=True)
    return report


@pytest.mark.parametrize(
    ("style", "printed"),
    [
        ("day_month_year", "21 February 2017"),
        ("with_weekday", "Tuesday 21 February 2017"),
        ("numeric", "21/02/2017"),
        ("short_month", "21-Feb-2017"),
        ("capitals", "21 FEBRUARY 2017"),
    ],
)
def test_each_date_style_prints_the_same_day_as_councils_write_it(style, printed):
    assert styled_date(DAY, style) == printed


def test_the_title_block_and_header_print_dates_in_the_templates_style_everywhere(client, committee, author):
    template = ReportTemplate.objects.create(name="Cabinet", date_style="with_weekday")
    TitleBlockRow.objects.create(template=template, position=0, field=K.MEETING_DATE, label="Date", show_label=False)
    TitleBlockRow.objects.create(template=template, position=1, field=K.DATE, label="Implementation date")
    report = start_report_from_template(
        template,
        committee=committee,
        title="Undercliff Drive",
        report_of="x",
        author=author,
        meeting=make_meeting(committee, DAY),
        extra_title_rows={"Implementation date": "2017-03-06"},
    )
    published(report)
    page = page_text(client, report)
    # Both rows; the masthead leaves the meeting's date to its row rather than print it twice.
    assert page.count("Tuesday 21 February 2017") == 1 and "Implementation date Monday 6 March 2017" in page
    assert "Implementation date Monday 6 March 2017" in pdf_text(report)
    word = word_text(report)
    assert "Tuesday 21 February 2017" in word and "Implementation date Monday 6 March 2017" in word
    plain = report_plain_text(loaded_structure(report), council_name=settings.COUNCIL_NAME)
    assert "Tuesday 21 February 2017" in plain

    # A published revision keeps the style: changing the template later does not rewrite what was published.
    ReportTemplate.objects.filter(pk=template.pk).update(date_style="numeric")
    kept = structure_from_snapshot(report.revisions.order_by("-number").first().content)
    assert kept.wording.date(DAY) == "Tuesday 21 February 2017"
    assert "Implementation date Monday 6 March 2017" in page_text(client, report)
    assert "Implementation date 06/03/2017" in word_text(report)  # a draft of a correction follows the template


def test_a_date_row_may_print_its_date_its_own_way(client, committee, author):
    """Mole Valley prints the registration date "21-Jan-2020" and the committee's "3 June 2020"; the Isle of
    Wight the meeting's "7 JUNE 2005" and the implementation date "20 June 2005"."""
    template = ReportTemplate.objects.create(name="Planning application", date_style="day_month_year")
    rows = [
        (K.DATE, "Registration Date", "short_month"),
        (K.MEETING_DATE, "Committee Date", ""),
        (K.MEETING, "Meeting", "capitals"),
    ]
    for position, (kind, label, style) in enumerate(rows):
        TitleBlockRow.objects.create(template=template, position=position, field=kind, label=label, date_style=style)
    report = start_report_from_template(
        template,
        committee=committee,
        title="The Charlwood (PH)",
        report_of="x",
        author=author,
        meeting=make_meeting(committee, datetime.date(2020, 6, 3)),
        extra_title_rows={"Registration Date": "2020-01-21"},
    )
    published(report)
    expected = ["Registration Date 21-Jan-2020", "Committee Date 3 June 2020", f"{committee.name}, 3 JUNE 2020"]
    for text in (page_text(client, report), pdf_text(report), word_text(report)):
        for line in expected:
            assert line in text, line


def numbered_report(committee, author, **wording) -> Report:
    template = ReportTemplate.objects.create(name="Council report", heading_case="as_written", **wording)
    report = start_report_from_template(template, committee=committee, title="Leisure", report_of="x", author=author)
    for position, heading in enumerate(["Background", "Options"]):
        section = Section.objects.create(report=report, position=position, heading=heading)
        first = Paragraph.objects.create(section=section, position=0, text=f"<p>{heading} first.</p>")
        Paragraph.objects.create(section=section, parent=first, position=0, text=f"<p>{heading} below.</p>")
        Paragraph.objects.create(section=section, position=1, text=f"<p>{heading} second.</p>")
    Recommendation.objects.create(report=report, position=0, text="<p>That Cabinet agrees.</p>")
    return published(report)


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        (
            {"full_stops": "sections"},
            ["1. Background", "1.1 Background first.", "1.1.1 Background below.", "2. Options", "2.2 Options second."],
        ),
        (
            {"full_stops": "all"},
            ["1. Background", "1.1. Background first.", "1.1.1. Background below.", "2.2. Options second."],
        ),
        ({"full_stops": "none"}, ["1 Background", "1.1 Background first.", "2 Options", "2.2 Options second."]),
        (
            {"full_stops": "all", "numbering": "flat"},
            [
                "Background 1. Background first.",
                "1.1. Background below.",
                "2. Background second.",
                "4. Options second.",
            ],
        ),
        ({"full_stops": "none", "numbering": "flat"}, ["Background 1 Background first.", "4 Options second."]),
        (
            {"full_stops": "all", "sub_numbering": "letters"},
            ["1. Background", "1.1. Background first.", "(a) Background below."],
        ),
    ],
)
def test_numbers_carry_a_full_stop_as_the_template_says_on_the_page_pdf_and_word(
    client, committee, author, wording, expected
):
    report = numbered_report(committee, author, **wording)
    page, pdf, word = page_text(client, report), pdf_text(report), word_text(report)
    for text in expected:
        assert text in page, text
        assert text in pdf, text
        assert text in word, text
    # Recommendations keep their own numbering.
    assert "1. That Cabinet agrees." in page


def test_a_full_stop_is_added_only_after_a_number():
    assert [with_full_stop(label) for label in ["4", "4.2", "(a)", "(iv)", ""]] == ["4.", "4.2.", "(a)", "(iv)", ""]


def test_a_report_without_recommendations_prints_no_recommendations_heading(client, committee, author):
    report = make_report(committee, summary="<p>For information only.</p>")
    section = Section.objects.create(report=report, position=0, heading="Background")
    Paragraph.objects.create(section=section, position=0, text="<p>The facts.</p>")
    published(report)
    for text in (page_text(client, report), pdf_text(report), word_text(report)):
        assert "Recommendations" not in text and "None." not in text
        assert "For information only." in text and "The facts." in text
    plain = report_plain_text(loaded_structure(report), council_name=settings.COUNCIL_NAME)
    assert "Recommendations" not in plain and "None." not in plain
    # The revision the public reads says the same.
    kept = structure_from_snapshot(report.revisions.order_by("-number").first().content)
    assert "recommendations" not in kept.parts

    Recommendation.objects.create(report=report, position=0, text="<p>That the Committee notes the report.</p>")
    assert "Recommendations 1. That the Committee notes the report." in word_text(report)
