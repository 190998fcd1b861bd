"""Councillors' records, click by click in Chromium: the monitoring officer's team gives a councillor a
photo with what it shows, the public page shows it with that alt text, and the council's approval of a
councillor's absence is recorded so the six-month warnings stop. axe-core runs on every page."""

from __future__ import annotations

import datetime
import io

import pytest
from PIL import Image

from committee import access
from members import six_month_rule
from tests.browser.test_journeys import accessible, shot, sign_in
from tests.conftest import make_committee, make_user
from tests.members.builders import attended, councillor, meeting_on


@pytest.fixture
def council(db):
    planning = make_committee("Planning Committee")
    today = datetime.date.today()
    ada = councillor("Cllr Ada Lovelace", planning, start_date=today - datetime.timedelta(days=400))
    attended(meeting_on(planning, today - datetime.timedelta(days=140)), ada)  # four months and more ago
    return {"ada": ada, "officer": make_user("monitoring", access.MONITORING_OFFICERS)}


def photo() -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 150), "steelblue").save(buffer, "JPEG")
    return {"name": "ada.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def test_the_monitoring_officer_adds_a_photo_and_records_an_approved_absence(live_server, page, council):
    base, ada = live_server.url, council["ada"]
    sign_in(page, base, council["officer"])
    page.goto(f"{base}/councillors/")
    page.get_by_role("link", name="Councillors' photos and addresses").click()
    page.get_by_role("heading", name="Councillors' photos and addresses").wait_for()
    accessible(page)
    page.get_by_role("link", name="Change Cllr Ada Lovelace's photo and address").click()
    page.get_by_role("heading", name="Photo and address").wait_for()
    accessible(page)

    # A photo without its description is refused, keeping the address typed.
    page.get_by_label("Photo", exact=True).set_input_files(photo())
    page.get_by_label("Address for post").fill("Town Hall, The Burroughs")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Say what the photo shows, for people who cannot see it.").first.wait_for()
    assert page.get_by_label("Address for post").input_value() == "Town Hall, The Burroughs"
    accessible(page)
    page.get_by_label("Photo", exact=True).set_input_files(photo())
    page.get_by_label("What the photo shows").fill("Cllr Ada Lovelace in a blue jacket")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Cllr Ada Lovelace's page is updated.").wait_for()
    accessible(page)
    shot(page, "councillor-photo-form")

    page.get_by_role("link", name="See Cllr Ada Lovelace's public page").click()
    image = page.get_by_role("img", name="Cllr Ada Lovelace in a blue jacket")
    image.wait_for()
    assert page.evaluate("img => img.naturalWidth", image.element_handle()) == 120
    assert page.get_by_text("Town Hall, The Burroughs").count() == 1

    # The six-month rule: the absence is listed, and the council's approval recorded.
    page.goto(f"{base}/manage/register/")
    page.get_by_role("link", name="Record the council's approval of an absence").click()
    page.get_by_role("heading", name="Six-month rule", exact=True).wait_for()
    accessible(page)
    page.get_by_role("link", name="Record the council's approval for Cllr Ada Lovelace").click()
    assert page.get_by_label("Councillor").input_value() == str(ada.pk)
    page.get_by_label("Reason").fill("Recovering from an operation")
    page.get_by_label("Date approved").fill(datetime.date.today().isoformat())
    page.get_by_label("Approved until").fill((datetime.date.today() + datetime.timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Record the approval").click()
    page.get_by_text("The council's approval of Cllr Ada Lovelace's absence is recorded.").wait_for()
    accessible(page)
    shot(page, "six-month-rule")
    assert page.get_by_role("cell", name="Recovering from an operation").count() == 1
    assert six_month_rule.absences() == []
