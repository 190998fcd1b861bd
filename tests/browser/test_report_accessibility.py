"""The report page in a real browser: no WCAG 2.2 AA violations that axe-core can find."""

from __future__ import annotations

import pytest

from reports.models import Report, ReportTemplate, TitleBlockRow
from tests.browser.conftest import describe
from tests.conftest import make_meeting
from tests.report_builders import report_with_content

pytestmark = pytest.mark.browser


def test_the_example_report_page_has_no_accessibility_violations(live_server, page, axe, demo):
    report = Report.objects.get(title__startswith="HMIC")
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    assert page.locator("h1").count() == 1
    violations = axe(page)
    assert violations == [], describe(violations)


def test_an_exempt_report_page_has_no_accessibility_violations(live_server, page, axe, committee, committee_member):
    report = report_with_content(
        committee, meeting=make_meeting(committee), sections=2, paragraphs=2, is_exempt=True, exempt_paragraph=3
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", committee_member.username)
    page.fill("input[name=password]", "pw")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    assert page.get_by_text("Exempt — not for publication: paragraph 3 of Schedule 12A").count() >= 1
    violations = axe(page)
    assert violations == [], describe(violations)


def test_the_report_page_works_at_400_percent_zoom_without_sideways_scrolling(live_server, page, committee):
    report = report_with_content(committee, sections=1, paragraphs=2)
    page.set_viewport_size({"width": 320, "height": 640})  # WCAG 1.4.10 reflow: 1280px at 400%
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_the_download_links_stand_clear_of_a_short_mastheads_rule(live_server, page, committee):
    """A title block that names the meeting leaves the masthead the council's name alone: the download
    links, once floated beside it, hung over its rule."""
    template = ReportTemplate.objects.create(name="Cabinet")
    TitleBlockRow.objects.create(template=template, position=0, field="meeting", label="Meeting", show_label=False)
    report = report_with_content(committee, meeting=make_meeting(committee), template=template, sections=1)
    assert "council-report__meeting" not in page.goto(f"{live_server.url}{report.get_absolute_url()}").text()
    for width in (1280, 400):
        page.set_viewport_size({"width": width, "height": 900})
        rule = page.locator(".council-report__masthead").bounding_box()
        for link in page.locator(".council-downloads a").all():
            box = link.bounding_box()
            assert box["y"] + box["height"] <= rule["y"], (width, link.text_content())
