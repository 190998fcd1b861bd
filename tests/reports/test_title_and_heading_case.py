"""Where the template prints the title (heading, row or both) and the case of its section headings,
the same on the page, in the PDF, in Word and in plain text, and kept in revisions."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.conf import settings
from django.urls import reverse

from documents.docx import report_docx
from reports import revisions
from reports.models import Paragraph, Recommendation, ReportTemplate, TitleBlockRow
from reports.structure import loaded_structure, placed_rows
from reports.templates_setup import start_report_from_template
from tests.reports.test_templates import cabinet_template, publish, surfaces

pytestmark = pytest.mark.django_db

TITLE, WARDS = TitleBlockRow.Field.TITLE, TitleBlockRow.Field.WARDS
P = ReportTemplate.TitlePlacement


@pytest.mark.parametrize(
    ("rows", "placement", "expected"),
    [
        ([(TITLE, "Title", True), (WARDS, "Wards", True)], P.BOTH, [(TITLE, "Title", True), (WARDS, "Wards", True)]),
        ([(WARDS, "Wards", True)], P.BOTH, [(WARDS, "Wards", True)]),
        ([(TITLE, "Title", True), (WARDS, "Wards", True)], P.HEADING, [(WARDS, "Wards", True)]),
        ([(WARDS, "Wards", True)], P.HEADING, [(WARDS, "Wards", True)]),
        (
            [(WARDS, "Wards", True), (TITLE, "Report title", False)],
            P.ROW,
            [(WARDS, "Wards", True), (TITLE, "Report title", False)],
        ),
        ([(WARDS, "Wards", True)], P.ROW, [(TITLE, "Title", True), (WARDS, "Wards", True)]),
        ([], P.ROW, [(TITLE, "Title", True)]),
    ],
)
def test_the_title_row_follows_the_templates_placement(rows, placement, expected):
    assert placed_rows(rows, placement) == expected


def report_from(committee, **wording):
    template = cabinet_template(**wording)
    TitleBlockRow.objects.create(template=template, position=0, field=TITLE, label="Report title")
    TitleBlockRow.objects.create(template=template, position=1, field=WARDS, label="Wards affected")
    report = start_report_from_template(template, committee=committee, title="Atlantic Wharf", report_of="Director")
    section = report.sections.get(heading="Background")
    Paragraph.objects.create(section=section, position=0, text="<p>The site was bought in 2019.</p>")
    return publish(report)


def word(report) -> docx.Document:
    return docx.Document(io.BytesIO(report_docx(loaded_structure(report), council_name=settings.COUNCIL_NAME)))


def word_rows(document) -> list[str]:
    return [row.cells[0].text for table in document.tables for row in table.rows]


def test_a_title_printed_as_a_heading_only_has_no_row(client, committee):
    report = report_from(committee, title_placement=P.HEADING)
    assert [row.label for row in loaded_structure(report).title_rows] == ["Wards affected"]
    printed = surfaces(client, report)
    assert "Report title" not in printed["page"]
    assert "Report title" not in printed["pdf"] and "Report title" not in printed["docx"]
    assert "Report title" not in word_rows(word(report))
    assert re.search(r'class="govuk-heading-xl council-report__title"[^>]*>Atlantic Wharf</h1>', printed["page"])


def test_a_title_printed_as_a_row_only_is_no_visible_heading_but_stays_the_pages_h1(client, committee):
    report = report_from(committee, title_placement=P.ROW)
    printed = surfaces(client, report)
    assert "council-report__title govuk-visually-hidden" in printed["page"]
    assert "Report title" in word_rows(word(report))
    assert not [p for p in word(report).paragraphs if p.style.name == "Title"]
    assert "ATLANTIC WHARF" not in printed["text"] and "Atlantic Wharf" in printed["text"]


def test_both_prints_heading_and_row_as_before(client, committee):
    report = report_from(committee)
    assert [p.text for p in word(report).paragraphs if p.style.name == "Title"] == ["Atlantic Wharf"]
    assert "Report title" in word_rows(word(report))


def test_headings_as_written_are_printed_as_written_everywhere(client, committee):
    report = report_from(committee, heading_case=ReportTemplate.HeadingCase.AS_WRITTEN)
    printed = surfaces(client, report)
    assert "council-report--capitals" not in printed["page"]
    assert "Reason for this Report" in printed["pdf"] and "REASON FOR THIS REPORT" not in printed["pdf"]
    assert "Reason for this Report" in printed["text"] and "REASON FOR THIS REPORT" not in printed["text"]
    runs = [run for p in word(report).paragraphs if "Reason for this Report" in p.text for run in p.runs]
    assert runs and not any(run.font.all_caps for run in runs)


def test_capitals_remain_the_default_as_the_example_council_prints(client, committee):
    report = report_from(committee)
    printed = surfaces(client, report)
    assert "council-report--capitals" in printed["page"]
    assert "REASON FOR THIS REPORT" in printed["pdf"]
    assert "REASON FOR THIS REPORT" in printed["text"]


def test_placement_and_case_are_kept_in_the_published_revision(committee):
    report = report_from(committee, title_placement=P.ROW, heading_case=ReportTemplate.HeadingCase.AS_WRITTEN)
    kept = revisions.structure_from_snapshot(revisions.latest_published_revision(report).content).wording
    assert (kept.title_placement, kept.heading_case) == ("row", "as_written")


# Recommendation and sub-level numbering ---------------------------------------------------------


def test_recommendations_and_sub_levels_are_numbered_as_the_template_says_everywhere(client, committee):
    template = cabinet_template(
        recommendation_numbering=ReportTemplate.RecommendationNumbering.LETTERS,
        sub_numbering=ReportTemplate.SubNumbering.LETTERS,
    )
    report = start_report_from_template(template, committee=committee, title="Atlantic Wharf", report_of="Director")
    Recommendation.objects.create(report=report, position=0, text="<p>Notes the masterplan.</p>")
    Recommendation.objects.create(report=report, position=1, text="<p>Approves the land sale.</p>")
    section = report.sections.get(heading="Background")
    top = Paragraph.objects.create(section=section, position=0, text="<p>The site has three parts.</p>")
    first = Paragraph.objects.create(section=section, parent=top, position=0, text="<p>The arena plot.</p>")
    Paragraph.objects.create(section=section, parent=top, position=1, text="<p>The hotel plot.</p>")
    Paragraph.objects.create(section=section, parent=first, position=0, text="<p>Its car park.</p>")
    publish(report)
    for name, text in surfaces(client, report).items():
        flat = " ".join(text.split())
        for expected in (
            "(a) Notes the masterplan.",
            "(b) Approves the land sale.",
            "2.1 The site has three parts.",
            "(a) The arena plot.",
            "(i) Its car park.",
            "(b) The hotel plot.",
        ):
            if name == "page":
                number, words = expected.split(" ", 1)
                assert f">{number}</span>" in text and words in text, expected
            else:
                assert expected in flat, (name, expected)
        if name != "page":  # the page's anchors keep the numbers (#paragraph-2.1.1) for links
            assert "2.1.1" not in flat, name
    page = surfaces(client, report)["page"]
    assert '<span class="council-paragraph__number">(i)</span>' in page
    assert '<span class="council-paragraph__number">(a)</span><p>' in page or ">(a)</span>" in page


def test_the_defaults_number_as_before(client, committee):
    report = report_from(committee)
    Recommendation.objects.create(report=report, position=0, text="<p>Notes the masterplan.</p>")
    publish(report)
    assert "1." in surfaces(client, report)["text"]
    assert loaded_structure(report).wording.recommendation_label(2) == "2."


def test_the_editor_shows_the_numbers_the_report_prints(client, author, committee):
    template = cabinet_template(
        recommendation_numbering=ReportTemplate.RecommendationNumbering.ROMAN,
        sub_numbering=ReportTemplate.SubNumbering.LETTERS,
    )
    report = start_report_from_template(
        template, committee=committee, author=author, title="Atlantic Wharf", report_of="Director"
    )
    Recommendation.objects.create(report=report, position=0, text="<p>Notes the masterplan.</p>")
    section = report.sections.get(heading="Background")
    top = Paragraph.objects.create(section=section, position=0, text="<p>The site has three parts.</p>")
    Paragraph.objects.create(section=section, parent=top, position=0, text="<p>The arena plot.</p>")
    client.force_login(author)
    page = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    # Without JavaScript, an editable paragraph's number is the link to its form.
    numbers = re.findall(r'class="council-number"[^>]*>([^<]+)<', page)
    assert "(i)" in numbers and "2.1" in numbers and "(a)" in numbers
