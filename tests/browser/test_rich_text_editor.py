"""The report editor as one document (issue 16): each paragraph, the summary and each recommendation
is edited in place with ProseMirror, saved as it changes, and numbered by the server. Enter starts
the next paragraph, Tab nests it; bold, lists and tables with a real header row; a dropped network is
retried; a conflict is shown beside the kept text; the keyboard alone does all of it; axe finds
nothing; and the strict Content-Security-Policy is never broken (no bypass in these contexts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from committee import access
from reports import blocks, editing
from reports.models import Paragraph, Recommendation, Report, Section
from tests.browser.conftest import describe, run_axe, watch_for_problems
from tests.conftest import make_meeting, make_report, make_user

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture
def draft(committee):
    author = make_user("author", access.REPORT_AUTHORS)
    report = make_report(committee, meeting=make_meeting(committee), author=author, title="Library opening hours")
    Recommendation.objects.create(report=report, position=0, text="<p>That the Committee note the review.</p>")
    section = Section.objects.create(report=report, heading="Reasons for recommendations")
    Paragraph.objects.create(section=section, position=0, text="<p>Fewer people visit on Monday evenings.</p>")
    return report


@pytest.fixture
def strict_page(browser):
    """A page under the app's own Content-Security-Policy (the shared fixture bypasses it for axe),
    which fails the test on any CSP violation or script error."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = page.problems = watch_for_problems(page)
    yield page
    context.close()
    assert problems == [], problems


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("author")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def open_editor(page, base: str, report: Report) -> None:
    page.goto(f"{base}/reports/{report.pk}/edit/")
    page.locator(".council-toolbar").wait_for()


def saved(page) -> None:
    # The whole status, not a part of it: a string `has_text` would also match "Not saved: retry".
    page.get_by_role("status").filter(has_text=re.compile(r"^Saved$")).wait_for()


def texts(report: Report) -> list[str]:
    return list(
        Paragraph.objects.filter(section__report=report)
        .order_by("section__position", "parent_id", "position")
        .values_list("text", flat=True)
    )


def test_typing_enter_tab_bold_and_a_table_are_saved_and_shown_formatted(live_server, strict_page, draft):
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)

    first = page.get_by_role("textbox", name="Paragraph 1.1")
    first.click()
    page.keyboard.press("End")
    page.keyboard.type(" Tuesdays are quiet too.")
    saved(page)
    assert texts(draft) == ["<p>Fewer people visit on Monday evenings. Tuesdays are quiet too.</p>"]

    # Enter starts paragraph 1.2, saved by the server; the cursor goes there.
    page.keyboard.press("Enter")
    second = page.get_by_role("textbox", name="Paragraph 1.2")
    second.wait_for()
    page.wait_for_function(
        "document.activeElement && document.activeElement.getAttribute('aria-label') === 'Paragraph 1.2'"
    )
    page.keyboard.type("Opening later would ")
    page.keyboard.press("Control+b")
    page.keyboard.type("save money")
    page.keyboard.press("Control+b")
    page.keyboard.type(".")
    saved(page)

    # Tab nests it under 1.1: it becomes 1.1.1.
    page.keyboard.press("Tab")
    page.get_by_role("textbox", name="Paragraph 1.1.1").wait_for()
    created = Paragraph.objects.get(section__report=draft, parent__isnull=False)
    assert created.text == "<p>Opening later would <strong>save money</strong>.</p>"

    # A table with a header row, by the toolbar.
    page.get_by_role("textbox", name="Paragraph 1.1.1").click()
    page.keyboard.press("End")
    page.get_by_role("toolbar").get_by_role("button", name="Table").click()
    for word in ["Day", "Visits", "Staff"]:
        page.keyboard.type(word)
        page.keyboard.press("Tab")
    page.keyboard.type("Monday")
    page.keyboard.press("Tab")
    page.keyboard.type("40")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    saved(page)
    created.refresh_from_db()
    assert (
        '<table><thead><tr><th scope="col">Day</th><th scope="col">Visits</th><th scope="col">Staff</th></tr></thead>'
        "<tbody><tr><td>Monday</td><td>40</td><td>3</td></tr></tbody></table>"
    ) in created.text, created.text

    # Reloaded, the text shows formatted: no markup anywhere on the page.
    page.reload()
    page.locator(".council-toolbar").wait_for()
    body = page.locator("#main-content").inner_text()
    assert "<p>" not in body and "<strong>" not in body and "<th" not in body
    assert page.locator(".council-block strong", has_text="save money").count() == 1
    assert page.locator(".council-block th", has_text="Visits").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "rich-text-editor.png"), full_page=True)


def test_a_dropped_network_is_retried_and_nothing_typed_is_lost(live_server, strict_page, draft):
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")

    page.context.set_offline(True)
    page.keyboard.type(" Written on the train.")
    page.get_by_role("status").filter(has_text="Not saved: retry").wait_for()
    assert page.get_by_role("button", name="Retry").is_visible()
    assert texts(draft) == ["<p>Fewer people visit on Monday evenings.</p>"]
    page.keyboard.type(" And more.")
    page.wait_for_timeout(2500)  # a retry or two fail meanwhile

    page.context.set_offline(False)
    saved(page)
    assert texts(draft) == ["<p>Fewer people visit on Monday evenings. Written on the train. And more.</p>"]
    assert not page.get_by_role("button", name="Retry").is_visible()


def test_a_conflict_is_shown_beside_the_kept_text(live_server, strict_page, draft):
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    # Somebody else saves the report after this page was loaded.
    paragraph = Paragraph.objects.get(section__report=draft)
    with editing.changing(draft, draft.author, Report.objects.get(pk=draft.pk).version) as locked:
        blocks.save(locked, blocks.Block("paragraph", paragraph.pk), "<p>Their own wording.</p>")

    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.type(" My addition.")
    notice = page.locator(".council-block-notice")
    notice.get_by_role("heading", name="This part was not saved").wait_for()
    assert notice.get_by_text("Their own wording.").is_visible()
    assert "My addition." in page.get_by_role("textbox", name="Paragraph 1.1").inner_text(), "the typed text stays"
    assert page.get_by_role("status").inner_text().startswith("Not saved")
    assert texts(draft) == ["<p>Their own wording.</p>"]

    notice.get_by_role("button", name="Keep my text and save it").click()
    saved(page)
    assert texts(draft) == ["<p>Fewer people visit on Monday evenings. My addition.</p>"]
    assert notice.count() == 0


def test_the_keyboard_alone_writes_nests_moves_and_leaves(live_server, page, draft):
    base = live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    violations = run_axe(page)
    assert violations == [], describe(violations)

    # Tab from the top of the page to the first paragraph's text: no mouse.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Paragraph 1.1":
            break
    else:
        pytest.fail("Tab never reached paragraph 1.1")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.getAttribute('aria-label') === 'Paragraph 1.2'")
    page.keyboard.type("Staff prefer the new rota.")
    saved(page)
    page.keyboard.press("Tab")  # nest: 1.2 becomes 1.1.1
    page.wait_for_function("document.activeElement.getAttribute('aria-label') === 'Paragraph 1.1.1'")
    page.keyboard.press("Shift+Tab")  # and back
    page.wait_for_function("document.activeElement.getAttribute('aria-label') === 'Paragraph 1.2'")
    page.keyboard.press("Alt+ArrowUp")  # move it first
    page.wait_for_function("document.activeElement.getAttribute('aria-label') === 'Paragraph 1.1'")
    assert "Staff prefer" in page.evaluate("document.activeElement.innerText")
    top = list(
        Paragraph.objects.filter(section__report=draft, parent=None).order_by("position").values_list("text", flat=True)
    )
    assert top == ["<p>Staff prefer the new rota.</p>", "<p>Fewer people visit on Monday evenings.</p>"]

    # Escape leaves the text; Tab then moves on past it (no trap), and Shift+Tab comes back into it.
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('council-number')")
    page.keyboard.press("Tab")  # to its Comment control, then on to the next paragraph's number
    assert page.evaluate("document.activeElement.textContent") == "Comment on paragraph 1.1"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Edit paragraph 1.2"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Paragraph 1.1"
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_lists_italic_and_links_are_stored_as_the_sanitiser_keeps_them(live_server, strict_page, draft):
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    recommendation = Recommendation.objects.get(report=draft)
    page.get_by_role("textbox", name="Recommendation 1").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")  # in a recommendation, Enter is a new line of the same recommendation
    page.keyboard.type("Read ")
    page.keyboard.press("Control+i")
    page.keyboard.type("the plan")
    page.keyboard.press("Control+i")
    page.keyboard.press("Shift+Home")
    page.once("dialog", lambda dialog: dialog.accept("https://www.barnet.gov.uk/libraries"))
    page.keyboard.press("Control+k")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.get_by_role("toolbar").get_by_role("button", name="Bulleted list").click()
    page.keyboard.type("Monday")
    page.keyboard.press("Enter")
    page.keyboard.type("Tuesday")
    saved(page)
    recommendation.refresh_from_db()
    assert recommendation.text == (
        "<p>That the Committee note the review.</p>"
        '<p><a href="https://www.barnet.gov.uk/libraries" rel="noopener noreferrer">Read <em>the plan</em></a></p>'
        "<ul><li>Monday</li><li>Tuesday</li></ul>"
    ), recommendation.text
