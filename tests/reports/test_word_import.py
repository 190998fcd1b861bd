"""Importing a Word report (reports/word_reading.py, reports/word_import.py): the example report made
in Word imports into a draft equal to the demo copy, section by section; a report written the way
councils write them keeps its title block, numbering, tables, lists and formatting; bad files are
refused with a message and nothing saved."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from committee.models import Person
from reports import revisions, word_import, word_reading
from reports.models import Report, TitleBlockRow
from reports.templates_setup import ensure_standard_template
from tests.conftest import make_user
from tests.reports.test_example_report_flow import council as council  # noqa: F401 (the example's council)
from tests.reports.test_example_report_flow import demo_copy
from tests.reports.word_builders import council_report_docx, example_report_docx, upload


def read_plan(document, template=None):
    return word_import.plan(word_reading.read(upload(document)), template or ensure_standard_template())


def texts(paragraphs):
    return [(p.heading, p.html, texts(p.children)) for p in paragraphs]


# The example report ---------------------------------------------------------------------------


def test_the_example_report_made_in_word_imports_into_a_draft_equal_to_the_demo_copy(council):  # noqa: F811
    committee, meeting, template, officer = council
    author = make_user("author")
    result = read_plan(example_report_docx(), template)
    report = word_import.create_draft(result, template=template, committee=committee, meeting=meeting, author=author)

    imported = revisions.snapshot(report)
    demo = revisions.snapshot(demo_copy(committee, meeting, template, officer))
    for part in ("title", "committee", "is_exempt", "title_rows", "summary", "recommendations", "background_papers"):
        assert imported[part] == demo[part], part
    assert [s["heading"] for s in imported["sections"]] == [s["heading"] for s in demo["sections"]]
    for mine, theirs in zip(imported["sections"], demo["sections"], strict=True):
        assert mine == theirs, f"section {theirs['number']}. {theirs['heading']}"
    assert report.status == Report.Status.DRAFT and report.author == author
    assert report.revisions.count() == 1


def test_the_example_report_leaves_only_the_committee_line_unplaced(council):  # noqa: F811
    result = read_plan(example_report_docx(), council[2])
    assert [u.source for u in result.unplaced] == [
        "Children, Education, Libraries and Safeguarding Committee 21 February 2017"
    ]
    destinations = {p.source: p.destination for p in result.placed}
    assert destinations["1. WHY THIS REPORT IS NEEDED"] == "Section “Why this report is needed” of the template"
    assert any(source.startswith("Officer Contact Details: Edward Gilbert") for source in destinations)
    assert destinations["Recommendations"].startswith("The recommendations heading")
    assert "Background paper 2: its web address" in destinations.values()


# A report as councils write them ----------------------------------------------------------------


@pytest.fixture
def council_plan(db):
    Person.objects.create(name="Priya Shah", kind=Person.Kind.OFFICER, email="priya.shah@example.gov.uk")
    return read_plan(council_report_docx())


def test_the_title_block_table_fills_the_title_block(council_plan):
    assert council_plan.title == "Library opening hours 2027"
    assert council_plan.report_of == "Director of Communities"
    assert council_plan.facts == {"all_wards": True, "key_decision": True, "urgent": False}
    assert council_plan.contacts == [Person.objects.get(name="Priya Shah").pk]
    assert [(u.source, u.destination) for u in council_plan.unplaced] == [
        ("Budget code: LIB-2027", "The template's title block has no row of this name.")
    ]


def test_bold_numbered_lines_are_headings_and_the_summary_and_recommendations_are_found(council_plan):
    assert council_plan.summary == "<p>Opening hours change at four libraries from April 2027.</p>"
    assert council_plan.recommendations == [
        "<p>That the Committee approves the new opening hours.</p>",
        "<p>That the Committee notes the consultation results.</p>",
    ]
    assert [(s.heading, s.in_template) for s in council_plan.sections] == [
        ("Why this report is needed", True),
        ("Customer consultation", False),
        ("Implications of decision", True),
    ]


def test_manual_numbers_are_stripped_into_nesting_and_lists_tables_and_marks_are_kept(council_plan):
    why = council_plan.sections[0].paragraphs
    assert texts(why) == [
        (
            "",
            '<p>Visits have <strong>fallen by a third</strong> since 2019, as the <a href="https://example.gov.uk/'
            'libraries" rel="noopener noreferrer">library strategy</a> foresaw.</p>',
            [],
        ),
        (
            "",
            '<p>The proposed hours are:</p><table><thead><tr><th scope="col">Library</th><th scope="col">Hours a '
            "week</th></tr></thead><tbody><tr><td>Chipping Barnet</td><td>48</td></tr><tr><td>Edgware</td><td>40"
            "</td></tr></tbody></table>",
            [],
        ),
        (
            "",
            "<p>The changes mean:</p><ul><li>later opening on Mondays;</li><li>Sunday opening at Edgware.</li></ul>",
            [
                ("", "<p>Staff were consulted in May.</p>", []),
                ("", "<p>Questions go to &lt;priya.shah@example.gov.uk&gt;, <em>not</em> to the branches.</p>", []),
            ],
        ),
    ]


def test_sub_headings_fill_the_templates_and_keep_its_order(council_plan):
    implications = council_plan.sections[2].paragraphs
    assert [(p.heading, [c.html for c in p.children]) for p in implications] == [
        ("Corporate Priorities and Performance", []),
        (
            "Resources (Finance & Value for Money, Procurement, Staffing, IT, Property, Sustainability)",
            ["<p>The change saves £120,000 a year.</p>"],
        ),
        ("Legal and Constitutional References", ["<p>The Public Libraries and Museums Act 1964 applies.</p>"]),
        ("Risk Management", []),
        ("Equalities and Diversity", []),
        ("Consultation and Engagement", []),
    ]


def test_the_council_report_becomes_a_draft_with_a_new_section_before_the_background_papers(council_plan, committee):
    author = make_user("author")
    template = ensure_standard_template()
    report = word_import.create_draft(council_plan, template=template, committee=committee, meeting=None, author=author)
    doc = revisions.snapshot(report)
    assert [s["heading"] for s in doc["sections"]][:5] == [
        "Why this report is needed",
        "Reasons for recommendations",
        "Alternative options considered and not recommended",
        "Post decision implementation",
        "Implications of decision",
    ]
    headings = list(report.sections.order_by("position").values_list("heading", flat=True))
    assert headings[-2:] == ["Customer consultation", "Background papers"]
    assert report.key_decision is True and report.title == "Library opening hours 2027"
    assert [p.name for p in report.contact_officers.all()] == ["Priya Shah"]
    why = next(s for s in doc["sections"] if s["heading"] == "Why this report is needed")
    assert [p["number"] for p in why["paragraphs"]] == ["1.1", "1.2", "1.3"]
    assert [c["number"] for c in why["paragraphs"][2]["children"]] == ["1.3.1", "1.3.2"]


# Word's own headings and numbering ----------------------------------------------------------------


def test_word_numbered_paragraphs_nest_by_their_list_level_and_bullets_nest_too(db):
    document = docx.Document()
    document.add_heading("Why this report is needed", level=1)
    document.add_paragraph("First paragraph.", style="List Number")
    document.add_paragraph("A point:", style="List Number 2")
    document.add_paragraph("one", style="List Bullet")
    document.add_paragraph("one and a half", style="List Bullet 2")
    document.add_paragraph("two", style="List Bullet")
    document.add_paragraph("Second paragraph.", style="List Number")
    result = read_plan(document)
    assert texts(result.sections[0].paragraphs) == [
        (
            "",
            "<p>First paragraph.</p>",
            [("", "<p>A point:</p><ul><li>one<ul><li>one and a half</li></ul></li><li>two</li></ul>", [])],
        ),
        ("", "<p>Second paragraph.</p>", []),
    ]


def test_unnumbered_paragraphs_follow_the_paragraph_before_and_go_under_a_bare_sub_heading(db):
    document = docx.Document()
    document.add_heading("Implications of decision", level=1)
    document.add_paragraph("An introduction.")
    document.add_heading("Risk Management", level=2)
    document.add_paragraph("No risks.")
    document.add_paragraph("Really none.")
    document.add_heading("Procurement", level=2)
    document.add_paragraph("Through the framework.")
    implications = read_plan(document).sections[0].paragraphs
    assert [(p.heading, p.html, [c.html for c in p.children]) for p in implications] == [
        ("", "<p>An introduction.</p>", []),
        ("Corporate Priorities and Performance", "", []),
        ("Resources (Finance & Value for Money, Procurement, Staffing, IT, Property, Sustainability)", "", []),
        ("Legal and Constitutional References", "", []),
        ("Risk Management", "", ["<p>No risks.</p>", "<p>Really none.</p>"]),
        ("Procurement", "", ["<p>Through the framework.</p>"]),
        ("Equalities and Diversity", "", []),
        ("Consultation and Engagement", "", []),
    ]


def test_text_before_the_first_heading_and_a_sub_heading_outside_a_section_are_listed_unplaced(db):
    document = docx.Document()
    document.add_paragraph("DRAFT – NOT FOR CIRCULATION")
    document.add_heading("Why this report is needed", level=2)
    document.add_heading("Background", level=3)
    result = read_plan(document)
    assert [u.source for u in result.unplaced] == ["DRAFT – NOT FOR CIRCULATION"]
    assert result.sections[0].paragraphs[0].heading == "Background"


def test_a_heading_above_the_title_block_is_the_title_and_sections_are_the_headings_after_it(db):
    document = docx.Document()
    document.add_heading("Library opening hours", level=1)
    table = document.add_table(rows=2, cols=2)
    for row, pair in zip(table.rows, [("Report of", "Director"), ("Wards", "All")], strict=True):
        row.cells[0].text, row.cells[1].text = pair
    document.add_heading("Summary", level=2)
    document.add_paragraph("Hours change.")
    document.add_heading("Why this report is needed", level=2)
    document.add_paragraph("Because.")
    result = read_plan(document)
    assert (result.title, result.report_of, result.summary) == (
        "Library opening hours",
        "Director",
        "<p>Hours change.</p>",
    )
    assert [(s.heading, texts(s.paragraphs)) for s in result.sections] == [
        ("Why this report is needed", [("", "<p>Because.</p>", [])])
    ]


def test_a_recommendations_lead_in_is_left_out_and_a_list_stays_in_its_recommendation(db):
    document = docx.Document()
    document.add_heading("Recommendations", level=1)
    document.add_paragraph("Members are asked to:")
    document.add_paragraph("1. Approve the plan, including:")
    document.add_paragraph("the budget", style="List Bullet")
    document.add_paragraph("2. Note the risks.")
    result = read_plan(document)
    assert result.recommendations == [
        "<p>Approve the plan, including:</p><ul><li>the budget</li></ul>",
        "<p>Note the risks.</p>",
    ]
    assert result.unplaced[0].source == "Members are asked to:"


def test_a_sentence_in_bold_is_a_paragraph_not_a_heading(db):
    document = docx.Document()
    document.add_heading("Why this report is needed", level=1)
    document.add_paragraph().add_run("1.1 This is important.").bold = True
    result = read_plan(document)
    assert texts(result.sections[0].paragraphs) == [("", "<p><strong>This is important.</strong></p>", [])]


def test_the_templates_free_rows_and_an_exempt_status_with_its_paragraph_are_read(db):
    template = ensure_standard_template()
    TitleBlockRow.objects.create(template=template, position=20, field=TitleBlockRow.Field.FREE, label="Budget code")
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, pair in zip(
        table.rows, [("Title", "Sale of land"), ("Status", "Exempt: paragraph 3"), ("Budget code", "X1")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = pair
    document.add_heading("Summary", level=1)
    result = read_plan(document, template)
    assert result.extra_title_rows == {"Budget code": "X1"}
    assert result.facts == {"is_exempt": True, "exempt_paragraph": 3}


def test_exempt_without_a_paragraph_is_left_for_the_author(db):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for row, pair in zip(table.rows, [("Title", "Sale of land"), ("Status", "Exempt")], strict=True):
        row.cells[0].text, row.cells[1].text = pair
    document.add_heading("Summary", level=1)
    result = read_plan(document)
    assert "is_exempt" not in result.facts
    assert "Schedule 12A" in result.unplaced[0].destination


def test_a_background_paper_without_an_address_is_listed_unplaced(db):
    document = docx.Document()
    document.add_heading("Background papers", level=1)
    document.add_paragraph("1. The 2019 strategy, held by the clerk.")
    result = read_plan(document)
    assert result.papers == []
    assert "add its file" in result.unplaced[0].destination


def test_angle_brackets_script_and_odd_links_stay_text_or_go(db):
    document = docx.Document()
    document.add_heading("Summary", level=1)
    document.add_paragraph("Press <Enter> then <script>alert(1)</script> if a<b and c>d.")
    result = read_plan(document)
    assert result.summary == (
        "<p>Press &lt;Enter&gt; then &lt;script&gt;alert(1)&lt;/script&gt; if a&lt;b and c&gt;d.</p>"
    )


# Bad input ---------------------------------------------------------------------------------------


def test_a_document_with_no_headings_is_refused(db):
    document = docx.Document()
    document.add_paragraph("Just some text.")
    with pytest.raises(word_import.WordImportError, match="no headings"):
        read_plan(document)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7 not word", "not a Word document"),
        (b"", "not a Word document"),
        (b"PK\x03\x04 truncated zip", "damaged"),
    ],
)
def test_files_that_are_not_word_documents_are_refused(content, message):
    with pytest.raises(word_reading.WordReadError, match=message):
        word_reading.read(SimpleUploadedFile("report.docx", content))


def test_an_excel_workbook_renamed_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(word_reading.WordReadError, match="another kind of Office file"):
        word_reading.read(SimpleUploadedFile("report.docx", buffer.getvalue()))


def test_a_huge_file_is_refused_before_it_is_read():
    upload_file = SimpleUploadedFile("report.docx", b"PK\x03\x04")
    upload_file.size = word_reading.MAX_DOCX_BYTES + 1
    with pytest.raises(word_reading.WordReadError, match="far smaller"):
        word_reading.read(upload_file)


def test_a_damaged_document_xml_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(word_reading.WordReadError, match="damaged"):
        word_reading.read(SimpleUploadedFile("report.docx", buffer.getvalue()))
