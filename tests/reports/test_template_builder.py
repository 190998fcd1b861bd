"""The administrators' template builder: a template built on a page of its own (wording, numbering,
title-block rows, sections with their sub-headings in order), previewed with a sample report before
it is saved, and made the default; reports then start from it."""

from __future__ import annotations

import datetime
import re

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
    "full_stops": "sections",
    "date_style": "day_month_year",
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
    {"label": "Implementation date", "kind": "date", "show_label": True, "date_style": "numeric", "ORDER": "4"},
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
    assert [r.date_style for r in template.title_block_rows.all()] == ["", "", "", "numeric"]
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


def test_the_page_offers_one_blank_row_and_section_and_add_another_keeps_what_was_typed(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("reports:template_new")).content.decode()
    assert page.count("A new row</legend>") == 1 and page.count("A new section or sub-heading</legend>") == 1
    assert 'name="rows-TOTAL_FORMS" value="1"' in page and 'name="sections-TOTAL_FORMS" value="1"' in page

    # Two sections typed, the second in the only blank; "Add another section" brings one more blank.
    typed = {**SETTINGS, **formset("rows", ROWS[:1]), **formset("sections", SECTIONS[:2]), "add_section": "1"}
    response = client.post(reverse("reports:template_new"), typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="sections-TOTAL_FORMS" value="3"' in page and 'name="rows-TOTAL_FORMS" value="1"' in page
    assert page.count("A new section or sub-heading</legend>") == 3  # none of them saved yet
    assert 'value="Purpose of the Report"' in page and 'value="Background"' in page and 'value="Cabinet"' in page
    assert 'id="sections-last"' in page and 'formaction="#sections-last"' in page
    assert "There is a problem" not in page  # the new blank is not an error
    assert not ReportTemplate.objects.exists()

    # "Add another row", then the new row filled in and saved: the blanks left over are ignored.
    typed = {**SETTINGS, **formset("rows", ROWS[:1]), **formset("sections", SECTIONS[:2], extra=1), "add_row": "1"}
    page = client.post(reverse("reports:template_new"), typed).content.decode()
    assert 'name="rows-TOTAL_FORMS" value="2"' in page
    typed = {**SETTINGS, **formset("rows", ROWS[:2]), **formset("sections", SECTIONS[:2], extra=1), "save": "1"}
    assert client.post(reverse("reports:template_new"), typed).status_code == 302
    template = ReportTemplate.objects.get()
    assert [r.label for r in template.title_block_rows.all()] == ["Cabinet", "Date"]
    assert [s.heading for s in template.sections.all()] == ["Purpose of the Report", "Background"]


def test_adding_another_keeps_what_was_typed_even_where_it_is_wrong(client, administrator):
    client.force_login(administrator)
    typed = {**builder_post(rows=[{"label": "", "kind": "choice", "ORDER": "1"}]), "name": "", "add_row": "1"}
    response = client.post(reverse("reports:template_new"), typed)
    page = response.content.decode()
    assert response.status_code == 400 and "Enter the template&#x27;s name" in page
    assert 'value="Cabinet is recommended to:"' in page and f'name="rows-TOTAL_FORMS" value="{1 + 3 + 1}"' in page


def test_the_template_chooses_its_date_style_and_full_stops_and_the_preview_shows_them(
    client, administrator, committee
):
    client.force_login(administrator)
    data = {**builder_post(), "numbering": "decimal", "full_stops": "all", "date_style": "with_weekday"}
    page = client.post(reverse("reports:template_new"), {**data, "preview": "1"}).content.decode()
    preview = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[page.index("Preview: a sample report") :]))
    assert "1. Purpose of the Report" in preview and "1.1. The first paragraph under Purpose of the Report" in preview
    today = datetime.date.today()
    assert f"Implementation date: {today:%d/%m/%Y}" in preview  # the row's own style
    assert f"{today:%A} {today.day} {today:%B %Y}" in preview  # the meeting's date, in the template's
    assert f"{today:%A} {today.day} {today:%B %Y}</a>" not in page  # the sample meeting is rolled back: no link
    client.post(reverse("reports:template_new"), {**data, "save": "1"})
    template = ReportTemplate.objects.get(name="Cabinet report")
    assert (template.full_stops, template.date_style) == ("all", "with_weekday")


def test_the_template_chooses_one_notice_for_its_exempt_appendices_or_one_each(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("reports:template_new")).content.decode()
    assert "Notices of exempt appendices under the title" in page
    assert 'value="combined"' in page
    client.post(reverse("reports:template_new"), {**builder_post(exempt_appendix_notices="combined"), "save": "1"})
    template = ReportTemplate.objects.get(name="Cabinet report")
    assert template.exempt_appendix_notices == ReportTemplate.ExemptAppendixNotices.COMBINED
    page = client.get(reverse("reports:template_edit", args=[template.pk])).content.decode()
    assert re.search(r'<input[^>]*value="combined"[^>]*checked', page)
    # A form that does not say (an older page) keeps a notice for each.
    client.post(reverse("reports:template_new"), {**builder_post(name="Committee report"), "save": "1"})
    assert ReportTemplate.objects.get(name="Committee report").exempt_appendix_notices == "each"


def test_a_section_says_what_it_records_in_a_decision_record(client, administrator):
    client.force_login(administrator)
    sections = [
        {"heading": "Background", "level": "section", "kind": "required", "ORDER": "1"},
        {"heading": "Options we weighed", "level": "section", "kind": "optional", "records": "alternatives_rejected"},
        {"heading": "Declarations", "level": "section", "kind": "optional", "records": "interests_declared"},
    ]
    sections[1]["ORDER"], sections[2]["ORDER"] = "2", "3"
    post = builder_post(sections=sections, kind="officer_decision", name="Officer decision (ours)")
    client.post(reverse("reports:template_new"), {**post, "save": "1"})
    template = ReportTemplate.objects.get(name="Officer decision (ours)")
    assert [(s.heading, s.records) for s in template.sections.order_by("position")] == [
        ("Background", ""),
        ("Options we weighed", "alternatives_rejected"),
        ("Declarations", "interests_declared"),
    ]
    page = client.get(reverse("reports:template_edit", args=[template.pk])).content.decode()
    assert "What it records, in a decision record" in page
    assert re.search(r'<option value="interests_declared" selected>', page)
    # A sub-heading's text is read with its section's: it is the section that says what it records.
    sub = {"heading": "Dispensations", "level": "sub", "kind": "printed", "records": "dispensations", "ORDER": "4"}
    response = client.post(
        reverse("reports:template_edit", args=[template.pk]), {**builder_post(sections=[*sections, sub]), "save": "1"}
    )
    assert response.status_code == 400
    assert "A decision record reads whole sections: mark the section, not a sub-heading" in response.content.decode()


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


def test_a_template_refused_on_the_welsh_page_says_why_in_welsh(client, administrator):
    client.force_login(administrator)
    sections = [{"heading": "Finance", "level": "sub", "kind": "printed", "ORDER": "1"}]
    response = client.post("/cy" + reverse("reports:template_new"), {**builder_post(sections=sections), "save": "1"})
    assert response.status_code == 400
    assert "Nid oes adran uwchben yr is-bennawd “Finance”" in response.content.decode()
