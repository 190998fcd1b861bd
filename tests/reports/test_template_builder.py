"""The administrators' template builder: a template built on a page of its own (wording, numbering,
title-block rows, sections with their sub-headings in order), previewed with a sample report before
it is saved, and made the default; reports then start from it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import ReportTemplate, TemplateSection, TitleBlockRow
from reports.structure import loaded_structure
from reports.templates_setup import ensure_standard_template, start_report_from_template

pytestmark = pytest.mark.django_db

SETTINGS = {
    "name": "Cabinet report",
    "summary_heading": "Executive summary",
    "recommendations_heading": "Recommendations",
    "recommendations_lead_in": "Cabinet is recommended to:",
    "empty_subsection_text": "None in the context of this report.",
    "opening": "summary_first",
    "implications_layout": "table",
    "title_placement": "heading",
    "title_block_layout": "lines",
    "title_block_case": "as_written",
    "languages": "reader",
    "heading_case": "as_written",
    "numbering": "flat",
    "sub_numbering": "letters",
    "recommendation_numbering": "letters",
    "appendix_labels": "numbers",
}


def formset(prefix: str, items: list[dict], *, initial: int = 0, extra: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(items) + extra), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, item in enumerate(items):
        for key, value in item.items():
            if value is True:
                value = "on"
            if value is not False:
                data[f"{prefix}-{index}-{key}"] = value
    for index in range(len(items), len(items) + extra):  # the empty ones at the end, as the page sends them
        data[f"{prefix}-{index}-kind"] = "free" if prefix == "rows" else "printed"
        if prefix == "rows":
            data[f"{prefix}-{index}-show_label"] = "on"
        else:
            data[f"{prefix}-{index}-level"] = "section"
    return data


ROWS = [
    {"label": "Cabinet", "kind": "committee", "show_label": False, "ORDER": "1"},
    {"label": "Date", "kind": "meeting_date", "show_label": False, "ORDER": "2"},
    {
        "label": "Purpose",
        "kind": "choice",
        "show_label": True,
        "choices": "For Decision\nFor Information",
        "ORDER": "3",
    },
    {"label": "Implementation date", "kind": "date", "show_label": True, "ORDER": "4"},
]
SECTIONS = [
    {"heading": "Purpose of the Report", "level": "section", "kind": "required", "ORDER": "1"},
    {"heading": "Background", "level": "section", "kind": "printed", "ORDER": "2"},
    {"heading": "Implications", "level": "section", "kind": "printed", "ORDER": "3"},
    {"heading": "Finance", "level": "sub", "kind": "printed", "ORDER": "4"},
    {"heading": "Legal", "level": "sub", "kind": "printed", "ORDER": "5"},
    {
        "heading": "Background papers",
        "level": "section",
        "kind": "optional",
        "is_background_papers": True,
        "ORDER": "6",
    },
]


def builder_post(rows=ROWS, sections=SECTIONS, **settings) -> dict:
    return {**SETTINGS, **settings, **formset("rows", rows, extra=3), **formset("sections", sections, extra=3)}


def test_an_administrator_builds_a_template_and_reports_start_from_it(client, administrator, committee, author):
    client.force_login(administrator)
    response = client.post(reverse("reports:template_new"), {**builder_post(), "save": "1"})
    template = ReportTemplate.objects.get(name="Cabinet report")
    assert response.status_code == 302 and response["Location"] == reverse("reports:template_edit", args=[template.pk])
    assert template.summary_heading == "Executive summary" and template.numbering == "flat"
    assert [(r.field, r.label, r.show_label) for r in template.title_block_rows.all()] == [
        ("committee", "Cabinet", False),
        ("meeting_date", "Date", False),
        ("choice", "Purpose", True),
        ("date", "Implementation date", True),
    ]
    assert template.title_block_rows.get(label="Purpose").choice_list == ["For Decision", "For Information"]
    tops = list(template.sections.filter(parent=None).order_by("position"))
    assert [s.heading for s in tops] == ["Purpose of the Report", "Background", "Implications", "Background papers"]
    assert [s.heading for s in tops[2].children.order_by("position")] == ["Finance", "Legal"]
    assert tops[0].is_required and tops[3].is_optional and tops[3].is_background_papers

    report = start_report_from_template(template, committee=committee, title="Ox Close", report_of="x", author=author)
    doc = loaded_structure(report)
    assert [s.heading for s in doc.editing_sections] == [s.heading for s in tops]
    assert doc.wording.recommendations_lead_in == "Cabinet is recommended to:"

    # The page shows it back in the same order, sub-headings under their section.
    page = client.get(reverse("reports:template_edit", args=[template.pk])).content.decode()
    order = [
        page.index(f"Section {n}: {h}" if n not in (4, 5) else f"Sub-heading {n}: {h}")
        for n, h in [
            (1, "Purpose of the Report"),
            (3, "Implications"),
            (4, "Finance"),
            (5, "Legal"),
            (6, "Background papers"),
        ]
    ]
    assert order == sorted(order)
    assert "Preview: a sample report in this template" in page


def test_a_preview_shows_the_sample_report_and_stores_nothing(client, administrator, committee):
    ensure_standard_template()
    client.force_login(administrator)
    before = (ReportTemplate.objects.count(), TemplateSection.objects.count(), TitleBlockRow.objects.count())
    response = client.post(reverse("reports:template_new"), {**builder_post(), "preview": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    preview = page[page.index("Preview: a sample report") :]
    assert "Executive summary" in preview and "Cabinet is recommended to:" in preview
    assert "Purpose:</span>" in preview and "For Decision" in preview  # the choice row, as lines
    assert "(a)" in preview  # recommendations lettered
    assert "Purpose of the Report" in preview and "Finance" in preview
    assert (ReportTemplate.objects.count(), TemplateSection.objects.count(), TitleBlockRow.objects.count()) == before
    assert 'value="Cabinet report"' in page  # what was typed stays in the form
    assert "Build a new template" not in page and "A new report template" in page


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        (
            [{"heading": "Finance", "level": "sub", "kind": "printed", "ORDER": "1"}],
            "The sub-heading “Finance” has no section above it",
        ),
        (
            [
                {"heading": "Background", "level": "section", "kind": "printed", "ORDER": "1"},
                {"heading": "Implications", "level": "section", "kind": "printed", "ORDER": "2", "DELETE": True},
                {"heading": "Finance", "level": "sub", "kind": "printed", "ORDER": "3"},
            ],
            "Deleting the section “Implications” would leave its sub-heading “Finance” under another section",
        ),
        (
            [{"heading": "", "level": "section", "kind": "required", "ORDER": "1"}],
            "Enter the heading",
        ),
    ],
)
def test_a_template_that_cannot_be_is_refused_with_a_clear_message(client, administrator, sections, message):
    client.force_login(administrator)
    response = client.post(reverse("reports:template_new"), {**builder_post(sections=sections), "save": "1"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReportTemplate.objects.filter(name="Cabinet report").exists()


def test_a_choice_row_needs_its_choices(client, administrator):
    client.force_login(administrator)
    rows = [{"label": "Purpose", "kind": "choice", "show_label": True, "ORDER": "1"}]
    response = client.post(reverse("reports:template_new"), {**builder_post(rows=rows), "save": "1"})
    assert response.status_code == 400 and "Enter the choices, one a line" in response.content.decode()


def test_editing_keeps_what_is_not_changed_and_reorders(client, administrator):
    client.force_login(administrator)
    client.post(reverse("reports:template_new"), {**builder_post(), "save": "1"})
    template = ReportTemplate.objects.get(name="Cabinet report")
    moved = [dict(s) for s in SECTIONS]
    moved[1]["ORDER"] = "7"  # Background to the end
    data = {**builder_post(sections=moved), "save": "1"}
    data["rows-INITIAL_FORMS"] = str(len(ROWS))
    data["sections-INITIAL_FORMS"] = str(len(SECTIONS))
    response = client.post(reverse("reports:template_edit", args=[template.pk]), data)
    assert response.status_code == 302
    assert [s.heading for s in template.sections.filter(parent=None).order_by("position")] == [
        "Purpose of the Report",
        "Implications",
        "Background papers",
        "Background",
    ]


def test_making_a_template_the_default_is_an_action(client, administrator):
    standard = ensure_standard_template()
    other = ReportTemplate.objects.create(name="Planning application")
    client.force_login(administrator)
    listing = client.get(reverse("reports:template_list")).content.decode()
    assert "Planning application" in listing and "Make the default" in listing
    response = client.post(reverse("reports:template_make_default", args=[other.pk]))
    assert response.status_code == 302
    assert ReportTemplate.objects.get(pk=other.pk).is_default
    assert not ReportTemplate.objects.get(pk=standard.pk).is_default


def test_only_administrators_build_templates(client, governance_officer, author):
    template = ensure_standard_template()
    for url in (reverse("reports:template_list"), reverse("reports:template_edit", args=[template.pk])):
        assert client.get(url)["Location"].startswith(reverse("login"))
    for user in (governance_officer, author):
        client.force_login(user)
        assert client.get(reverse("reports:template_list")).status_code == 403
        assert client.post(reverse("reports:template_new"), {**builder_post(), "save": "1"}).status_code == 403
        assert client.post(reverse("reports:template_make_default", args=[template.pk])).status_code == 403
    assert not ReportTemplate.objects.filter(name="Cabinet report").exists()
