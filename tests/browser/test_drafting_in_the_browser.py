"""An author drafts a report in Chromium, an approver asks for a change, the author makes it,
the report is cleared and approved: each step through the pages, as people would."""

from __future__ import annotations

import datetime

from django.utils import timezone

from committee import access
from reports.models import Paragraph, Report
from reports.templates_setup import ensure_standard_template
from tests.browser.builders import start_and_write_by_the_forms
from tests.browser.conftest import describe
from tests.conftest import make_meeting, make_user


def sign_in(page, url, username):
    page.context.clear_cookies()
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw")
    page.locator("form button[type=submit], form input[type=submit]").last.click()


def test_a_report_is_drafted_cleared_and_approved_in_the_browser(live_server, page, axe, committee):
    ensure_standard_template()
    meeting = make_meeting(committee, timezone.localdate() + datetime.timedelta(days=40))
    make_user("author", access.REPORT_AUTHORS)
    for role, group in access.APPROVER_GROUP_FOR_ROLE.items():
        make_user(role, group)
    make_user("governance", access.GOVERNANCE_OFFICERS)
    url = live_server.url

    sign_in(page, url, "author")
    # Start from the template and write a paragraph in section 1 and one under 5.4 "Risk Management".
    report, first, risk = start_and_write_by_the_forms(page, url, committee, meeting)
    assert page.get_by_text("Explain why the committee is being asked to consider this.").count() == 1
    violations = axe(page)
    assert violations == [], describe(violations)
    # (Each number is also the link to its paragraph's form: "Edit paragraph" is read before it.)
    numbers = page.locator(f"#paragraph-{risk.pk} .council-number").all_inner_texts()
    assert "5.4.1" in [number.split()[-1] for number in numbers]

    # Leaving with unsaved text asks first.
    page.get_by_role("link", name="Edit the summary").click()
    page.fill("textarea[name=summary]", "Half-written summary")
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Cancel").first.click()
    page.wait_for_timeout(300)
    assert dialogs == ["confirm"], "the editor asks before dropping unsaved text"
    page.get_by_role("button", name="Save the summary").click()
    page.get_by_text("Half-written summary").wait_for()

    # Submit for clearance.
    page.goto(f"{url}/reports/{report.pk}/submit/")
    page.get_by_role("button", name="Submit for clearance").click()
    page.get_by_text("The report is submitted for clearance.").wait_for()

    # Legal asks for a change.
    sign_in(page, url, "legal")
    page.goto(f"{url}/reports/{report.pk}/manage/")
    page.get_by_label("Request changes").check()
    page.get_by_label("Comment").fill("Say what the risks of closing branches are.")
    page.get_by_role("button", name="Record my sign-off").click()
    page.get_by_text("The report is back with its author").wait_for()

    # The author sees it, edits, and submits again.
    sign_in(page, url, "author")
    page.goto(f"{url}/reports/{report.pk}/manage/")
    assert page.get_by_text("Say what the risks of closing branches are.").first.is_visible()
    child = Paragraph.objects.get(parent=risk)
    page.goto(f"{url}/reports/{report.pk}/edit/?edit=paragraph-{child.pk}#paragraph-{child.pk}")
    page.fill(f"#paragraph-{child.pk}-text", "Closing branches risks isolating older residents.")
    page.get_by_role("button", name="Save paragraph 5.4.1").click()
    page.get_by_text("Closing branches risks isolating older residents.").wait_for()
    page.goto(f"{url}/reports/{report.pk}/submit/")
    page.get_by_role("button", name="Submit for clearance").click()

    # Every approver approves; the governance officer approves it for publication.
    for role in ("legal", "finance", "director"):
        sign_in(page, url, role)
        page.goto(f"{url}/reports/{report.pk}/manage/")
        page.get_by_label("Approve").check()
        page.get_by_role("button", name="Record my sign-off").click()
        page.get_by_text("your sign-off is recorded").wait_for()
    sign_in(page, url, "governance")
    page.goto(f"{url}/reports/{report.pk}/manage/")
    page.get_by_role("button", name="Approve for publication").click()
    page.get_by_text("The report is approved for publication.").wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    violations = axe(page)
    assert violations == [], describe(violations)
