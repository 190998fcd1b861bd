"""The report editor's keys for what only a mouse could do before (issue 16, "the same by keyboard
alone"): Shift+Enter starts a new line of the same paragraph, where Ctrl+Shift+8 starts bullets (a
paragraph "…as follows:" and its list); Alt+F10 goes from the text to the toolbar, which is one stop
in the Tab order with the arrow keys along it, and Escape goes back to the text it acts on."""

from __future__ import annotations

import pytest

from reports.models import Paragraph
from tests.browser.test_rich_text_editor import draft, open_editor, saved, sign_in, strict_page  # noqa: F401

pytestmark = pytest.mark.browser


def focused_label(page) -> str | None:
    return page.evaluate("document.activeElement.getAttribute('aria-label')")


def test_shift_enter_and_ctrl_shift_8_make_a_paragraph_with_its_bullets(live_server, strict_page, draft):  # noqa: F811
    page = strict_page
    sign_in(page, live_server.url)
    open_editor(page, live_server.url, draft)
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" The reasons:")
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Control+Shift+8")
    page.keyboard.type("staff")
    page.keyboard.press("Enter")  # in the list: the next bullet, not the next paragraph
    page.keyboard.type("heating")
    saved(page)
    assert list(Paragraph.objects.filter(section__report=draft).values_list("text", flat=True)) == [
        "<p>Fewer people visit on Monday evenings. The reasons:</p><ul><li>staff</li><li>heating</li></ul>"
    ]
    assert page.get_by_role("textbox", name="Paragraph 1.2").count() == 0


def test_alt_f10_reaches_the_toolbar_the_arrows_move_along_it_and_escape_goes_back(live_server, strict_page, draft):  # noqa: F811
    page = strict_page
    sign_in(page, live_server.url)
    open_editor(page, live_server.url, draft)
    toolbar = page.get_by_role("toolbar", name="Formatting and order")
    # One stop in the Tab order: only one of its buttons is reachable by Tab.
    assert toolbar.locator("button:not([tabindex='-1'])").count() == 1

    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")  # the whole line selected
    page.keyboard.press("Alt+F10")
    assert page.evaluate("document.activeElement.textContent") == "Bold"
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "Italic"
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.textContent") == "Move down"
    page.keyboard.press("ArrowRight")  # round to the first again
    assert page.evaluate("document.activeElement.textContent") == "Bold"
    page.keyboard.press("Enter")  # bold, and back in the text
    assert focused_label(page) == "Paragraph 1.1"
    saved(page)
    assert Paragraph.objects.get(section__report=draft).text == (
        "<p><strong>Fewer people visit on Monday evenings.</strong></p>"
    )
    # The button last used is the toolbar's stop in the Tab order; Escape from it goes back to the text.
    page.keyboard.press("Alt+F10")
    assert page.evaluate("document.activeElement.textContent") == "Bold"
    page.keyboard.press("Escape")
    assert focused_label(page) == "Paragraph 1.1"


def test_the_empty_text_under_a_sub_sections_heading_says_what_it_is_for(live_server, strict_page, draft):  # noqa: F811
    page = strict_page
    section = draft.sections.get()
    Paragraph.objects.create(section=section, position=1, heading="Risk Management")
    sign_in(page, live_server.url)
    open_editor(page, live_server.url, draft)
    under = page.get_by_role("textbox", name="Paragraph 1.2")
    assert under.get_attribute("aria-placeholder") == "Text under the heading (optional)"
    shown = under.evaluate("(box) => getComputedStyle(box, '::before').content")
    assert shown == '"Text under the heading (optional)"'
    assert page.get_by_role("textbox", name="Paragraph 1.1").get_attribute("aria-placeholder") is None
    under.click()
    page.keyboard.type("None in the context of this report.")
    assert under.get_attribute("aria-placeholder") is None  # typed: the hint goes
    saved(page)
    # Under a heading with sub-paragraphs the hint would only repeat itself: it is not there.
    heading = Paragraph.objects.get(heading="Risk Management")
    heading.text = ""
    heading.save()
    Paragraph.objects.create(section=section, parent=heading, position=0, text="<p>None.</p>")
    open_editor(page, live_server.url, draft)
    assert page.get_by_role("textbox", name="Paragraph 1.2", exact=True).get_attribute("aria-placeholder") is None
