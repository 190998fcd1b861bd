"""With JavaScript, the report editor changes things in place: no page load, numbers from the
server, focus left on what changed, and nothing typed is ever lost. Without it, the same forms work
as plain pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from committee import access
from reports.models import Paragraph, Recommendation, Report, Section
from tests.browser.conftest import describe, run_axe
from tests.conftest import make_meeting, make_report, make_user

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture
def draft(committee):
    author = make_user("author", access.REPORT_AUTHORS)
    report = make_report(committee, meeting=make_meeting(committee), author=author, title="Library opening hours")
    Recommendation.objects.create(report=report, position=0, text="<p>That the Committee note the review.</p>")
    Recommendation.objects.create(report=report, position=1, text="<p>That the Committee agree the new hours.</p>")
    section = Section.objects.create(report=report, heading="Reasons for recommendations")
    Paragraph.objects.create(section=section, position=0, text="<p>Fewer people visit on Monday evenings.</p>")
    Paragraph.objects.create(section=section, position=1, text="<p>Saturday mornings are busiest.</p>")
    return report


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("author")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def open_editor(page, base: str, report: Report) -> None:
    page.goto(f"{base}/reports/{report.pk}/edit/")
    # Marks this page load: a full page load would forget it.
    page.evaluate("window.sameEditorPage = true")


def still_same_page(page) -> bool:
    return page.evaluate("window.sameEditorPage === true")


def recommendation_texts(page) -> list[str]:
    texts = page.locator(".council-edit-item[id^=recommendation-] .council-edit-text").all_inner_texts()
    return [" ".join(text.split()) for text in texts]


def test_adding_moving_and_nesting_happen_in_place(live_server, page, draft):
    base = live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)

    page.get_by_role("link", name="Add a recommendation").click()
    new_text = page.get_by_label("New recommendation")
    new_text.wait_for()
    assert page.evaluate("document.activeElement.id") == "recommendation-new-text", "the new field has focus"
    new_text.fill("That the Committee delegate the detail.")
    page.get_by_role("button", name="Add the recommendation").click()
    page.get_by_text("That the Committee delegate the detail.").wait_for()
    assert recommendation_texts(page)[2] == "3. That the Committee delegate the detail."

    # Move the new third recommendation up: renumbered by the server, focus stays with it.
    page.get_by_role("button", name="Move up recommendation 3").click()
    page.wait_for_function(
        "() => document.querySelectorAll('[id^=recommendation-] .council-edit-text')[1]"
        "?.textContent.includes('delegate')"
    )
    assert recommendation_texts(page) == [
        "1. That the Committee note the review.",
        "2. That the Committee delegate the detail.",
        "3. That the Committee agree the new hours.",
    ]
    moved = Recommendation.objects.get(report=draft, text__contains="delegate")
    assert page.evaluate("document.activeElement.id") == f"recommendation-{moved.pk}"

    # Nest the second paragraph under the first: 1.2 becomes 1.1.1.
    second = Paragraph.objects.get(section__report=draft, text__contains="Saturday")
    # (In the editor each paragraph's text is edited in place: its toolbar's Nest acts on it.)
    page.get_by_role("textbox", name="Paragraph 1.2").click()
    page.get_by_role("toolbar").get_by_role("button", name="Nest", exact=True).click()
    page.locator(f".council-edit-section > .council-edit-item > #paragraph-{second.pk}").wait_for()  # nested
    assert "1.1.1" in page.locator(f"#paragraph-{second.pk} .council-number").first.inner_text()

    assert still_same_page(page), "every change happened without loading the page again"
    violations = run_axe(page)
    assert violations == [], describe(violations)
    draft.refresh_from_db()
    assert draft.version >= 4, "each change was saved as its own version"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "editor-in-place.png"), full_page=True)


def test_a_refused_change_is_shown_in_place_and_keeps_the_typed_text(live_server, browser, page, draft):
    base = live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    page.get_by_role("link", name="Edit the summary").click()
    page.get_by_label("Summary").fill("My careful summary of the opening hours.")

    # Someone else saves the summary meanwhile, in another browser.
    other = browser.new_context(locale="en-GB", bypass_csp=True).new_page()
    sign_in(other, base)
    other.goto(f"{base}/reports/{draft.pk}/edit/?edit=summary#summary")
    other.get_by_label("Summary").fill("Their summary, saved first.")
    other.get_by_role("button", name="Save the summary").click()
    other.get_by_text("Their summary, saved first.").wait_for()
    other.context.close()

    page.get_by_role("button", name="Save the summary").click()
    page.get_by_role("heading", name="Your change was not saved").wait_for()
    assert still_same_page(page)
    assert page.get_by_label("Summary").input_value() == "My careful summary of the opening hours."
    assert page.evaluate("document.activeElement.id") == "conflict", "focus moves to the explanation"
    assert page.locator("#conflict").get_by_text("Their summary, saved first.").count() >= 1
    violations = run_axe(page)
    assert violations == [], describe(violations)
    draft.refresh_from_db()
    assert "Their summary" in draft.summary


def test_leaving_an_unsaved_change_asks_first(live_server, page, draft):
    base = live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    page.get_by_role("link", name="Edit the summary").click()
    page.get_by_label("Summary").fill("Half-written")

    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Edit recommendation 1").click()
    page.wait_for_timeout(300)
    assert dialogs == ["confirm"]
    assert page.get_by_label("Summary").input_value() == "Half-written", "refusing keeps the text"

    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.get_by_role("link", name="Edit recommendation 1").click()
    page.get_by_label("Recommendation 1").wait_for()
    assert page.locator("textarea[name=summary]").count() == 0
    assert still_same_page(page)


def test_without_javascript_the_same_forms_work_as_pages(live_server, browser, draft):
    base = live_server.url
    page = browser.new_context(locale="en-GB", java_script_enabled=False).new_page()
    sign_in(page, base)
    page.goto(f"{base}/reports/{draft.pk}/edit/")
    page.get_by_role("link", name="Add a recommendation").click()
    assert re.search(r"\?add=recommendation-new", page.url)
    page.get_by_label("New recommendation").fill("That the Committee thank the volunteers.")
    page.get_by_role("button", name="Add the recommendation").click()
    page.get_by_text("That the Committee thank the volunteers.").wait_for()
    assert "#recommendation-" in page.url
    page.context.close()


def test_a_refused_form_in_place_leads_with_what_is_wrong(live_server, page, draft):
    base = live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("New recommendation").fill("   ")
    page.get_by_role("button", name="Add the recommendation").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert still_same_page(page)
    assert page.evaluate("document.activeElement.id") == "form-errors", "the summary takes the focus"
    assert page.title().startswith("Error: ")
    page.locator("#form-errors").get_by_role("link").first.click()
    assert page.evaluate("location.hash") == "#recommendations"
    page.get_by_label("New recommendation").fill("That the Committee notes the report.")
    page.get_by_role("button", name="Add the recommendation").click()
    page.get_by_text("That the Committee notes the report.").wait_for()
    assert page.locator("#form-errors").count() == 0
    violations = run_axe(page)
    assert violations == [], describe(violations)
