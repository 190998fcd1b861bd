"""The minutes' text boxes in Chromium (static/editor/textbox.js): with JavaScript a governance officer
writes a decision's minute and other business with bold, a bulleted list, a link and a table with a
header row, by keyboard and toolbar, under the app's own Content-Security-Policy; the public minutes
show it formatted; axe finds nothing on the page. Without JavaScript the same box shows the stored
minute as text with marks, never markup, and saves it back unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from committee import agenda, minutes
from committee.models import ItemDecision, Minutes
from core import richtext
from tests.browser import test_rich_text_editor
from tests.browser.conftest import describe, run_axe

# A page under the app's own Content-Security-Policy, failing on any violation or script error.
strict_page = test_rich_text_editor.strict_page
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture
def item(meeting, governance_officer):
    added = agenda.add_item(meeting, governance_officer, title="Libraries review")
    meeting.agenda_published_at = meeting.starts_at
    meeting.save()
    governance_officer.set_password("pw")
    governance_officer.save()
    return added


def sign_in(page, base: str, user) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_under_the_apps_own_csp_the_editor_starts_and_saves(
    live_server, strict_page, governance_officer, meeting, item
):
    sign_in(strict_page, live_server.url, governance_officer)
    strict_page.goto(f"{live_server.url}/manage/meetings/{meeting.pk}/minutes/")
    strict_page.get_by_role("textbox", name="Other business minuted").click()
    strict_page.keyboard.press("Control+b")
    strict_page.keyboard.type("Thanks")
    strict_page.keyboard.press("Control+b")
    strict_page.keyboard.type(" to the chair.")
    strict_page.get_by_role("button", name="Save", exact=True).click()
    strict_page.get_by_text("Saved.").wait_for()
    assert Minutes.objects.get(meeting=meeting).notes == "<p><strong>Thanks</strong> to the chair.</p>"


def test_an_officer_writes_formatted_minutes_with_the_editor(live_server, page, governance_officer, meeting, item):
    sign_in(page, live_server.url, governance_officer)
    page.goto(f"{live_server.url}/manage/meetings/{meeting.pk}/minutes/")
    minute = page.get_by_role("textbox", name="Minute, or the recommendations as amended")
    minute.wait_for()
    assert page.locator(f'textarea[name="item{item.pk}-text"]').is_hidden()
    minute.click()
    page.keyboard.press("Control+b")
    page.keyboard.type("Agreed")
    page.keyboard.press("Control+b")
    page.keyboard.type(" the hours, with ")
    page.keyboard.press("Control+i")
    page.keyboard.type("two")
    page.keyboard.press("Control+i")
    page.keyboard.type(" changes:")
    page.keyboard.press("Enter")
    toolbar = page.get_by_role("toolbar", name="Formatting: Minute, or the recommendations as amended")
    toolbar.get_by_role("button", name="Bulleted list").click()
    page.keyboard.type("Sunday opening")
    page.keyboard.press("Enter")
    page.keyboard.type("Press <Enter> at the kiosk")
    page.get_by_role("group", name="Decision").get_by_label("Agreed", exact=True).check()
    page.get_by_role("button", name="Save decision on item 1").click()
    page.get_by_text("Decision recorded for “Libraries review”.").wait_for()
    assert ItemDecision.objects.get(agenda_item=item).text == (
        "<p><strong>Agreed</strong> the hours, with <em>two</em> changes:</p>"
        "<ul><li>Sunday opening</li><li>Press &lt;Enter&gt; at the kiosk</li></ul>"
    )

    notes = page.get_by_role("textbox", name="Other business minuted")
    notes.click()
    page.keyboard.type("Opening hours by library:")
    bar = page.get_by_role("toolbar", name="Formatting: Other business minuted")
    bar.get_by_role("button", name="Table").click()
    for index, text in enumerate(("Library", "Hours", "Weekly", "Chipping Barnet", "52", "Yes")):
        if index:
            page.keyboard.press("Tab")  # the next cell, as in Word
        page.keyboard.type(text)
    violations = run_axe(page)
    assert violations == [], describe(violations)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "minutes-text-editor.png"), full_page=True)
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved.").wait_for()
    stored = Minutes.objects.get(meeting=meeting).notes
    assert stored.startswith("<p>Opening hours by library:</p><table><thead><tr>")
    assert '<th scope="col">Library</th><th scope="col">Hours</th><th scope="col">Weekly</th>' in stored
    assert stored.endswith("<tbody><tr><td>Chipping Barnet</td><td>52</td><td>Yes</td></tr></tbody></table>")

    # The box comes back from the server as it was saved, ready to edit again.
    page.get_by_role("textbox", name="Minute, or the recommendations as amended").get_by_text(
        "Sunday opening"
    ).wait_for()
    page.get_by_role("button", name="Publish the draft minutes").click()
    page.get_by_text("The draft minutes are published.").wait_for()
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/minutes/")
    assert page.locator("strong", has_text="Agreed").count() >= 1
    assert page.locator("em", has_text="two").count() == 1
    assert page.locator("li", has_text="Press <Enter> at the kiosk").count() == 1
    assert page.locator('th[scope="col"]', has_text="Library").count() == 1
    assert "**" not in page.content()


def test_without_javascript_the_box_shows_marks_not_markup_and_saves_back_the_same(
    live_server, browser, governance_officer, meeting, item
):
    stored = (
        '<p><strong>Agreed</strong> as set out in <a href="https://www.barnet.gov.uk/plan" rel="noopener noreferrer">'
        'the plan</a>.</p><ul><li>Sunday</li></ul><table><thead><tr><th scope="col">Library</th></tr></thead>'
        "<tbody><tr><td>Chipping Barnet</td></tr></tbody></table>"
    )
    minutes.set_decision(item, governance_officer, outcome="agreed", text=stored)
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, governance_officer)
        page.goto(f"{live_server.url}/manage/meetings/{meeting.pk}/minutes/")
        box = page.get_by_label("Minute, or the recommendations as amended")
        shown = box.input_value()
        assert shown.startswith("**Agreed** as set out in [the plan](https://www.barnet.gov.uk/plan).")
        assert "| Library |" in shown and not richtext.has_markup(shown)
        page.get_by_role("button", name="Save decision on item 1").click()
        page.get_by_text("Decision recorded for “Libraries review”.").wait_for()
        assert ItemDecision.objects.get(agenda_item=item).text == stored
        box = page.get_by_label("Minute, or the recommendations as amended")
        box.fill(re.sub(r"^\*\*Agreed\*\*", "**Agreed unanimously**", box.input_value()))
        page.get_by_role("button", name="Save decision on item 1").click()
        page.get_by_text("Decision recorded for “Libraries review”.").wait_for()
        assert ItemDecision.objects.get(agenda_item=item).text == stored.replace("Agreed<", "Agreed unanimously<")
    finally:
        context.close()
