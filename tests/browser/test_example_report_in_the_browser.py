"""Done when (issue 3), in a real browser: the council's example report is created from the template,
written, submitted, sent back with a request for changes, edited, cleared and approved, each step a
click or a keystroke in Chromium, and the structured report that results equals the demo copy,
section by section."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import User

from committee import access
from committee.demo import example_report as example
from reports import revisions
from reports.models import Paragraph, Report
from tests.browser.conftest import describe, run_axe
from tests.conftest import make_user
from tests.reports.test_example_report_flow import LEGAL_FIX, demo_copy, paragraphs_as_typed
from tests.reports.test_example_report_flow import council as council  # noqa: F401 (the same council as the client test)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(page):
    page.set_default_timeout(60_000)
    return page


def sign_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def add_text(page, link, field: str, text: str) -> None:
    """Open an add form in place, type, send it, and wait until the editor shows the result."""
    link.click()
    page.locator(field).fill(text)
    page.locator(field).locator("xpath=ancestor::form").get_by_role("button").click()
    page.locator(field).wait_for(state="detached")


def add_background_papers(page) -> None:
    """The example's background papers, each by "Add a background paper": title, link and date."""
    for paper in example.BACKGROUND_PAPERS:
        page.get_by_role("link", name="Add a background paper").click()
        page.get_by_label("Title of the paper").fill(paper["title"])
        page.get_by_label("Link to the paper").fill(paper["url"])
        if paper["date"]:
            page.get_by_label("Date of the paper (optional)").fill(paper["date"].isoformat())
        page.get_by_role("button", name="Add the paper").click()
        page.get_by_label("Title of the paper").wait_for(state="detached")


def sign_off(page, base: str, report: Report, username: str, decision: str, comment: str = "") -> None:
    sign_in(page, base, username)
    page.goto(f"{base}/reports/{report.pk}/manage/")
    page.get_by_label(decision, exact=True).first.check()
    if comment:
        page.get_by_label("Comment").fill(comment)
    page.get_by_role("button", name="Record my sign-off").click()
    page.wait_for_load_state()


def submit(page, base: str, report: Report) -> None:
    page.goto(f"{base}/reports/{report.pk}/submit/")
    for role in ("legal", "finance", "director"):
        page.locator(f"select[name=approver_{role}]").select_option(str(User.objects.get(username=role).pk))
    page.get_by_role("button", name="Submit for clearance").click()
    page.get_by_text(re.compile("submitted for clearance", re.I)).first.wait_for()


@time_machine.travel(datetime.datetime(2017, 1, 16, 10, tzinfo=datetime.UTC), tick=True)
def test_the_example_report_is_written_and_cleared_in_the_browser_and_matches_the_demo(live_server, page, council):
    committee, meeting, template, officer = council
    base = live_server.url
    make_user("author", access.REPORT_AUTHORS, first_name="Priya", last_name="Shah")
    make_user("legal", access.LEGAL_APPROVERS, first_name="Grace", last_name="Obi")
    make_user("finance", access.FINANCE_APPROVERS, first_name="Daniel", last_name="Cole")
    make_user("director", access.DIRECTOR_APPROVERS, first_name="Chris", last_name="Munday")
    make_user("governance", access.GOVERNANCE_OFFICERS, first_name="Edward", last_name="Gilbert")

    # 1. From the template, for the committee's February meeting.
    sign_in(page, base, "author")
    page.goto(f"{base}/reports/new/")
    page.get_by_label("Committee").select_option(str(committee.pk))
    page.get_by_label("Meeting").select_option(str(meeting.pk))
    page.get_by_label("Title").fill(example.TITLE)
    page.get_by_label("Report of").fill(example.REPORT_OF)
    page.get_by_role("button", name="Start the report").click()
    page.get_by_role("heading", name="Edit the report").wait_for()
    report = Report.objects.get(title=example.TITLE)

    # 2. The title block: all wards, the contact officer.
    page.get_by_role("link", name="Change the details").click()
    page.get_by_label("The report affects all wards").check()
    page.get_by_label(re.compile(example.CONTACT["name"])).check()
    page.get_by_role("button", name=re.compile("Save")).click()
    page.get_by_role("heading", name="Edit the report").wait_for()

    # 3. Summary and recommendations, in place.
    page.get_by_role("link", name="Edit the summary").click()
    page.get_by_label("Summary").fill("\n\n".join(example.SUMMARY))
    page.get_by_role("button", name="Save the summary").click()
    page.locator("#summary-text").wait_for(state="detached")  # the in-place editor is labelled Summary too
    for text in example.RECOMMENDATIONS:
        add_text(page, page.get_by_role("link", name="Add a recommendation"), "#recommendation-new-text", text)

    # 4. The paragraphs under the template's headings, and the sub-paragraphs under 5.1 to 5.7.
    for section, parent, text in paragraphs_as_typed(report):
        if parent is None:
            link = page.locator(f"#add-section-{section.pk}").get_by_role("link")
            add_text(page, link, f"#section-{section.pk}-new-text", text)
        else:
            # The sub-section's own link (the editor page shows it under the heading), before its children's.
            item = page.locator(f"#paragraph-{parent.pk}")
            link = item.get_by_role("link", name=re.compile("Add a sub-paragraph")).first
            add_text(page, link, f"#under-{parent.pk}-text", text)

    # 5. The background papers, with their links and dates.
    add_background_papers(page)
    violations = run_axe(page)
    assert violations == [], describe(violations)

    # 6. Submitted; legal asks for a change; the author sees it.
    submit(page, base, report)
    sign_off(page, base, report, "legal", "Request changes", LEGAL_FIX)
    sign_in(page, base, "author")
    page.goto(f"{base}/reports/{report.pk}/manage/")
    assert page.get_by_text(LEGAL_FIX).first.is_visible()

    # 7. The author rewrites paragraph 5.3.1 and submits again.
    page.goto(f"{base}/reports/{report.pk}/edit/")
    page.get_by_role("link", name="Edit paragraph 5.3.1").click()
    page.get_by_role("button", name="Save paragraph 5.3.1").wait_for()
    legal = Paragraph.objects.get(section__report=report, text__contains="responsibility for functions")
    page.locator(f"#paragraph-{legal.pk}-text").fill(example.SECTIONS[4][1][2][1][0])
    page.get_by_role("button", name="Save paragraph 5.3.1").click()
    page.get_by_role("button", name="Save paragraph 5.3.1").wait_for(state="detached")
    submit(page, base, report)

    # 8. Cleared by all three; approved by the governance officer.
    for role in ("legal", "finance", "director"):
        sign_off(page, base, report, role, "Approve")
    sign_in(page, base, "governance")
    page.goto(f"{base}/reports/{report.pk}/manage/")
    page.get_by_role("button", name="Approve for publication").click()
    page.get_by_text("Approved for publication").first.wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED

    # The report written in the browser equals the demo copy, part by part and section by section.
    drafted = revisions.snapshot(report)
    demo = revisions.snapshot(demo_copy(committee, meeting, template, officer))
    for part in ("title", "committee", "is_exempt", "title_rows", "summary", "recommendations", "background_papers"):
        assert drafted[part] == demo[part], part
    for mine, theirs in zip(drafted["sections"], demo["sections"], strict=True):
        assert mine == theirs, f"section {theirs['number']}. {theirs['heading']}"
