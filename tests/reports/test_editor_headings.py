"""The editor names the summary by the template's own heading ("Edit the Executive Summary"), in Welsh on
a Welsh page where the template or the catalogue gives its Welsh."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from reports.models import ReportTemplate
from reports.templates_setup import start_report_from_template

pytestmark = pytest.mark.django_db


def draft(committee, author, **wording):
    template = ReportTemplate.objects.create(name="Cabinet report", **wording)
    return start_report_from_template(
        template, committee=committee, title="Libraries review", report_of="Director", author=author
    )


def buttons(client, url: str) -> list[str]:
    page = client.get(url).content.decode()
    found = re.findall(r'class="govuk-button[^"]*"[^>]*>([^<]+)<', page)
    return [re.sub(r"\s+", " ", html.unescape(text)).strip() for text in found]


def test_the_editor_names_the_summary_by_the_templates_heading(client, committee, author):
    report = draft(committee, author, summary_heading="Executive Summary", summary_heading_cy="Crynodeb Gweithredol")
    client.force_login(author)
    url = reverse("reports:report_edit", args=[report.pk])
    assert "Edit the Executive Summary" in buttons(client, url)
    assert "Edit the summary" not in buttons(client, url)
    assert "Save the Executive Summary" in buttons(client, f"{url}?edit=summary")
    assert "Golygu'r Crynodeb Gweithredol" in buttons(client, f"/cy{url}")
    assert "Cadw'r Crynodeb Gweithredol" in buttons(client, f"/cy{url}?edit=summary")


def test_a_heading_without_the_templates_welsh_is_named_in_the_catalogues_welsh(client, committee, author):
    report = draft(committee, author, summary_heading="Summary", recommendations_heading="Recommendations")
    client.force_login(author)
    url = reverse("reports:report_edit", args=[report.pk])
    assert "Edit the Summary" in buttons(client, url)
    assert "Golygu'r Crynodeb" in buttons(client, f"/cy{url}")
    welsh = client.get(f"/cy{url}").content.decode()
    assert '<h2 class="govuk-heading-l" id="recommendations">Argymhellion</h2>' in welsh


def test_a_summary_printed_without_a_heading_is_still_named_in_the_editor(client, committee, author):
    report = draft(committee, author, summary_heading="")
    client.force_login(author)
    page = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert '<h2 class="govuk-heading-l" id="summary">Summary</h2>' in page
    assert "Edit the Summary" in page
