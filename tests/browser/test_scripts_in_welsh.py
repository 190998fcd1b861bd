"""The scripts at Welsh addresses (issue 21): the words the report editor writes (the toolbar, its
help, the save status, a refusal, the text boxes' names, the drag handles) are the catalogue's Welsh,
read from the page (core/script_words.py, static/js/words.js); at the English address they are as
they were. Under the app's own Content-Security-Policy: the words are JSON, never run. The minutes'
text boxes name their toolbars and buttons in Welsh at the Welsh address."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reports.models import Paragraph
from tests.browser import test_minutes_text_editor
from tests.browser.test_minutes_text_editor import item  # noqa: F401
from tests.browser.test_rich_text_editor import draft, saved, sign_in, strict_page  # noqa: F401

pytestmark = pytest.mark.browser


def test_the_welsh_editor_writes_its_toolbar_help_and_status_in_welsh(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    page.goto(f"{base}/cy/reports/{draft.pk}/edit/")
    toolbar = page.get_by_role("toolbar", name="Fformatio a threfn")
    toolbar.wait_for()
    for name in ["Trwm", "Italig", "Dolen", "Pennawd", "Rhestr fwledi", "Tabl", "Nythu", "Dad-nythu", "Symud i fyny"]:
        expect(toolbar.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(toolbar.get_by_role("button", name="Heading")).to_have_count(0)
    expect(page.locator(".council-toolbar__help")).to_contain_text("Teipiwch mewn unrhyw baragraff.")
    status = page.locator(".council-save-status__text")
    expect(status).to_have_text("Caiff newidiadau eu cadw wrth i chi deipio.")
    handle = page.locator("#main-content .council-drag-handle").first
    expect(handle).to_have_attribute("title", re.compile(r"^Llusgwch i symud "))

    # A toolbar button pressed before any text is chosen says why nothing happened, in Welsh.
    toolbar.get_by_role("button", name="Symud i fyny").click()
    expect(status).to_have_text("Cliciwch mewn paragraff yn gyntaf, yna dewiswch beth i'w wneud.")

    paragraph = page.get_by_role("textbox", name="Paragraff 1.1")
    paragraph.click()
    page.keyboard.press("End")
    page.keyboard.type(" Ar gau ar ddydd Llun.")
    expect(status).to_have_text("Cadwyd")
    assert Paragraph.objects.get(section__report=draft).text.endswith("Ar gau ar ddydd Llun.</p>")
    assert "Saved" not in page.locator("#main-content").inner_text()


def test_the_english_editor_still_writes_english(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    page.goto(f"{base}/reports/{draft.pk}/edit/")
    toolbar = page.get_by_role("toolbar", name="Formatting and order")
    toolbar.wait_for()
    expect(toolbar.get_by_role("button", name="Heading", exact=True)).to_be_visible()
    expect(page.locator(".council-toolbar__help")).to_contain_text("Type in any paragraph.")
    expect(page.locator(".council-save-status__text")).to_have_text("Changes are saved as you type.")
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.type(" Closed on Mondays.")
    saved(page)


def test_the_welsh_minutes_text_boxes_name_their_toolbars_in_welsh(
    live_server,
    strict_page,  # noqa: F811
    governance_officer,
    meeting,
    item,  # noqa: F811
):
    test_minutes_text_editor.sign_in(strict_page, live_server.url, governance_officer)
    strict_page.goto(f"{live_server.url}/cy/manage/meetings/{meeting.pk}/minutes/")
    toolbar = strict_page.get_by_role("toolbar", name=re.compile(r"^Fformatio: ")).first
    expect(toolbar.get_by_role("button", name="Trwm", exact=True)).to_be_visible()
    expect(toolbar.get_by_role("button", name="Rhestr wedi'i rhifo", exact=True)).to_be_visible()
    expect(toolbar.get_by_role("button", name="Bold")).to_have_count(0)
