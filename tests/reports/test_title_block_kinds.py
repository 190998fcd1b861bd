"""Title-block rows of the kinds councils print: filled in the editor (yes / no / not applicable, a
date, a choice from a list, people), computed (the committee, the meeting's date, the agenda item
number, the forward plan reference), and laid out as a table or as "Label: value" lines with
unlabelled lines above, the same on the page, in the PDF, in Word and in plain text and kept in
revisions."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from committee.models import AgendaItem, Person
from documents.docx import report_docx
from documents.pdf import render_report_pdf
from documents.plaintext import report_plain_text
from reports import revisions
from reports.models import Report, ReportTemplate, TitleBlockRow
from reports.structure import loaded_structure
from reports.templates_setup import start_report_from_template
from tests.conftest import make_meeting

pytestmark = pytest.mark.django_db

K = TitleBlockRow.Field


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def template_with(rows, **wording) -> ReportTemplate:
    template = ReportTemplate.objects.create(name="Cabinet", **wording)
    for position, (kind, label, *rest) in enumerate(rows):
        options = rest[0] if rest else {}
        TitleBlockRow.objects.create(template=template, position=position, field=kind, label=label, **options)
    return template


def row_name(template: ReportTemplate, label: str) -> str:
    return f"row_{template.title_block_rows.get(label=label).pk}"


def details(report: Report, **values) -> dict:
    return {
        "version": Report.objects.get(pk=report.pk).version,
        "title": report.title,
        "report_of": "Director",
        "all_wards": "on",
        **values,
    }


def test_rows_of_each_kind_are_filled_in_the_editor_printed_and_kept(client, author, committee):
    director = Person.objects.create(name="John Pearce", job_title="Corporate Director", kind=Person.Kind.OFFICER)
    holder = Person.objects.create(name="Olwyn Gunn", job_title="Cabinet Portfolio Holder")
    template = template_with(
        [
            (K.YES_NO, "Urgent decision"),
            (K.DATE, "Implementation date"),
            (K.CHOICE, "Purpose", {"choices": "For Decision\nFor Information\n"}),
            (K.PEOPLE, "Report of"),
        ]
    )
    report = start_report_from_template(template, committee=committee, title="Ox Close", report_of="x", author=author)
    client.force_login(author)
    url = reverse("reports:report_details", args=[report.pk])
    form = client.get(url).content.decode()
    assert "Not applicable" in form and "For Information" in form and "Olwyn Gunn" in form

    response = client.post(
        url,
        details(
            report,
            **{
                row_name(template, "Urgent decision"): "n/a",
                row_name(template, "Implementation date"): "20/06/2005",
                row_name(template, "Purpose"): "For Decision",
                row_name(template, "Report of"): [director.pk, holder.pk],
            },
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.extra_title_rows == {
        "Urgent decision": "n/a",
        "Implementation date": "2005-06-20",
        "Purpose": "For Decision",
        "Report of": [director.pk, holder.pk],
    }
    rows = {row.label: row.value for row in loaded_structure(report).title_rows}
    assert rows == {
        "Urgent decision": "Not applicable",
        "Implementation date": "20 June 2005",
        "Purpose": "For Decision",
        "Report of": "John Pearce, Corporate Director\nOlwyn Gunn, Cabinet Portfolio Holder",
    }
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "John Pearce, Corporate Director<br>Olwyn Gunn" in page
    pdf = squash(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_report_pdf(loaded_structure(report)))).pages)
    )
    assert "Implementation date 20 June 2005" in pdf and "Urgent decision Not applicable" in pdf
    revisions.record(report, author)
    kept = {r["label"]: r["value"] for r in report.revisions.order_by("-number").first().content["title_rows"]}
    assert kept["Purpose"] == "For Decision" and kept["Implementation date"] == "20 June 2005"


def test_a_date_that_is_not_one_is_refused_and_what_was_typed_stays(client, author, committee):
    template = template_with([(K.DATE, "Implementation date")])
    report = start_report_from_template(template, committee=committee, title="Road", report_of="x", author=author)
    client.force_login(author)
    url = reverse("reports:report_details", args=[report.pk])
    response = client.post(url, details(report, **{row_name(template, "Implementation date"): "next Tuesday"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter Implementation date as a date" in page and 'value="next Tuesday"' in page
    assert Report.objects.get(pk=report.pk).extra_title_rows == {}


def test_a_choice_not_on_the_list_is_refused(client, author, committee):
    template = template_with([(K.CHOICE, "Purpose", {"choices": "For Decision\nFor Information"})])
    report = start_report_from_template(template, committee=committee, title="Road", report_of="x", author=author)
    client.force_login(author)
    url = reverse("reports:report_details", args=[report.pk])
    response = client.post(url, details(report, **{row_name(template, "Purpose"): "For Fun"}))
    assert response.status_code == 400
    assert Report.objects.get(pk=report.pk).extra_title_rows == {}


def test_computed_rows_follow_the_meeting_the_agenda_and_the_forward_plan(committee, author):
    meeting = make_meeting(committee)
    template = template_with(
        [
            (K.COMMITTEE, "Meeting", {"show_label": False}),
            (K.MEETING_DATE, "Date", {"show_label": False}),
            (K.MEETING, "Meeting and date"),
            (K.AGENDA_ITEM, "Agenda item"),
            (K.KEY_DECISION, "Key decision"),
            (K.FORWARD_PLAN_REFERENCE, "Key Decision No"),
        ]
    )
    report = start_report_from_template(template, committee=committee, title="Ox Close", report_of="x", author=author)
    rows = {row.label: row.value for row in loaded_structure(report).title_rows}
    assert rows["Date"] == "To be decided" and rows["Agenda item"] == "" and rows["Key decision"] == "No"

    Report.objects.filter(pk=report.pk).update(
        meeting=meeting, key_decision=True, forward_plan_reference="CYPS/03/2021"
    )
    AgendaItem.objects.create(meeting=meeting, position=0, title="Apologies")
    AgendaItem.objects.create(meeting=meeting, position=1, title="Minutes")
    AgendaItem.objects.create(meeting=meeting, position=2, title="Ox Close", report=report, kind="report")
    rows = {row.label: row.value for row in loaded_structure(Report.objects.get(pk=report.pk)).title_rows}
    assert rows == {
        "Meeting": committee.name,
        "Date": "21 February 2017",
        "Meeting and date": f"{committee.name}, 21 February 2017",
        "Agenda item": "3",
        "Key decision": "Yes (forward plan reference CYPS/03/2021)",
        "Key Decision No": "CYPS/03/2021",
    }


def test_lines_layout_prints_unlabelled_lines_then_label_colon_lines_everywhere(client, committee, author):
    template = template_with(
        [
            (K.FREE, "Paper", {"show_label": False}),
            (K.MEETING_DATE, "Date"),
            (K.TITLE, "Title"),
        ],
        title_block_layout=ReportTemplate.TitleBlockLayout.LINES,
        title_placement=ReportTemplate.TitlePlacement.ROW,
    )
    report = start_report_from_template(
        template,
        committee=committee,
        title="Undercliff Drive",
        report_of="x",
        author=author,
        extra_title_rows={"Paper": "PAPER E"},
    )
    Report.objects.filter(pk=report.pk).update(status=Report.Status.PUBLISHED)
    revisions.record(report, None, published=True)
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert 'class="govuk-body-l council-title-line">' in page and "PAPER E" in page
    assert "Date:</span>" in page and "Title:</span>" in page
    assert "council-title-block--lines" in page and '<table class="govuk-table council-title-block"' not in page
    assert ">Paper<" not in page  # an unlabelled line's label is never printed

    doc = loaded_structure(report)
    pdf = squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_report_pdf(doc))).pages))
    assert "PAPER E Date: To be decided Title: Undercliff Drive" in pdf
    word = docx.Document(io.BytesIO(report_docx(doc, council_name=settings.COUNCIL_NAME)))
    assert "PAPER E" in [p.text for p in word.paragraphs]
    text = squash(report_plain_text(doc, council_name=settings.COUNCIL_NAME))
    assert "PAPER E" in text and "Paper:" not in text


def test_a_row_its_author_left_empty_prints_nothing_where_a_missing_fact_says_none(client, committee, author):
    """Mole Valley prints "Amendments /amplifications" with nothing after it; "Enclosures None" stays."""
    template = template_with([(K.FREE, "Amendments /amplifications"), (K.ENCLOSURES, "Enclosures")])
    report = start_report_from_template(template, committee=committee, title="Charlwood", report_of="x", author=author)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.PUBLISHED)
    revisions.record(report, None, published=True)
    page = squash(
        re.sub(r"<[^>]+>", " ", client.get(reverse("reports:report_detail", args=[report.pk])).content.decode())
    )
    doc = loaded_structure(report)
    pdf = squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_report_pdf(doc))).pages))
    word = docx.Document(io.BytesIO(report_docx(doc, council_name=settings.COUNCIL_NAME)))
    cells = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    plain = report_plain_text(doc, council_name=settings.COUNCIL_NAME)
    for text in (page, pdf):  # (a narrow column may wrap the label after its slash)
        assert "Amendments /amplifications Enclosures None" in text.replace("/ ", "/")
    assert ["Amendments /amplifications", ""] in cells and ["Enclosures", "None"] in cells
    assert "Amendments /amplifications:\n" in plain and re.search(r"Enclosures:\s+None", plain)


def test_a_title_block_that_prints_the_meetings_date_leaves_it_out_of_the_masthead(client, committee, author):
    # The Isle of Wight prints "Date : 7 JUNE 2005" in its title block; the masthead names the
    # committee alone, rather than the date twice.
    meeting = make_meeting(committee)
    template = template_with([(K.FREE, "Report to", {"show_label": False}), (K.MEETING_DATE, "Date")])
    report = start_report_from_template(
        template, committee=committee, title="Undercliff Drive", report_of="x", author=author
    )
    Report.objects.filter(pk=report.pk).update(status=Report.Status.PUBLISHED, meeting=meeting)
    revisions.record(report, None, published=True)
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    report_body = page.split('<article class="council-report')[1]  # the breadcrumbs name the meeting too
    assert report_body.count("21 February 2017") == 1
    assert f'council-report__meeting govuk-body-l" lang="en-GB">{committee.name}</p>' in page

    template.title_block_rows.filter(field=K.MEETING_DATE).delete()  # without one, the masthead gives it
    revisions.record(Report.objects.get(pk=report.pk), None, published=True)
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    report_body = page.split('<article class="council-report')[1]
    assert report_body.count("21 February 2017") == 1 and "council-report__meeting-link" in report_body
