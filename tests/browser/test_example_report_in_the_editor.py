"""Done when (issue 16), in a real browser: the opening of the council's example report is drafted in
the in-place editor from a blank template (typing, Enter, Tab, a heading made in place, a pasted list,
a table) and equals the demo copy for the sections typed."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from committee import access
from committee.demo import example_report as example
from reports import revisions
from reports.models import Paragraph, Report, Section
from tests.browser.test_example_report_in_the_browser import add_text, sign_in
from tests.browser.test_paste_from_word import PASTE
from tests.conftest import make_user
from tests.reports.test_example_report_flow import council as council  # noqa: F401 (the same council)
from tests.reports.test_example_report_flow import demo_copy

pytestmark = pytest.mark.browser


@pytest.fixture
def page(page):
    page.set_default_timeout(30_000)
    return page


def focused(page, label: str) -> None:
    page.wait_for_function(
        "(label) => document.activeElement && document.activeElement.getAttribute('aria-label') === label", arg=label
    )


def saved(page) -> None:
    page.get_by_role("status").filter(has_text="Saved").wait_for()


def write(page, text: str) -> None:
    """Long paragraphs arrive as typed text in one go (as a dictation tool or IME sends it)."""
    page.keyboard.insert_text(text)


@time_machine.travel(datetime.datetime(2017, 1, 16, 10, tzinfo=datetime.UTC), tick=True)
def test_the_example_report_is_drafted_in_the_editor_and_matches_the_demo(live_server, page, council):  # noqa: F811
    committee, meeting, template, officer = council
    base = live_server.url
    make_user("author", access.REPORT_AUTHORS, first_name="Priya", last_name="Shah")
    sign_in(page, base, "author")
    page.goto(f"{base}/reports/new/")
    page.get_by_label("Committee").select_option(str(committee.pk))
    page.get_by_label("Meeting").select_option(str(meeting.pk))
    page.get_by_label("Title").fill(example.TITLE)
    page.get_by_label("Report of").fill(example.REPORT_OF)
    page.get_by_role("button", name="Start the report").click()
    page.locator(".council-toolbar").wait_for()
    report = Report.objects.get(title=example.TITLE)

    # The summary, in place: Enter is a new paragraph of the summary.
    page.get_by_role("textbox", name="Summary").click()
    write(page, example.SUMMARY[0])
    page.keyboard.press("Enter")
    write(page, example.SUMMARY[1])
    saved(page)

    # Section 1: its first paragraph by the section's Add a paragraph, then Enter after each one;
    # the paragraph with the bullets is pasted (a list within the paragraph).
    why, reasons = [Section.objects.get(report=report, heading=heading) for heading, _ in example.SECTIONS[:2]]
    # (numbered as the report shows them: the sections' positions start at 0)
    for section, paragraphs in ((why, example.SECTIONS[0][1]), (reasons, example.SECTIONS[1][1])):
        link = page.locator(f"#add-section-{section.pk}").get_by_role("link")
        add_text(page, link, f"#section-{section.pk}-new-text", paragraphs[0])
        number = Paragraph.objects.get(section=section)
        label = f"Paragraph {section.position + 1}.1"
        page.get_by_role("textbox", name=label).wait_for()
        assert number.text == f"<p>{paragraphs[0]}</p>"
        for index, text in enumerate(paragraphs[1:], start=2):
            page.get_by_role("textbox", name=label).click()
            page.keyboard.press("Control+End")
            if "<ul>" in paragraphs[index - 2]:
                page.keyboard.press("Enter")  # a new bullet: Enter on it ends the list, as in Word
            page.keyboard.press("Enter")
            label = f"Paragraph {section.position + 1}.{index}"
            focused(page, label)
            if text.startswith("<p>"):
                page.evaluate(PASTE, [f'[aria-label="{label}"]', text, text])
            else:
                write(page, text)
            saved(page)

    # Section 5's first sub-section: a heading typed in place, Enter, and Tab to go under it.
    implications = Section.objects.get(report=report, heading=example.SECTIONS[4][0])
    heading, children = example.SECTIONS[4][1][0]
    first = Paragraph.objects.filter(section=implications, parent=None).order_by("position").first()
    assert first.heading == heading  # the template's own sub-sections are there already
    # A table in "Post decision implementation" (not in the demo copy): a header row by the toolbar.
    post = Section.objects.get(report=report, heading=example.SECTIONS[3][0])
    add_text(
        page, page.locator(f"#add-section-{post.pk}").get_by_role("link"), f"#section-{post.pk}-new-text", "Dates:"
    )
    page.get_by_role("textbox", name="Paragraph 4.1").click()
    page.keyboard.press("Control+End")
    page.get_by_role("toolbar").get_by_role("button", name="Table").click()
    for cell in ["Step", "Date", "By", "Comments fed back", "March 2017"]:
        page.keyboard.type(cell)
        page.keyboard.press("Tab")
    page.keyboard.type("Governance")
    saved(page)
    assert Paragraph.objects.get(section=post).text == (
        '<p>Dates:</p><table><thead><tr><th scope="col">Step</th><th scope="col">Date</th><th scope="col">By</th>'
        "</tr></thead><tbody><tr><td>Comments fed back</td><td>March 2017</td><td>Governance</td></tr></tbody></table>"
    )

    # A sub-paragraph under 5.1 by Enter and Tab.
    page.get_by_role("textbox", name="Paragraph 5.1").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    focused(page, "Paragraph 5.2")
    page.keyboard.press("Tab")
    focused(page, "Paragraph 5.1.1")
    write(page, children[0])
    saved(page)

    drafted = revisions.snapshot(report)
    demo = revisions.snapshot(demo_copy(committee, meeting, template, officer))
    assert drafted["summary"] == demo["summary"]
    for index in (0, 1):
        assert drafted["sections"][index] == demo["sections"][index], example.SECTIONS[index][0]
    assert drafted["sections"][4]["paragraphs"][0] == demo["sections"][4]["paragraphs"][0]


def tab_to(page, condition: str, limit: int = 300) -> None:
    """Press Tab until the focused element meets the condition (a function of it, run in the page)."""
    for _ in range(limit):
        if page.evaluate(f"({condition})(document.activeElement)"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {condition}")


@time_machine.travel(datetime.datetime(2017, 1, 16, 10, tzinfo=datetime.UTC), tick=True)
def test_the_summary_and_a_section_by_keyboard_alone(live_server, page, council):  # noqa: F811
    committee, meeting, template, officer = council
    base = live_server.url
    make_user("author", access.REPORT_AUTHORS)
    sign_in(page, base, "author")
    page.goto(f"{base}/reports/new/")
    page.get_by_label("Committee").select_option(str(committee.pk))
    page.get_by_label("Meeting").select_option(str(meeting.pk))
    page.get_by_label("Title").fill(example.TITLE)
    page.get_by_label("Report of").fill(example.REPORT_OF)
    page.get_by_role("button", name="Start the report").click()
    page.locator(".council-toolbar").wait_for()
    report = Report.objects.get(title=example.TITLE)
    reasons = Section.objects.get(report=report, heading=example.SECTIONS[1][0])
    number = reasons.position + 1

    tab_to(page, "(e) => e.getAttribute('aria-label') === 'Summary'")
    write(page, example.SUMMARY[0])
    page.keyboard.press("Enter")
    write(page, example.SUMMARY[1])
    saved(page)

    # The section's first paragraph by its Add a paragraph link and form, the second by Enter.
    page.keyboard.press("Escape")
    tab_to(page, f"(e) => e.tagName === 'A' && e.closest('#add-section-{reasons.pk}') !== null")
    page.keyboard.press("Enter")
    page.locator(f"#section-{reasons.pk}-new-text").wait_for()
    tab_to(page, f"(e) => e.id === 'section-{reasons.pk}-new-text'", limit=8)
    write(page, example.SECTIONS[1][1][0])
    tab_to(page, "(e) => e.tagName === 'BUTTON'", limit=5)
    page.keyboard.press("Enter")
    page.locator(f"#section-{reasons.pk}-new-text").wait_for(state="detached")
    tab_to(page, f"(e) => e.getAttribute('aria-label') === 'Paragraph {number}.1'")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    focused(page, f"Paragraph {number}.2")
    write(page, example.SECTIONS[1][1][1])
    saved(page)

    drafted = revisions.snapshot(report)
    demo = revisions.snapshot(demo_copy(committee, meeting, template, officer))
    assert drafted["summary"] == demo["summary"]
    assert drafted["sections"][1] == demo["sections"][1]
