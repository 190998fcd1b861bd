"""The editor's structure as an author makes it (issue 16): Enter at the end of a paragraph leaves
no empty numbered paragraph behind when nothing is typed into it, and a heading line typed in place
makes a sub-section (the toolbar's Heading button, or Ctrl+Alt+2)."""

from __future__ import annotations

import pytest

from reports.models import Paragraph
from tests.browser.test_rich_text_editor import draft, open_editor, saved, sign_in, strict_page, texts  # noqa: F401

pytestmark = pytest.mark.browser


def focused(page, label: str) -> None:
    page.wait_for_function(
        "(label) => document.activeElement && document.activeElement.getAttribute('aria-label') === label", arg=label
    )


def test_enter_then_leaving_without_typing_leaves_no_empty_paragraph(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    focused(page, "Paragraph 1.2")
    assert Paragraph.objects.filter(section__report=draft).count() == 2  # Enter started it on the server

    # Clicking elsewhere without typing: paragraph 1.2 goes, and the cursor is where the author went.
    page.get_by_role("textbox", name="Recommendation 1").click()
    page.get_by_role("textbox", name="Paragraph 1.2").wait_for(state="detached")
    focused(page, "Recommendation 1")
    assert texts(draft) == ["<p>Fewer people visit on Monday evenings.</p>"]

    # Typed into, it stays when left.
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    focused(page, "Paragraph 1.2")
    page.keyboard.type("Staff agree.")
    page.get_by_role("textbox", name="Recommendation 1").click()
    saved(page)
    page.wait_for_timeout(500)
    assert texts(draft) == ["<p>Fewer people visit on Monday evenings.</p>", "<p>Staff agree.</p>"]

    # Escape (leaving by keyboard) drops an empty one too.
    page.get_by_role("textbox", name="Paragraph 1.2").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    focused(page, "Paragraph 1.3")
    page.keyboard.press("Escape")
    page.get_by_role("textbox", name="Paragraph 1.3").wait_for(state="detached")
    assert Paragraph.objects.filter(section__report=draft).count() == 2


def test_a_heading_line_typed_in_place_makes_a_sub_section(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    focused(page, "Paragraph 1.2")
    page.keyboard.type("Risk Management")
    page.keyboard.press("Control+Alt+2")
    page.get_by_role("heading", name="1.2 Risk Management").wait_for()
    heading = Paragraph.objects.get(section__report=draft, heading="Risk Management")
    assert heading.text == "" and heading.parent_id is None

    # Its text, then a sub-paragraph under it by Enter and Tab; then a second heading by the toolbar.
    focused(page, "Paragraph 1.2")
    page.keyboard.type("There are no risks.")
    page.keyboard.press("Enter")
    focused(page, "Paragraph 1.3")
    page.keyboard.type("Staffing")
    page.get_by_role("toolbar").get_by_role("button", name="Heading").click()
    page.get_by_role("heading", name="1.3 Staffing").wait_for()
    saved(page)
    rows = list(
        Paragraph.objects.filter(section__report=draft, parent=None).order_by("position").values_list("heading", "text")
    )
    assert rows == [
        ("", "<p>Fewer people visit on Monday evenings.</p>"),
        ("Risk Management", "<p>There are no risks.</p>"),
        ("Staffing", ""),
    ]
