"""Importing a Word report and commenting on its text, in a real browser and without JavaScript's help:
the upload, the review of what goes where, the draft, and an approver's comment and suggestion the
author accepts; axe-core finds nothing on the new pages."""

from __future__ import annotations

import pytest

from committee import access
from reports import workflow
from reports.models import Comment, Paragraph, Report
from reports.templates_setup import ensure_standard_template
from tests.browser.conftest import describe
from tests.conftest import make_committee, make_user
from tests.reports.word_builders import council_report_docx, upload

pytestmark = pytest.mark.browser

SHOTS = "/tmp/wordimport-shots"


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw")
    page.locator("form button[type=submit], form input[type=submit]").last.click()


def test_an_officer_imports_a_word_report_and_an_approvers_suggestion_is_accepted(live_server, page, axe, tmp_path):
    committee = make_committee(requires_finance_signoff=False, requires_director_signoff=False)
    ensure_standard_template()
    make_user("author", access.REPORT_AUTHORS)
    make_user("legal", access.LEGAL_APPROVERS)
    document = tmp_path / "library-hours.docx"
    document.write_bytes(upload(council_report_docx()).read())

    sign_in(page, live_server, "author")
    page.goto(f"{live_server.url}/reports/new/")
    page.get_by_role("link", name="Import a Word report").click()
    assert axe(page) == [], describe(axe(page))
    page.set_input_files("input[type=file]", str(document))
    page.select_option("select[name=committee]", str(committee.pk))
    page.get_by_role("button", name="Read the document").click()
    assert page.locator("h1").inner_text() == "Check what goes where"
    assert page.locator("#unplaced").get_by_text("Budget code: LIB-2027").count() == 1
    page.screenshot(path=f"{SHOTS}-review.png", full_page=True)
    violations = axe(page)
    assert violations == [], describe(violations)
    page.get_by_role("button", name="Create the draft").click()
    assert "Your draft is made from the Word document." in page.content()
    report = Report.objects.get()
    assert report.title == "Library opening hours 2027"

    workflow.submit(report, report.author)
    sign_in(page, live_server, "legal")
    page.goto(f"{live_server.url}/reports/{report.pk}/comments/")
    paragraph = Paragraph.objects.get(section__report=report, text__contains="Visits have")
    page.get_by_role("link", name="Comment on paragraph 1.1").click()
    page.fill(f"#body-paragraph-{paragraph.pk}", "Give the source of the figure.")
    page.fill(f"#suggestion-paragraph-{paragraph.pk}", "Visits have **fallen by a third** since 2019 (CIPFA).")
    page.get_by_role("button", name="Add the comment").click()
    page.screenshot(path=f"{SHOTS}-comments.png", full_page=True)
    violations = axe(page)
    assert violations == [], describe(violations)
    workflow.sign_off(report, report.signoffs.get().approver, "legal", approve=False, comment="See comments")
    sign_in(page, live_server, "author")
    page.goto(f"{live_server.url}/reports/{report.pk}/comments/")
    page.get_by_role("button", name="Accept the suggestion").click()
    assert "The suggested text is in the report now." in page.content()
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>Visits have <strong>fallen by a third</strong> since 2019 (CIPFA).</p>"
    assert Comment.objects.get().suggestion_state == Comment.Suggestion.ACCEPTED
