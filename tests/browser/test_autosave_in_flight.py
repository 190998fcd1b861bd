"""Autosave while a save is on its way (issue 16): words typed while a block's save is in flight are
saved after it, and "Saved" shows only once they are; after an accepted suggestion, typing key by key
keeps the cursor in the text and every word; a block typed into while Enter's split is on its way
keeps its words (no conflict with the editor's own change); words typed into the very paragraph Enter
is splitting, or the recommendation a suggestion is replacing, are put where they were typed and
saved; Retry sends a failed Enter again, once, with what was typed since; a plain form opened at once
after typing shows the typed words; a server error keeps the text, says so, and tries again. The server's
answers are held with page.route, so each race happens every time."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reports.models import Paragraph, Recommendation
from tests.browser.test_rich_text_editor import draft, open_editor, sign_in, strict_page, texts  # noqa: F401
from tests.browser.test_starting_comments_in_the_editor import suggested  # noqa: F401

pytestmark = pytest.mark.browser

SAVES = re.compile(r"/edit/blocks/$")


def status(page):
    return page.locator(".council-save-status__text")


def wait_until(page, condition, what: str) -> None:
    for _ in range(100):
        if condition():
            return
        page.wait_for_timeout(50)
    pytest.fail(f"never happened: {what}")


class Held:
    """Requests matching a pattern whose answers are kept back until `release`: the server has done
    the work, the page has not heard (`hold_request` keeps the request back instead)."""

    def __init__(self, page, pattern, method: str = "POST", first: int = 1, hold_request: bool = False):
        self.routes: list = []
        self.seen = 0
        self.in_flight = 0
        self.most_in_flight = 0
        self.first, self.method, self.hold_request = first, method, hold_request
        page.route(pattern, self.handle)

    def handle(self, route):
        if route.request.method != self.method:
            route.continue_()
            return
        self.seen += 1
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        if self.seen <= self.first:
            self.routes.append((route, None if self.hold_request else route.fetch()))
            return
        response = route.fetch()
        self.in_flight -= 1
        route.fulfill(response=response)

    def hold_next(self):
        self.first = self.seen + 1

    def release(self):
        for route, response in self.routes:
            self.in_flight -= 1
            if response is None:
                route.continue_()
            else:
                route.fulfill(response=response)
        self.routes = []


def test_words_typed_while_a_save_is_in_flight_are_saved_before_it_says_saved(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    held = Held(page, SAVES)
    paragraph = Paragraph.objects.get(section__report=draft)

    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.type(" Since May.")
    wait_until(page, lambda: held.routes, "the first save was sent")
    # Typed key by key while the first save's answer is on its way, then past the pause: the second
    # save waits for the first, and goes after it with the version it returned.
    page.keyboard.type(" Mostly")
    page.wait_for_timeout(1000)
    assert held.seen == 1, "a second save of the block was sent while the first was in flight"
    held.release()
    expect(status(page)).to_have_text("Saved")
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>Fewer people visit on Monday evenings. Since May. Mostly</p>"

    # The answer comes while the last words are still in their pause: it is not "Saved" until they are.
    held.hold_next()
    page.keyboard.type(" students.")
    wait_until(page, lambda: held.routes, "the third save was sent")
    page.keyboard.type(" Too.")
    held.release()
    expect(status(page)).to_have_text("Saved")
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>Fewer people visit on Monday evenings. Since May. Mostly students. Too.</p>"
    assert held.most_in_flight == 1

    page.reload()
    expect(page.get_by_role("textbox", name="Paragraph 1.1")).to_have_text(
        "Fewer people visit on Monday evenings. Since May. Mostly students. Too."
    )


def test_typing_key_by_key_after_an_accepted_suggestion_keeps_every_word(live_server, strict_page, suggested):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, suggested)
    recommendation = Recommendation.objects.get(report=suggested)
    page.get_by_role("button", name="2 open comments on recommendation 1").click()
    panel = page.get_by_role("region", name="Comments on recommendation 1")
    panel.get_by_text("That the Committee defer the review.").wait_for()

    # The thread is read again after the accepted suggestion: held until the author is typing.
    threads = Held(page, re.compile(r"/comments/$"), method="GET", hold_request=True)
    panel.get_by_role("button", name="Accept the suggestion").first.click()
    box = page.get_by_role("textbox", name="Recommendation 1")
    expect(box).to_have_text("That the Committee agree the new hours.")
    box.click()
    page.keyboard.press("End")
    page.keyboard.type(" From")
    wait_until(page, lambda: threads.routes, "the thread was read again")
    threads.release()
    page.get_by_role("region", name="Comments on recommendation 1").get_by_text(
        "The suggested text is in the report now."
    ).wait_for()
    page.keyboard.type(" June.")  # the cursor is still in the text

    expect(box).to_have_text("That the Committee agree the new hours. From June.")
    expect(status(page)).to_have_text("Saved")
    recommendation.refresh_from_db()
    assert recommendation.text == "<p>That the Committee agree the new hours. From June.</p>"


def test_a_block_typed_into_while_enter_is_on_its_way_keeps_its_words(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    recommendation = Recommendation.objects.get(report=draft)
    split = Held(page, re.compile(r"/split/$"))

    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    wait_until(page, lambda: split.routes, "Enter was sent")
    # Meanwhile the author adds to the recommendation; its save waits for the new paragraph.
    page.get_by_role("textbox", name="Recommendation 1").click()
    page.keyboard.press("End")
    page.keyboard.type(" By June.")
    page.wait_for_timeout(1000)
    split.release()

    page.get_by_role("textbox", name="Paragraph 1.2").wait_for()
    expect(page.get_by_role("textbox", name="Recommendation 1")).to_have_text(
        "That the Committee note the review. By June."
    )
    expect(status(page)).to_have_text("Saved")
    assert page.locator(".council-block-notice").count() == 0, "no conflict with the editor's own change"
    recommendation.refresh_from_db()
    assert recommendation.text == "<p>That the Committee note the review. By June.</p>"


def test_a_server_error_keeps_the_text_says_so_and_tries_again(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    paragraph = Paragraph.objects.get(section__report=draft)
    answers = {"errors": 2}  # the first try and the retry two seconds later

    def fail_once(route):
        if route.request.method == "POST" and answers["errors"]:
            answers["errors"] -= 1
            route.fulfill(status=500, content_type="text/html", body="<h1>Server Error (500)</h1>")
        else:
            route.continue_()

    page.route(SAVES, fail_once)
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.type(" Since May.")
    expect(status(page)).to_contain_text("Not saved: retry. Your text is kept here")
    assert page.get_by_role("button", name="Retry").is_visible()
    # Typing on while the retry waits (two seconds): the status still says it is not saved.
    page.keyboard.type(" Mostly")
    assert status(page).inner_text().startswith("Not saved: retry")
    expect(page.get_by_role("textbox", name="Paragraph 1.1")).to_have_text(
        "Fewer people visit on Monday evenings. Since May. Mostly"
    )
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>Fewer people visit on Monday evenings.</p>"

    # Tried again by itself a few seconds later, with everything typed.
    expect(status(page)).to_have_text("Saved", timeout=12_000)
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>Fewer people visit on Monday evenings. Since May. Mostly</p>"
    assert not page.get_by_role("button", name="Retry").is_visible()


def test_a_plain_form_opened_at_once_after_typing_shows_the_typed_words(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    recommendation = Recommendation.objects.get(report=draft)
    save = Held(page, SAVES, hold_request=True)

    page.get_by_role("textbox", name="Recommendation 1").click()
    page.keyboard.press("End")
    page.keyboard.type(" By June.")
    # Before the pause after typing: the page about to be read must wait for the save, or its form
    # shows the text without the words (and sending it would put them out again, or conflict).
    page.get_by_role("link", name="Edit recommendation 1").click()
    wait_until(page, lambda: save.routes, "the words were sent")
    page.wait_for_timeout(500)
    save.release()

    form = page.locator("textarea[name=text]")
    form.wait_for()
    assert form.input_value().endswith("the review. By June.")
    recommendation.refresh_from_db()
    assert recommendation.text == "<p>That the Committee note the review. By June.</p>"
    page.get_by_role("button", name="Save recommendation 1").click()
    form.wait_for(state="detached")
    page.locator(".ProseMirror[aria-label='Recommendation 1']").wait_for()  # the editor is back
    assert page.locator("#conflict").count() == 0, "no conflict with the author's own typing"
    recommendation.refresh_from_db()
    assert recommendation.text == "<p>That the Committee note the review. By June.</p>"


def test_words_typed_into_the_paragraph_enter_is_splitting_go_into_the_new_paragraph(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    split = Held(page, re.compile(r"/split/$"))

    first = page.get_by_role("textbox", name="Paragraph 1.1")
    first.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    wait_until(page, lambda: split.routes, "Enter was sent")
    # Typed on at once, into the very paragraph being split: the words belong after the Enter.
    page.keyboard.type("Most come on Saturdays.")
    page.wait_for_timeout(1000)
    split.release()

    second = page.get_by_role("textbox", name="Paragraph 1.2")
    expect(second).to_have_text("Most come on Saturdays.")
    expect(first).to_have_text("Fewer people visit on Monday evenings.")
    page.keyboard.type(" And Sundays.")  # the cursor is after them
    expect(second).to_have_text("Most come on Saturdays. And Sundays.")
    expect(status(page)).to_have_text("Saved")
    assert page.locator(".council-block-notice").count() == 0
    assert texts(draft) == [
        "<p>Fewer people visit on Monday evenings.</p>",
        "<p>Most come on Saturdays. And Sundays.</p>",
    ]


def test_words_typed_into_a_recommendation_while_its_suggestion_is_accepted_stay_after_it(
    live_server,
    strict_page,  # noqa: F811
    suggested,  # noqa: F811
):
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, suggested)
    recommendation = Recommendation.objects.get(report=suggested)
    page.get_by_role("button", name="2 open comments on recommendation 1").click()
    panel = page.get_by_role("region", name="Comments on recommendation 1")
    panel.get_by_text("That the Committee defer the review.").wait_for()

    accepting = Held(page, re.compile(r"/accept/$"))
    panel.get_by_role("button", name="Accept the suggestion").first.click()
    wait_until(page, lambda: accepting.routes, "the acceptance was sent")
    box = page.get_by_role("textbox", name="Recommendation 1")
    box.click()
    page.keyboard.press("End")
    page.keyboard.type(" By June.")
    page.wait_for_timeout(1000)
    accepting.release()

    expect(box).to_have_text("That the Committee agree the new hours. By June.")
    expect(status(page)).to_have_text("Saved")
    recommendation.refresh_from_db()
    assert recommendation.text == "<p>That the Committee agree the new hours. By June.</p>"


def test_retry_sends_a_failed_enter_again_with_what_was_typed_meanwhile(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    server = {"down": True, "tries": 0}

    def split(route):
        server["tries"] += 1
        if server["down"]:
            route.fulfill(status=503, content_type="text/html", body="<h1>Service Unavailable</h1>")
        else:
            route.continue_()

    page.route(re.compile(r"/split/$"), split)
    first = page.get_by_role("textbox", name="Paragraph 1.1")
    first.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    expect(status(page)).to_contain_text("Not saved: retry")
    page.keyboard.type("Most come on Saturdays.")
    page.wait_for_timeout(1000)
    assert texts(draft) == ["<p>Fewer people visit on Monday evenings.</p>"], "nothing was saved over the Enter"

    server["down"] = False
    page.get_by_role("button", name="Retry").click()
    second = page.get_by_role("textbox", name="Paragraph 1.2")
    expect(second).to_have_text("Most come on Saturdays.")
    expect(first).to_have_text("Fewer people visit on Monday evenings.")
    expect(status(page)).to_have_text("Saved")
    assert texts(draft) == ["<p>Fewer people visit on Monday evenings.</p>", "<p>Most come on Saturdays.</p>"]
    assert page.locator(".council-block-notice").count() == 0


def test_retry_after_an_enter_whose_answer_was_lost_does_not_split_twice(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    answers = {"lost": 1}

    def split(route):
        if answers["lost"]:
            # The server splits the paragraph; its answer never reaches the page (a gateway timed out).
            answers["lost"] -= 1
            route.fetch()
            route.fulfill(status=504, content_type="text/html", body="<h1>Gateway Timeout</h1>")
        else:
            route.continue_()

    page.route(re.compile(r"/split/$"), split)
    first = page.get_by_role("textbox", name="Paragraph 1.1")
    first.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    expect(status(page)).to_contain_text("Not saved: retry")
    page.keyboard.type("Most come on Saturdays.")
    page.get_by_role("button", name="Retry").click()

    expect(page.get_by_role("textbox", name="Paragraph 1.2")).to_have_text("Most come on Saturdays.")
    expect(status(page)).to_have_text("Saved")
    assert page.locator(".council-block-notice").count() == 0
    assert page.get_by_role("textbox", name="Paragraph 1.3").count() == 0
    assert texts(draft) == ["<p>Fewer people visit on Monday evenings.</p>", "<p>Most come on Saturdays.</p>"]
