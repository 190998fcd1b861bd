"""Saving a drafting form is not leaving it: the browser's "Leave site?" prompt is only for changes
that would be lost."""

from __future__ import annotations

import pytest

from committee import access
from reports.models import Report
from tests.conftest import make_meeting, make_report, make_user

pytestmark = pytest.mark.browser


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("author")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_saving_the_details_asks_nothing_and_keeps_the_change(live_server, page, committee):
    author = make_user("author", access.REPORT_AUTHORS)
    report = make_report(committee, meeting=make_meeting(committee), author=author, title="Library opening hours")
    sign_in(page, live_server.url)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))

    page.goto(f"{live_server.url}/reports/{report.pk}/edit/details/")
    page.get_by_label("Title", exact=True).fill("Library opening hours from April")
    page.get_by_role("button", name="Save the details").click()
    page.wait_for_url(f"**/reports/{report.pk}/edit/**")

    assert dialogs == [], "saving the details asked whether to leave the page"
    assert Report.objects.get(pk=report.pk).title == "Library opening hours from April"
    assert "The report's details are saved." in page.content()


def test_leaving_the_details_with_a_change_unsaved_still_asks(live_server, page, committee):
    author = make_user("author", access.REPORT_AUTHORS)
    report = make_report(committee, meeting=make_meeting(committee), author=author, title="Library opening hours")
    sign_in(page, live_server.url)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))

    page.goto(f"{live_server.url}/reports/{report.pk}/edit/details/")
    page.get_by_label("Title", exact=True).fill("Typed but not saved")
    page.get_by_role("link", name="Back to the report").click()
    page.wait_for_url(f"**/reports/{report.pk}/edit/**")

    assert dialogs == ["beforeunload"]
    assert Report.objects.get(pk=report.pk).title == "Library opening hours"
