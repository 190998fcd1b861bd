"""A template's required sections hold a report back from clearance until written (reports/completeness.py)."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.urls import reverse

from reports import completeness, templates_setup, workflow
from reports.models import BackgroundPaper, Paragraph, Report, ReportTemplate, Section, TemplateSection
from tests.conftest import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(db):
    template = ReportTemplate.objects.create(name="Cabinet key decision")
    TemplateSection.objects.create(template=template, position=0, heading="Purpose of Report", is_required=True)
    TemplateSection.objects.create(template=template, position=1, heading="Background")
    TemplateSection.objects.create(template=template, position=2, heading="Options considered", is_required=True)
    TemplateSection.objects.create(template=template, position=3, heading="Other information", is_optional=True)
    return template


@pytest.fixture
def report(committee, author, template):
    # No sign-offs asked for: what holds the report back here is its writing alone.
    committee.requires_legal_signoff = committee.requires_finance_signoff = committee.requires_director_signoff = False
    committee.save()
    return templates_setup.start_report_from_template(
        template, committee=committee, author=author, title="Bins", report_of="Director"
    )


def write(report, heading, text="<p>Written.</p>"):
    section = report.sections.get(heading=heading)
    return Paragraph.objects.create(section=section, position=0, text=text)


def test_a_report_from_the_template_keeps_which_sections_are_required(report):
    assert list(report.sections.filter(is_required=True).values_list("heading", flat=True)) == [
        "Purpose of Report",
        "Options considered",
    ]


def test_every_unwritten_required_section_is_named_in_order(report):
    assert completeness.unwritten_required_sections(report) == ["Purpose of Report", "Options considered"]
    write(report, "Options considered")
    assert completeness.unwritten_required_sections(report) == ["Purpose of Report"]


@pytest.mark.parametrize("text", ["", "<p></p>", "<p> &nbsp;</p>", "<p>\xa0</p>"])
def test_an_empty_paragraph_is_not_writing(report, text):
    write(report, "Purpose of Report", text)
    assert "Purpose of Report" in completeness.unwritten_required_sections(report)


def test_a_sub_heading_alone_is_not_writing_but_text_under_it_is(report):
    heading = write(report, "Purpose of Report", "")
    heading.heading = "Why now"
    heading.save()
    assert "Purpose of Report" in completeness.unwritten_required_sections(report)
    Paragraph.objects.create(section=heading.section, parent=heading, position=0, text="<p>Because.</p>")
    assert "Purpose of Report" not in completeness.unwritten_required_sections(report)


def test_a_required_background_papers_section_is_written_by_listing_a_paper(committee):
    report = make_report(committee)
    Section.objects.create(report=report, heading="Background papers", is_background_papers=True, is_required=True)
    assert completeness.unwritten_required_sections(report) == ["Background papers"]
    BackgroundPaper.objects.create(report=report, title="Cabinet, 1 May", url="https://example.gov.uk/1")
    assert completeness.unwritten_required_sections(report) == []


def test_the_message_names_one_or_several_sections():
    assert completeness.unwritten_message(["Purpose"]) == (
        "Write the required section “Purpose” before submitting the report for clearance."
    )
    assert completeness.unwritten_message(["A", "B", "C"]) == (
        "Write the required sections “A”, “B” and “C” before submitting the report for clearance."
    )


def test_submission_is_refused_until_every_required_section_is_written(report, author):
    with pytest.raises(workflow.RequiredSectionsUnwritten, match="“Purpose of Report” and “Options considered”"):
        workflow.submit(report, author)
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    write(report, "Purpose of Report")
    write(report, "Options considered")
    workflow.submit(report, author)
    report.refresh_from_db()
    assert report.status != Report.Status.DRAFT


def test_the_submit_page_lists_what_is_missing_and_refuses_with_the_list(client, report, author):
    client.force_login(author)
    page = client.get(reverse("reports:report_submit", args=[report.pk])).content.decode()
    assert "Purpose of Report" in page and "Options considered" in page
    assert reverse("reports:report_edit", args=[report.pk]) in page
    response = client.post(reverse("reports:report_submit", args=[report.pk]), {"comment": ""}, follow=True)
    assert "Write the required sections" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_the_editor_marks_a_required_section(client, report, author):
    client.force_login(author)
    page = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert page.count("council-required") == 2


def test_a_section_cannot_be_both_optional_and_required(template):
    with pytest.raises(IntegrityError), transaction.atomic():
        TemplateSection.objects.create(template=template, heading="Both", is_optional=True, is_required=True)


# The template's admin page -------------------------------------------------


def test_the_admin_lists_each_section_followed_by_its_own_sub_headings(rf, administrator, template):
    implications = TemplateSection.objects.create(template=template, position=4, heading="Implications")
    TemplateSection.objects.create(template=template, parent=implications, position=1, heading="Legal")
    TemplateSection.objects.create(template=template, parent=implications, position=0, heading="Finance")
    request = rf.get("/")
    request.user = administrator
    inline = next(
        i for i in admin.site._registry[ReportTemplate].get_inline_instances(request) if i.model is TemplateSection
    )
    headings = [s.heading for s in inline.get_queryset(request).filter(template=template)]
    assert headings == [
        "Purpose of Report",
        "Background",
        "Options considered",
        "Other information",
        "Implications",
        "Finance",
        "Legal",
    ]


def inline_data(template, delete: set[str]) -> dict:
    sections = list(TemplateSection.objects.filter(template=template).order_by("id"))
    data = {
        "name": template.name,
        "kind": template.kind,
        "summary_heading": "Summary",
        "recommendations_heading": "Recommendations",
        "recommendations_lead_in": "",
        "empty_subsection_text": "",
        "numbering": "decimal",
        "appendix_labels": "letters",
        "title_placement": template.title_placement,
        "heading_case": template.heading_case,
        "recommendation_numbering": template.recommendation_numbering,
        "sub_numbering": template.sub_numbering,
        "opening": template.opening,
        "implications_layout": template.implications_layout,
        "title_block_layout": template.title_block_layout,
        "full_stops": template.full_stops,
        "date_style": template.date_style,
        "title_block_case": template.title_block_case,
        "languages": template.languages,
        "exempt_appendix_notices": template.exempt_appendix_notices,
        "title_block_rows-TOTAL_FORMS": "0",
        "title_block_rows-INITIAL_FORMS": "0",
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": str(len(sections)),
    }
    for index, section in enumerate(sections):
        prefix = f"sections-{index}-"
        data.update(
            {
                prefix + "id": section.pk,
                prefix + "template": template.pk,
                prefix + "heading": section.heading,
                prefix + "parent": section.parent_id or "",
                prefix + "position": section.position,
                prefix + "guidance": section.guidance,
            }
        )
        if section.is_required:
            data[prefix + "is_required"] = "on"
        if section.is_optional:
            data[prefix + "is_optional"] = "on"
        if section.heading in delete:
            data[prefix + "DELETE"] = "on"
    return data


def test_deleting_a_section_with_sub_headings_warns_and_deletes_nothing(admin_client, template):
    implications = TemplateSection.objects.create(template=template, position=4, heading="Implications")
    TemplateSection.objects.create(template=template, parent=implications, position=0, heading="Finance")
    change = reverse("admin:reports_reporttemplate_change", args=[template.pk])
    response = admin_client.post(change, inline_data(template, {"Implications"}))
    assert response.status_code == 200
    assert "would delete its sub-headings too: Finance" in response.content.decode()
    assert TemplateSection.objects.filter(heading="Finance").exists()
    response = admin_client.post(change, inline_data(template, {"Implications", "Finance"}))
    assert response.status_code == 302, re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode())
    assert not TemplateSection.objects.filter(heading__in=["Implications", "Finance"]).exists()
