"""Templates that express what councils really write: several templates offered per committee, the
headings and lead-ins they print, their numbering, optional sections, and appendix labels, the same on
the page, in the PDF, in Word and in plain text."""

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
from reports.models import Appendix, Paragraph, Recommendation, Report, ReportTemplate, Section, TemplateSection
from reports.structure import loaded_structure
from reports.templates_setup import ensure_standard_template, make_default, start_report_from_template
from tests.conftest import make_committee, make_report

pytestmark = pytest.mark.django_db


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def publish(report: Report) -> Report:
    Report.objects.filter(pk=report.pk).update(status=Report.Status.PUBLISHED)
    report.refresh_from_db()
    revisions.record(report, None, published=True)
    return report


def surfaces(client, report: Report) -> dict[str, str]:
    """The report as each reader gets it: the public page (from its published revision), the PDF,
    the Word file and the plain text, each as squashed text (the page as HTML)."""
    doc = loaded_structure(report)
    document = docx.Document(io.BytesIO(report_docx(doc, council_name=settings.COUNCIL_NAME)))
    pdf = PdfReader(io.BytesIO(render_report_pdf(doc)))
    return {
        "page": client.get(reverse("reports:report_detail", args=[report.pk])).content.decode(),
        "pdf": squash("\n".join(page.extract_text() for page in pdf.pages)),
        "docx": squash("\n".join(p.text for p in document.paragraphs)),
        "text": squash(report_plain_text(doc, council_name=settings.COUNCIL_NAME)),
    }


def cabinet_template(**wording) -> ReportTemplate:
    template = ReportTemplate.objects.create(name="Cabinet key decision", **wording)
    TemplateSection.objects.create(template=template, position=0, heading="Reason for this Report")
    TemplateSection.objects.create(template=template, position=1, heading="Background")
    return template


# Several templates, offered per committee -------------------------------------------------------


def start(client, committee, **extra):
    data = {"start": "1", "committee": committee.pk, "title": "Atlantic Wharf", "report_of": "Director", **extra}
    return client.post(reverse("reports:report_new"), data)


def test_start_a_report_asks_which_template_when_the_committee_uses_more_than_one(client, author, committee):
    standard = ensure_standard_template()
    cabinet = cabinet_template()
    client.force_login(author)

    asked = start(client, committee)
    assert asked.status_code == 200
    body = asked.content.decode()
    assert (
        "Choose the template: the Children, Education, Libraries and Safeguarding Committee uses more than one" in body
    )
    assert "Cabinet key decision" in body and f"{standard.name} (the council&#x27;s default)" in body
    assert not Report.objects.exists()

    response = start(client, committee, template=cabinet.pk)
    report = Report.objects.get()
    assert response["Location"] == reverse("reports:report_edit", args=[report.pk])
    assert report.template == cabinet
    assert [s.heading for s in report.sections.all()] == ["Reason for this Report", "Background"]


def test_a_template_kept_for_other_committees_is_not_offered_and_one_that_fits_is_used_unasked(
    client, author, committee
):
    ensure_standard_template()
    cabinet = cabinet_template()
    planning = make_committee("Planning Committee")
    cabinet.committees.set([planning])
    standard = ReportTemplate.objects.get(is_default=True)
    standard.committees.set([committee])
    client.force_login(author)

    refused = start(client, committee, template=cabinet.pk)
    assert refused.status_code == 200
    assert "does not use the template “Cabinet key decision”" in refused.content.decode()

    start(client, planning)  # only one template fits: nobody is asked
    assert Report.objects.get().template == cabinet


def test_making_a_template_the_default_is_an_admin_action_with_a_clear_message(admin_client):
    standard = ensure_standard_template()
    cabinet = cabinet_template()
    response = admin_client.post(
        reverse("admin:reports_reporttemplate_changelist"),
        {"action": "make_default", "_selected_action": [cabinet.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "“Cabinet key decision” is now the default template" in body
    assert "one_default_template" not in body
    assert list(ReportTemplate.objects.filter(is_default=True)) == [cabinet]
    standard.refresh_from_db()
    assert not standard.is_default
    # The change page no longer offers a checkbox that could only fail.
    change = admin_client.get(reverse("admin:reports_reporttemplate_change", args=[standard.pk])).content.decode()
    assert 'name="is_default"' not in change


def test_make_default_keeps_exactly_one_default():
    standard = ensure_standard_template()
    cabinet = cabinet_template()
    make_default(cabinet)
    make_default(cabinet)
    make_default(standard)
    assert list(ReportTemplate.objects.filter(is_default=True)) == [standard]


# Every heading and lead-in from the template ------------------------------------------------------


def test_the_templates_headings_and_lead_in_are_printed_everywhere(client, committee):
    template = cabinet_template(
        summary_heading="Executive Summary",
        recommendations_heading="Recommendations",
        recommendations_lead_in="This report makes the following recommendations to the Cabinet:",
        empty_subsection_text="None in the context of this report.",
    )
    report = start_report_from_template(
        template, committee=committee, title="Atlantic Wharf", report_of="Director", summary="<p>The masterplan.</p>"
    )
    Recommendation.objects.create(report=report, text="<p>That the Cabinet approves the masterplan.</p>")
    section = report.sections.get(heading="Background")
    Paragraph.objects.create(section=section, position=0, heading="Legal Implications")
    publish(report)

    for name, text in surfaces(client, report).items():
        assert "Executive Summary" in text, name
        assert "This report makes the following recommendations to the Cabinet:" in text, name
        assert "None in the context of this report." in text, name
    page = surfaces(client, report)["page"]
    assert ">Summary<" not in page


def test_a_report_of_no_template_or_an_old_revision_keeps_todays_wording(client, committee):
    report = make_report(committee, title="Old report", summary="<p>What it says.</p>")
    Recommendation.objects.create(report=report, text="<p>That the Committee notes it.</p>")
    publish(report)
    # A revision kept before templates had wording has no "wording" key: it reads as it always did.
    assert "wording" not in report.revisions.get().content
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert ">Summary</h2>" in page and ">Recommendations</h2>" in page
    # A new template starts with the same wording.
    template = ReportTemplate.objects.create(name="New")
    assert (template.summary_heading, template.recommendations_heading, template.recommendations_lead_in) == (
        "Summary",
        "Recommendations",
        "",
    )


# Numbering styles --------------------------------------------------------------------------------


def test_flat_numbering_runs_through_unnumbered_headings_on_every_surface(client, committee):
    template = cabinet_template(numbering=ReportTemplate.Numbering.FLAT)
    report = start_report_from_template(template, committee=committee, title="Atlantic Wharf", report_of="Director")
    reason, background = report.sections.all()
    for position, text in enumerate(["To seek approval.", "To consult.", "To plan."]):
        Paragraph.objects.create(section=reason, position=position, text=f"<p>{text}</p>")
    first = Paragraph.objects.create(section=background, position=0, text="<p>The bay was regenerated.</p>")
    Paragraph.objects.create(section=background, parent=first, position=0, text="<p>In the 1980s.</p>")
    Paragraph.objects.create(section=background, position=1, text="<p>The arena comes next.</p>")
    publish(report)

    doc = loaded_structure(report)
    assert [s.number for s in doc.sections] == ["", ""]
    assert {n: p.text for n, p in doc.paragraph_by_number().items()} == {
        "1": "<p>To seek approval.</p>",
        "2": "<p>To consult.</p>",
        "3": "<p>To plan.</p>",
        "4": "<p>The bay was regenerated.</p>",
        "4.1": "<p>In the 1980s.</p>",
        "5": "<p>The arena comes next.</p>",
    }
    for name, text in surfaces(client, report).items():
        flat = squash(re.sub(r"<[^>]+>", " ", text))
        assert "1. Reason for this Report" not in flat and "2. Background" not in flat, name
        assert re.search(r"Reason for this Report\W+1\s+To seek approval", flat, re.IGNORECASE), name
        assert re.search(r"\b4\s+The bay was regenerated\.\s+4\.1\s+In the 1980s\.\s+5\s+The arena", flat), name


# Optional sections -------------------------------------------------------------------------------


def test_an_empty_optional_section_is_left_out_and_takes_no_number(client, author, committee):
    template = ReportTemplate.objects.create(name="Scrutiny")
    TemplateSection.objects.create(template=template, position=0, heading="Purpose")
    optional = TemplateSection.objects.create(template=template, position=1, heading="Consultation", is_optional=True)
    TemplateSection.objects.create(template=template, parent=optional, position=0, heading="Residents")
    TemplateSection.objects.create(template=template, position=2, heading="Options")
    report = start_report_from_template(
        template, committee=committee, title="Scrutiny", report_of="Director", author=author
    )
    for heading in ("Purpose", "Options"):
        Paragraph.objects.create(
            section=report.sections.get(heading=heading), position=0, text=f"<p>{heading} text.</p>"
        )
    # The author still sees it in the editor, marked as left out while empty.
    client.force_login(author)
    editor = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert "Consultation" in editor
    assert "Optional: left out of the published report while it has nothing written in it." in editor
    client.logout()
    publish(report)

    for name, text in surfaces(client, report).items():
        flat = squash(re.sub(r"<[^>]+>", " ", text))
        assert "Consultation" not in flat and "Residents" not in flat, name
        assert re.search(r"2\.\s+Options", flat, re.IGNORECASE), name

    # Written in, it is printed and numbered.
    consultation = report.sections.get(heading="Consultation")
    consultation.paragraphs.update(text="<p>Residents were asked.</p>")
    assert [(s.number, s.heading) for s in loaded_structure(report).sections] == [
        (1, "Purpose"),
        (2, "Consultation"),
        (3, "Options"),
    ]


def test_an_empty_section_the_template_requires_is_still_printed(committee):
    template = ensure_standard_template()
    report = start_report_from_template(template, committee=committee, title="A report", report_of="Director")
    doc = loaded_structure(report)
    assert [s.heading for s in doc.sections] == [s.heading for s in report.sections.all()]


# Appendices labelled one way everywhere ----------------------------------------------------------


def test_appendices_are_numbered_everywhere_when_the_template_says_so(client, author, committee):
    template = cabinet_template(appendix_labels=ReportTemplate.AppendixLabels.NUMBERS)
    report = start_report_from_template(
        template, committee=committee, title="Atlantic Wharf", report_of="Director", author=author
    )
    for position, title in enumerate(["Masterplan", "Consultation plan"]):
        Appendix.objects.create(report=report, position=position, title=title, file=f"reports/{position}.docx")
    client.force_login(author)
    editor = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert "<strong>Appendix 2</strong>" in editor
    client.logout()
    publish(report)

    doc = loaded_structure(report)
    assert [a.label for a in doc.appendices] == ["1", "2"]
    assert {r.field: r.value for r in doc.title_rows}["enclosures"] == (
        "Appendix 1 – Masterplan; Appendix 2 – Consultation plan"
    )
    assert "Appendix 2 – Consultation plan" in surfaces(client, report)["text"]
    assert [a["label"] for a in report.revisions.get().content["appendices"]] == ["1", "2"]


def test_appendices_are_lettered_by_default_in_the_editor_as_in_the_report(client, author, committee):
    template = ensure_standard_template()
    report = start_report_from_template(template, committee=committee, title="A", report_of="B", author=author)
    for position, title in enumerate(["One", "Two"]):
        Appendix.objects.create(report=report, position=position, title=title, file=f"reports/{position}.pdf")
    revisions.record(report, author)
    client.force_login(author)
    editor = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert "<strong>Appendix B</strong>" in editor
    assert "Appendix B – Two" in {r.field: r.value for r in loaded_structure(report).title_rows}["enclosures"]


def test_section_models_carry_the_optional_flag_from_the_template(committee):
    template = ReportTemplate.objects.create(name="T")
    TemplateSection.objects.create(template=template, heading="Extra", is_optional=True)
    report = start_report_from_template(template, committee=committee, title="A", report_of="B")
    assert Section.objects.get(report=report).is_optional


def test_the_public_report_page_links_every_public_appendix_and_paper_with_type_and_size(client, committee):
    from django.core.files.base import ContentFile

    from reports.models import BackgroundPaper

    template = cabinet_template(appendix_labels=ReportTemplate.AppendixLabels.NUMBERS)
    report = start_report_from_template(template, committee=committee, title="Atlantic Wharf", report_of="Director")
    appendix = Appendix(report=report, position=0, title="Masterplan", content_type="application/pdf", size=2048)
    appendix.file.save("masterplan.pdf", ContentFile(b"%PDF-1.4 masterplan"), save=True)
    paper = BackgroundPaper(report=report, position=0, title="Cabinet report, 2019")
    paper.file.save("cabinet-2019.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 3000), save=True)
    BackgroundPaper.objects.create(report=report, position=1, title="Bay strategy", url="https://example.gov.uk/bay")
    publish(report)
    # Added while a correction is drafted: not the public's until the correction is published.
    Appendix.objects.create(
        report=report, position=1, title="Draft costs", file="reports/costs.xlsx", awaiting_publication=True
    )

    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    files = squash(page.split('id="report-files"', 1)[1])
    appendix_url = reverse("reports:appendix_file", args=[report.pk, appendix.pk])
    paper_url = reverse("reports:paper_file", args=[report.pk, paper.pk])
    assert (
        f'<a class="govuk-link" href="{appendix_url}">Appendix 1 – Masterplan</a> <span class="govuk-body-s">(PDF, 2.0'
        in files
    )
    assert (
        f'<a class="govuk-link" href="{paper_url}">Cabinet report, 2019</a> <span class="govuk-body-s">(PDF, 2.9 KB)'
        in files
    )
    assert (
        '<a class="govuk-link" href="https://example.gov.uk/bay">Bay strategy</a> <span class="govuk-body-s">(Web page)'
        in files
    )
    assert "Draft costs" not in page


# Free title-block rows, filled in the editor ------------------------------------------------------


def test_a_free_title_block_row_is_filled_in_the_editor_and_kept_in_revisions(client, author, committee):
    from reports.models import TitleBlockRow

    template = cabinet_template()
    TitleBlockRow.objects.create(template=template, position=0, field=TitleBlockRow.Field.TITLE, label="Title")
    row = TitleBlockRow.objects.create(template=template, position=1, field=TitleBlockRow.Field.FREE, label="Timetable")
    report = start_report_from_template(
        template, committee=committee, title="Atlantic Wharf", report_of="Director", author=author
    )
    revisions.record(report, author)
    client.force_login(author)
    url = reverse("reports:report_details", args=[report.pk])
    form = client.get(url).content.decode()
    assert f'name="row_{row.pk}"' in form and "Timetable" in form

    data = {"version": report.version, "title": "Atlantic Wharf", "report_of": "Director", "all_wards": "on"}
    response = client.post(url, {**data, f"row_{row.pk}": "Consultation from January 2021"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.extra_title_rows == {"Timetable": "Consultation from January 2021"}
    editor = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert "Consultation from January 2021" in editor
    latest = report.revisions.order_by("-number").first()
    assert {
        "field": "free",
        "label": "Timetable",
        "value": "Consultation from January 2021",
        "show_label": True,
        "contacts": [],
    } in (latest.content["title_rows"])
    # Emptied, the row has no value any more.
    client.post(url, {**data, "version": Report.objects.get(pk=report.pk).version, f"row_{row.pk}": ""})
    assert Report.objects.get(pk=report.pk).extra_title_rows == {}


def test_the_template_orders_the_report_and_an_empty_summary_is_left_out(client, committee):
    template = cabinet_template(
        opening="recommendations_first", recommendation_numbering="none", recommendations_heading="RECOMMENDATION"
    )
    report = start_report_from_template(
        template, committee=committee, title="The Charlwood", report_of="x", summary="<p>The site lies within.</p>"
    )
    Recommendation.objects.create(report=report, text="<p>Approve subject to conditions</p>")
    Paragraph.objects.create(section=report.sections.get(heading="Background"), position=0, text="<p>History.</p>")
    publish(report)
    for name, text in surfaces(client, report).items():
        plain = re.sub(r"<[^>]+>", " ", text) if name == "page" else text
        plain = plain[plain.index("RECOMMENDATION") :]
        assert plain.index("Approve subject to conditions") < plain.index("Summary") < plain.index("History."), name
        assert "1. Approve" not in squash(plain), name

    ReportTemplate.objects.filter(pk=template.pk).update(opening="sections_first")
    Report.objects.filter(pk=report.pk).update(summary="")
    publish(Report.objects.get(pk=report.pk))
    for name, text in surfaces(client, report).items():
        plain = re.sub(r"<[^>]+>", " ", text) if name == "page" else text
        assert "Summary" not in plain.replace("summary", ""), name  # an empty summary is not printed
        assert plain.index("History.") < plain.index("Approve subject to conditions"), name


def test_an_author_fixes_an_appendixs_label_and_every_output_says_the_same(client, author, committee):
    from tests.reports.test_uploads import pdf_bytes, upload

    template = cabinet_template(appendix_labels=ReportTemplate.AppendixLabels.NUMBERS)
    report = start_report_from_template(
        template, committee=committee, title="Atlantic Wharf", report_of="x", author=author
    )
    Appendix.objects.create(report=report, position=0, title="Masterplan", file="reports/0.pdf")
    client.force_login(author)
    form = client.get(reverse("reports:report_edit", args=[report.pk]) + "?add=appendix-new").content.decode()
    assert 'name="own_label"' in form
    response = client.post(
        reverse("reports:appendix_add", args=[report.pk]),
        {
            "version": Report.objects.get(pk=report.pk).version,
            "title": "Valuation",
            "file": upload("v.pdf", pdf_bytes()),
            "own_label": "4",
        },
    )
    assert response.status_code == 302
    editor = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert "<strong>Appendix 1</strong>" in editor and "<strong>Appendix 4</strong>" in editor
    client.logout()
    publish(report)
    doc = loaded_structure(report)
    assert [a.label for a in doc.appendices] == ["1", "4"]
    assert "Appendix 4 – Valuation" in {r.field: r.value for r in doc.title_rows}["enclosures"]
    assert "Appendix 4 – Valuation" in surfaces(client, report)["text"]
    assert [a["label"] for a in report.revisions.order_by("-number").first().content["appendices"]] == ["1", "4"]


def test_a_template_that_numbers_nothing_prints_no_numbers(client, committee):
    template = cabinet_template(numbering=ReportTemplate.Numbering.NONE)
    report = start_report_from_template(template, committee=committee, title="Note", report_of="x")
    Paragraph.objects.create(section=report.sections.get(heading="Background"), position=0, text="<p>History.</p>")
    publish(report)
    for name, text in surfaces(client, report).items():
        assert "1. Background" not in text and "2. Background" not in text, name
        assert not re.search(r"\b1 History", re.sub(r"<[^>]+>", " ", text)), name
