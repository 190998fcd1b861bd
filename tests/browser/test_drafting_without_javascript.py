"""Without JavaScript a report is still drafted from the template and sent for clearance (issue 16):
the plain forms the editor's script stands in for start the report, write its summary, a
recommendation and paragraphs with a list, bold and a nested paragraph, and every text box reopens
showing the words with simple marks, never HTML markup."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from committee import access
from reports.models import Paragraph, Report
from reports.templates_setup import ensure_standard_template
from tests.browser.builders import start_and_write_by_the_forms
from tests.conftest import make_meeting, make_user

pytestmark = pytest.mark.browser

MARKUP = ("<p", "<strong", "<ul", "<li", "</")


def test_a_report_is_drafted_and_submitted_without_javascript(live_server, browser, committee):
    ensure_standard_template()
    meeting = make_meeting(committee, timezone.localdate() + datetime.timedelta(days=40))
    make_user("author", access.REPORT_AUTHORS)
    for role, group in access.APPROVER_GROUP_FOR_ROLE.items():
        make_user(role, group)
    base = live_server.url
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("author")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    assert page.url == f"{base}/reports/"  # an officer lands on their dashboard

    page.get_by_role("link", name="Start a new report").wait_for()
    report, first, _risk = start_and_write_by_the_forms(page, base, committee, meeting)
    assert page.locator("[contenteditable]").count() == 0  # nothing but forms

    page.get_by_role("link", name="Edit the summary").click()
    page.fill("textarea[name=summary]", "The review's findings.\n\nThe **options** for next year.")
    page.get_by_role("button", name="Save the summary").click()
    page.get_by_text("The options for next year.").wait_for()

    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("New recommendation").fill("That the Committee agree the review.")
    page.get_by_role("button", name="Add the recommendation").click()
    page.get_by_text("That the Committee agree the review.").wait_for()

    report.refresh_from_db()
    assert report.summary == "<p>The review's findings.</p><p>The <strong>options</strong> for next year.</p>"
    written = Paragraph.objects.get(section=first, parent=None, text__contains="Footfall")
    assert (
        written.text == "<p>Two years of community-run libraries.</p><ul><li>Footfall rose</li><li>Costs fell</li></ul>"
    )

    # Every box reopens as the words were typed: marks, never markup.
    page.get_by_role("link", name="Edit the summary").click()
    summary = page.locator("textarea[name=summary]").input_value()
    assert summary == "The review's findings.\n\nThe **options** for next year."
    page.goto(f"{base}/reports/{report.pk}/edit/?edit=paragraph-{written.pk}#paragraph-{written.pk}")
    shown = page.locator(f"#paragraph-{written.pk}-text").input_value()
    assert shown == "Two years of community-run libraries.\n\n- Footfall rose\n- Costs fell"
    assert not any(tag in summary + shown for tag in MARKUP)

    page.goto(f"{base}/reports/{report.pk}/submit/")
    page.get_by_role("button", name="Submit for clearance").click()
    page.get_by_text("The report is submitted for clearance.").wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    context.close()
