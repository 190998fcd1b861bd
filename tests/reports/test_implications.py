"""The implications as the template says: each issue (finance, legal, risk …) with its text and the officer
who signed it off, printed as a table with those columns or as numbered sub-sections; the sign-off typed
in the editor, public, and kept in revisions, the same on the page, in the PDF, Word and plain text."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from documents.docx import report_docx
from documents.pdf import render_report_pdf
from documents.plaintext import report_plain_text
from reports import revisions
from reports.models import Paragraph, Report, ReportTemplate, TemplateSection
from reports.structure import loaded_structure
from reports.templates_setup import start_report_from_template

pytestmark = pytest.mark.django_db


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def implications_report(committee, author, **wording) -> Report:
    template = ReportTemplate.objects.create(name="Cabinet", **wording)
    TemplateSection.objects.create(template=template, position=0, heading="Background")
    top = TemplateSection.objects.create(template=template, position=1, heading="Implications", is_implications=True)
    for position, issue in enumerate(["Finance", "Legal", "Welsh language"]):
        TemplateSection.objects.create(template=template, parent=top, position=position, heading=issue)
    return start_report_from_template(template, committee=committee, title="Leisure", report_of="x", author=author)


def sign_in_editor(client, report: Report, issue: str, text: str, signed_off_by: str):
    paragraph = Paragraph.objects.get(section__report=report, heading=issue)
    return client.post(
        reverse("reports:paragraph_change", args=[report.pk, paragraph.pk, "save"]),
        {
            "version": Report.objects.get(pk=report.pk).version,
            "heading": issue,
            "text": text,
            "signed_off_by": signed_off_by,
        },
    )


def publish(report: Report) -> Report:
    Report.objects.filter(pk=report.pk).update(status=Report.Status.PUBLISHED)
    report.refresh_from_db()
    revisions.record(report, None, published=True)
    return report


def test_each_issue_is_signed_off_in_the_editor_and_printed_as_a_table(client, author, committee):
    report = implications_report(committee, author, empty_subsection_text="None in the context of this report.")
    client.force_login(author)
    editor = client.get(reverse("reports:report_edit", args=[report.pk]) + "?edit=paragraph-x").content.decode()
    assert "Signed off by: not yet recorded" in editor
    finance = Paragraph.objects.get(section__report=report, heading="Finance")
    form = client.get(reverse("reports:report_edit", args=[report.pk]) + f"?edit=paragraph-{finance.pk}")
    assert 'name="signed_off_by"' in form.content.decode()

    response = sign_in_editor(
        client, report, "Finance", "The cost is met from reserves.", "Jane Smith, Head of Finance"
    )
    assert response.status_code == 302
    sign_in_editor(client, report, "Legal", "The council has the power.", "Tom Jones, Monitoring Officer")
    publish(report)

    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    table = page[page.index('class="govuk-table council-implications"') :]
    table = squash(re.sub(r"<[^>]+>", " ", table[: table.index("</table>")]))
    assert "Issue Implications Signed off by" in table
    assert "2.1 Finance The cost is met from reserves. Jane Smith, Head of Finance" in table
    assert "2.2 Legal The council has the power. Tom Jones, Monitoring Officer" in table
    assert "2.3 Welsh language None in the context of this report. —" in table

    doc = loaded_structure(report)
    pdf = squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_report_pdf(doc))).pages))
    assert "Issue Implications Signed off by" in pdf and "Jane Smith, Head of Finance" in pdf
    word = docx.Document(io.BytesIO(report_docx(doc, council_name=settings.COUNCIL_NAME)))
    assert ["2.1 Finance", "The cost is met from reserves.", "Jane Smith, Head of Finance"] in [
        [cell.text for cell in row.cells] for table in word.tables for row in table.rows
    ]
    assert "Signed off by: Tom Jones, Monitoring Officer" in report_plain_text(doc, council_name=settings.COUNCIL_NAME)
    kept = report.revisions.order_by("-number").first().content["sections"][1]
    assert kept["is_implications"] and kept["paragraphs"][0]["signed_off_by"] == "Jane Smith, Head of Finance"


def test_the_word_file_prints_the_implications_as_a_table_with_a_real_header_row(client, author, committee):
    report = implications_report(committee, author, empty_subsection_text="None in the context of this report.")
    Paragraph.objects.filter(section__report=report, heading="Finance").update(
        text="<p>The cost is met from reserves.</p><ul><li>£12,000 this year</li></ul>",
        signed_off_by="Jane Smith, Head of Finance",
    )
    document = docx.Document(
        io.BytesIO(report_docx(loaded_structure(publish(report)), council_name=settings.COUNCIL_NAME))
    )
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Issue")
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["Issue", "Implications", "Signed off by"],
        ["2.1 Finance", "The cost is met from reserves.\n- £12,000 this year", "Jane Smith, Head of Finance"],
        ["2.2 Legal", "None in the context of this report.", "—"],
        ["2.3 Welsh language", "None in the context of this report.", "—"],
    ]
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert all(cell.paragraphs[0].runs[0].bold for cell in table.rows[0].cells)
    # The issues are in the table, not printed a second time as headings with a sign-off line.
    assert not any("Signed off by:" in p.text for p in document.paragraphs)


def test_as_sub_sections_each_issue_says_who_signed_it_off(client, author, committee):
    report = implications_report(committee, author, implications_layout="sub_sections")
    client.force_login(author)
    sign_in_editor(client, report, "Finance", "The cost is met from reserves.", "Jane Smith, Head of Finance")
    publish(report)
    page = squash(
        re.sub(r"<[^>]+>", " ", client.get(reverse("reports:report_detail", args=[report.pk])).content.decode())
    )
    assert "council-implications" not in page
    assert "2.1 Finance The cost is met from reserves. Signed off by: Jane Smith, Head of Finance" in page


def test_the_editor_leaves_the_sign_off_alone_when_a_form_does_not_send_it(client, author, committee):
    report = implications_report(committee, author)
    client.force_login(author)
    sign_in_editor(client, report, "Finance", "The cost.", "Jane Smith, Head of Finance")
    finance = Paragraph.objects.get(section__report=report, heading="Finance")
    client.post(
        reverse("reports:paragraph_change", args=[report.pk, finance.pk, "save"]),
        {"version": Report.objects.get(pk=report.pk).version, "heading": "Finance", "text": "The cost, revised."},
    )
    finance.refresh_from_db()
    assert finance.text == "<p>The cost, revised.</p>" and finance.signed_off_by == "Jane Smith, Head of Finance"
