"""Keyboard only: an author writes and submits a report, and a member of the public finds, reads,
downloads, subscribes and searches, with Tab, Shift+Tab, Enter, Space and typing alone — no mouse.

Every element the Tab key lands on must show where the focus is (the council's yellow focus
indicator, or an outline); the skip link is the first stop and moves focus to the main content.
axe-core runs on the pages passed through; each journey leaves a screenshot of its last page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reports.models import Report
from tests.browser import builders
from tests.browser.builders import PHRASE, pdf_text
from tests.browser.test_journeys import TINY_PDF, accessible, shot
from tests.conftest import LONDON

# What the focused element looks like, and what a person would call it.
FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {name: "", tag: "body", indicated: false};
  const yellow = "rgb(255, 221, 0)";  // GOV.UK's focus colour, which the council's styles use
  const shows = (style) => style && (
    (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && !/rgba\\(.*, 0\\)$/.test(style.outlineColor)
      && style.outlineColor !== "transparent")
    || style.backgroundColor === yellow || style.boxShadow.includes(yellow));
  let indicated = shows(getComputedStyle(e));
  // Radios and checkboxes are drawn by their label: the ring is on the label's ::before.
  if (!indicated && e.labels && e.labels.length && (e.type === "radio" || e.type === "checkbox")) {
    indicated = shows(getComputedStyle(e.labels[0], "::before"));
  }
  const label = ["submit", "button", "reset"].includes(e.type) && e.tagName === "INPUT" ? e.value
    : e.labels && e.labels.length ? e.labels[0].textContent : "";
  const name = (label || e.getAttribute("aria-label") || e.textContent || "").replace(/\\s+/g, " ").trim();
  return {name, tag: e.tagName.toLowerCase(), id: e.id, indicated};
}"""


class Keyboard:
    """A person at the keyboard: moves with Tab, acts with Enter or Space, types."""

    def __init__(self, page):
        self.page = page
        self.unindicated: list[str] = []

    def tab_to(self, name: str | re.Pattern, *, backwards: bool = False, limit: int = 120) -> dict:
        seen = []
        for _ in range(limit):
            # In the report's text Tab nests a paragraph; Escape leaves the text, as the editor says.
            if self.page.evaluate("() => !!(document.activeElement && document.activeElement.isContentEditable)"):
                self.page.keyboard.press("Escape")
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
            focused = self.page.evaluate(FOCUS)
            seen.append(focused["name"][:40])
            if focused["tag"] != "body" and not focused["indicated"]:
                self.unindicated.append(f"{self.page.url}: <{focused['tag']}> {focused['name'][:60]}")
            matched = name.search(focused["name"]) if isinstance(name, re.Pattern) else focused["name"] == name
            if matched:
                return focused
        raise AssertionError(f"Tab never reached {name!r} on {self.page.url}; passed {seen}")

    def follow(self, name, **how) -> None:
        """Tab to a link or button and press Enter; wait for the page it leads to."""
        self.tab_to(name, **how)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def fill(self, label, text: str, **how) -> None:
        self.tab_to(label, **how)
        self.page.keyboard.type(text)

    def download(self, name, **how) -> bytes:
        """Alt+Enter on a link saves its target, as Alt-click does."""
        self.tab_to(name, **how)
        with self.page.expect_download() as download:
            self.page.keyboard.press("Alt+Enter")
        return Path(download.value.path()).read_bytes()


@pytest.fixture
def council(db):
    return builders.people()


@pytest.fixture
def published_meeting(council):
    return builders.published_meeting(council)


@pytest.fixture
def keyboard(page):
    page.set_default_timeout(90_000)
    person = Keyboard(page)
    yield person
    assert person.unindicated == [], "focus not visible on:\n" + "\n".join(person.unindicated)


def check_skip_link(page) -> None:
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS)
    assert first["name"] == "Skip to main content" and first["indicated"], first
    assert page.locator(".govuk-skip-link").bounding_box()["height"] > 0  # shown once focused
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main-content'")
    assert page.url.endswith("#main-content")


# 7a. Journey 1 with the keyboard alone ------------------------------------------------------------


def test_an_author_writes_and_submits_a_report_with_the_keyboard_alone(live_server, page, keyboard, council, tmp_path):
    base = live_server.url
    # Playwright asks Chromium to intercept file choosers only once someone listens, and does not
    # wait for it: listening from the start keeps the Space on the file field below from racing it
    # (seen failing one run in three under load, the chooser opening uncaught).
    page.on("filechooser", lambda chooser: None)
    page.goto(f"{base}/")
    check_skip_link(page)
    keyboard.follow("Sign in", backwards=True)
    # Nothing is focused for the reader (no autofocus, as GOV.UK advises): the skip link comes first.
    check_skip_link(page)
    keyboard.fill("Username", council["author"].username)
    keyboard.fill("Password", "pw")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in a field sends its form

    keyboard.follow("My reports")
    keyboard.follow("Start a new report")
    accessible(page)
    keyboard.tab_to("Committee")
    page.keyboard.type(council["committee"].name[:12])  # a closed list picks the option typed
    assert page.get_by_label("Committee").input_value() == str(council["committee"].pk)
    keyboard.fill("Title", "Library opening hours")
    keyboard.fill("Report of", "Commissioning Director, Libraries")
    keyboard.follow("Start the report")
    page.get_by_text("Your draft is ready").wait_for()
    accessible(page)

    keyboard.follow("Edit the Summary")
    keyboard.fill("Summary", "Opening hours change from April to save money.")
    keyboard.follow("Save the Summary")
    page.get_by_text("Opening hours change from April").wait_for()

    keyboard.follow("Add a recommendation")
    keyboard.fill("New recommendation", "That the Committee agree the new hours.")
    keyboard.follow("Add the recommendation")
    page.get_by_text("That the Committee agree the new hours.").wait_for()

    keyboard.follow(re.compile("^Add a paragraph to section 1$"))
    keyboard.fill("Text", "The libraries open at these times:\n- Monday to Friday\n- Saturday mornings")
    keyboard.follow("Add the paragraph")
    page.get_by_text("Saturday mornings").wait_for()

    keyboard.follow("Add a background paper")
    keyboard.fill("Title of the paper", "Library strategy 2016")
    keyboard.fill("Link to the paper", "https://example.org/library-strategy")
    keyboard.follow("Add the paper")
    page.get_by_text("Library strategy 2016").first.wait_for()

    appendix = tmp_path / "opening-hours.pdf"
    appendix.write_bytes(TINY_PDF)
    keyboard.follow("Add an appendix")
    keyboard.fill("Title of the appendix", "Current opening hours")
    keyboard.tab_to("File")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(appendix))
    keyboard.follow("Upload the appendix")
    page.get_by_role("link", name="Current opening hours").wait_for()
    accessible(page)

    keyboard.follow("Preview as it will be published", backwards=True)
    assert page.get_by_text("That the Committee agree the new hours.").count() >= 1
    assert page.get_by_text("Saturday mornings").count() >= 1
    accessible(page)
    pages, text = pdf_text(keyboard.download("Preview the PDF"))
    assert pages >= 1 and "Saturday mornings" in text

    keyboard.follow("Back to editing")
    keyboard.follow("Clearance and history")
    keyboard.follow("Submit for clearance")
    accessible(page)
    keyboard.follow("Submit for clearance")
    page.get_by_text(re.compile("submitted for clearance")).first.wait_for()
    report = Report.objects.get(title="Library opening hours")
    assert report.status == Report.Status.SUBMITTED
    shot(page, "7-keyboard-author-submits")


# 7b. Journey 4 with the keyboard alone ------------------------------------------------------------


def test_a_member_of_the_public_finds_reads_downloads_and_searches_with_the_keyboard_alone(
    live_server, page, keyboard, published_meeting
):
    base = live_server.url
    meeting = published_meeting
    committee = meeting.committee
    day = meeting.starts_at.astimezone(LONDON)

    page.goto(f"{base}/")
    check_skip_link(page)
    keyboard.follow("Committees", backwards=True)
    keyboard.follow(committee.name)
    keyboard.follow(re.compile(day.strftime("^%A %-d %B %Y")))
    page.get_by_role("heading", name=day.strftime("%A %-d %B %Y")).wait_for()
    accessible(page)

    pages, text = pdf_text(keyboard.download("Agenda pack"))
    assert PHRASE in text
    keyboard.follow(re.compile("Library opening hours"))
    page.get_by_role("heading", name="Library opening hours", level=1).wait_for()
    accessible(page)
    pages, text = pdf_text(keyboard.download("Download as PDF"))
    assert PHRASE in text

    keyboard.follow(f"Meeting of {day:%-d %B %Y}", backwards=True)  # the breadcrumbs lead back
    keyboard.tab_to(re.compile("^Subscribe to .* meetings \\(iCalendar\\)$"))
    with page.expect_download() as feed:
        page.keyboard.press("Enter")
    assert b"BEGIN:VCALENDAR" in Path(feed.value.path()).read_bytes()

    keyboard.follow("Search", backwards=True)
    keyboard.fill("Search for", "Church End library footfall")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    accessible(page)
    keyboard.follow("Library opening hours")
    page.get_by_role("heading", name="Library opening hours", level=1).wait_for()
    assert page.get_by_text(PHRASE).is_visible()
    shot(page, "7-keyboard-public-finds-the-report")
