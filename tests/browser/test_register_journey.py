"""The register of interests, click by click in Chromium: a councillor registers two interests (one
sensitive) through the app, the monitoring officer publishes them, and the public page shows the one
and withholds the other. axe-core runs on every page they pass."""

from __future__ import annotations

import datetime

import pytest

from committee import access
from committee.models import Attendance, Declaration
from members.access import WITHHELD
from tests.browser.test_journeys import accessible, shot, sign_in
from tests.conftest import make_committee, make_user
from tests.members.builders import attended, meeting_on


@pytest.fixture
def council(db):
    planning = make_committee("Planning Committee")
    ada = make_user("ada", access.COMMITTEE_MEMBERS, committee=planning)
    meeting = meeting_on(planning, datetime.date.today() - datetime.timedelta(days=20))
    attended(meeting, ada.person, Attendance.Kind.PRESENT)
    Declaration.objects.create(meeting=meeting, person=ada.person, interest="pecuniary", detail="Owns a field nearby")
    return {"ada": ada, "officer": make_user("monitoring", access.MONITORING_OFFICERS), "meeting": meeting}


def new_tab(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    return tab


def test_a_councillor_updates_their_register_and_the_monitoring_officer_publishes_it(
    live_server, page, browser, council
):
    base, ada = live_server.url, council["ada"]
    sign_in(page, base, ada)
    page.goto(f"{base}/councillors/")
    accessible(page)
    page.get_by_role("link", name="Ada", exact=True).click()
    page.get_by_role("heading", name="Ada", level=1).wait_for()
    accessible(page)
    page.get_by_role("link", name="Update your register of interests").click()
    page.get_by_role("heading", name="Your register of interests").wait_for()
    accessible(page)

    # A date in the future is refused, with what was typed kept.
    form = page.locator("form").filter(has=page.get_by_role("button", name="Send to the monitoring officer"))
    form.get_by_label("Kind of interest").select_option(label="Land")
    form.get_by_label("Description").fill("Field off Totteridge Lane")
    form.get_by_label("Date the interest arose").fill("2999-01-01")
    page.get_by_role("button", name="Send to the monitoring officer").click()
    page.get_by_text("The interest cannot arise in the future.").first.wait_for()
    assert form.get_by_label("Description").input_value() == "Field off Totteridge Lane"
    accessible(page)
    form.get_by_label("Date the interest arose").fill("2026-01-05")
    page.get_by_role("button", name="Send to the monitoring officer").click()
    page.get_by_text("Your interest is sent to the monitoring officer").wait_for()

    form.get_by_label("Kind of interest").select_option(label="Land")
    form.get_by_label("Description").fill("Home at 4 Hidden Close")
    form.get_by_label("Date the interest arose").fill("2026-01-05")
    form.get_by_label("This is a sensitive interest").check()
    page.get_by_role("button", name="Send to the monitoring officer").click()
    page.get_by_text("Your interest is sent to the monitoring officer").wait_for()
    assert page.get_by_text("Waiting to be checked").count() >= 2
    assert "Hidden Close" not in page.content()
    accessible(page)

    officer = new_tab(browser)
    sign_in(officer, base, council["officer"])
    officer.get_by_role("link", name="Register of interests").click()
    officer.get_by_role("heading", name="Register of interests: to check").wait_for()
    assert "Home at 4 Hidden Close" in officer.content()  # the monitoring officer reads the details
    # Nothing published explains Ada's declaration yet: it is flagged until her land interest is published.
    assert officer.get_by_text("Owns a field nearby").count() == 1
    accessible(officer)
    officer.get_by_role("button", name="Publish Ada's land interest").first.click()
    officer.get_by_text("Published on Ada's register.").wait_for()
    officer.get_by_role("button", name="Publish Ada's land interest").first.click()
    officer.get_by_text("Published on Ada's register.").wait_for()
    assert officer.get_by_text("Nothing is waiting.").count() == 2
    assert officer.get_by_text("Owns a field nearby").count() == 0
    officer.context.close()

    public = new_tab(browser)
    public.goto(f"{base}/councillors/{ada.person.pk}/")
    public.get_by_role("heading", name="Register of interests").wait_for()
    text = public.content()
    assert "Field off Totteridge Lane" in text and WITHHELD in text and "Hidden Close" not in text
    assert "Owns a field nearby" in text
    accessible(public)
    shot(public, "councillor-page")
    public.goto(f"{base}/committees/planning-committee/attendance/")
    accessible(public)
    public.goto(f"{base}/councillors/{ada.person.pk}/register-history/")
    assert "Hidden Close" not in public.content()
    accessible(public)
    public.context.close()
