"""Done when (issue 16), in a real browser: the council's example report is drafted in the in-place
editor from a blank template (its title block, summary, recommendations and sections 1 to 3 with their
numbered paragraphs and bullets; typing, Enter, Tab, a heading made in place, a pasted list, a table
with a header row), equals the demo copy for the parts typed, and once cleared and published its page
and its PDF say what the council's own report says (shared/examples/report-hmic-child-protection-2017.txt)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import time_machine

from committee import access
from committee.demo import example_report as example
from reports import revisions
from reports.models import Paragraph, Report, Section
from tests.browser.builders import pdf_text, run_the_worker
from tests.browser.conftest import describe, run_axe
from tests.browser.test_example_report_in_the_browser import add_text, sign_in, sign_off, submit
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


# The council's report as published, copied from the examples the project was given.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SOURCE = Path(__file__).parent / "examples" / "report-hmic-child-protection-2017.txt"


def squeezed(text: str) -> str:
    """Text without its white space and case, as a page's layout or a PDF's line breaks leave it."""
    return re.sub(r"\s+", "", text).lower()


def source_opening() -> tuple[list[tuple[str, str]], list[str]]:
    """The council's own report, up to section 4: its title-block rows (label, value) and every other
    line (headings, paragraphs, recommendations, bullets) without its number or list mark."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    opening = lines.index("Summary")
    rows = [tuple(line.split("\t", 1)) for line in lines[:opening] if "\t" in line]
    texts = []
    for line in lines[opening : lines.index("4. POST DECISION IMPLEMENTATION")]:
        text = re.sub(r"^\s*-\s*", "", line).removesuffix("**").strip()
        text = re.sub(r"^\d+(\.\d+)*\.?\s+", "", text)
        if text:
            texts.append(text)
    return rows, texts


def says_what_the_source_says(shown: str, what: str) -> None:
    rows, texts = source_opening()
    shown = squeezed(shown)
    for label, value in rows:
        if not label:  # the committee and the date of its meeting
            assert squeezed(example.COMMITTEE) in shown and squeezed("21 February 2017") in shown, what
        elif label == "Officer Contact Details":
            # The contact's name, job title, e-mail address and telephone number, however laid out.
            for part in (example.CONTACT["name"], example.CONTACT["job_title"], example.CONTACT["phone"]):
                assert squeezed(part) in shown, (what, label, part)
        else:
            assert squeezed(label) in shown and squeezed(value) in shown, (what, label, value)
    for text in texts:
        assert squeezed(text) in shown, (what, text)


@time_machine.travel(datetime.datetime(2017, 1, 16, 10, tzinfo=datetime.UTC), tick=True)
def test_the_example_report_is_drafted_in_the_editor_and_matches_the_demo(live_server, page, council):  # noqa: F811
    committee, meeting, template, officer = council
    base = live_server.url
    make_user("author", access.REPORT_AUTHORS, first_name="Priya", last_name="Shah")
    make_user("legal", access.LEGAL_APPROVERS, first_name="Grace", last_name="Obi")
    make_user("finance", access.FINANCE_APPROVERS, first_name="Daniel", last_name="Cole")
    make_user("director", access.DIRECTOR_APPROVERS, first_name="Chris", last_name="Munday")
    make_user("governance", access.GOVERNANCE_OFFICERS, first_name="Edward", last_name="Gilbert")
    sign_in(page, base, "author")
    page.goto(f"{base}/reports/new/")
    page.get_by_label("Committee").select_option(str(committee.pk))
    page.get_by_label("Meeting").select_option(str(meeting.pk))
    page.get_by_label("Title").fill(example.TITLE)
    page.get_by_label("Report of").fill(example.REPORT_OF)
    page.get_by_role("button", name="Start the report").click()
    page.locator(".council-toolbar").wait_for()
    report = Report.objects.get(title=example.TITLE)

    # The title block, by the editor's "Change the details": all wards, and the contact officer.
    page.get_by_role("link", name="Change the details").click()
    page.get_by_label("The report affects all wards").check()
    page.get_by_label(re.compile(example.CONTACT["name"])).check()
    page.get_by_role("button", name=re.compile("Save")).click()
    page.locator(".council-toolbar").wait_for()

    # The summary, in place: Enter is a new paragraph of the summary.
    page.get_by_role("textbox", name="Summary").click()
    write(page, example.SUMMARY[0])
    page.keyboard.press("Enter")
    write(page, example.SUMMARY[1])
    saved(page)

    # The recommendations: each added by "Add a recommendation", the first corrected in place.
    first, *others = example.RECOMMENDATIONS
    add_text(
        page,
        page.get_by_role("link", name="Add a recommendation"),
        "#recommendation-new-text",
        first.replace("notes", "note"),
    )
    for text in others:
        add_text(page, page.get_by_role("link", name="Add a recommendation"), "#recommendation-new-text", text)
    page.get_by_role("textbox", name="Recommendation 1").click()
    page.keyboard.press("End")
    page.keyboard.press("Control+ArrowLeft")
    page.keyboard.press("Control+ArrowLeft")  # before "report."
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # after "note"
    page.keyboard.type("s")
    saved(page)

    # Sections 1 to 3: its first paragraph by the section's Add a paragraph, then Enter after each one;
    # the paragraph with the bullets is pasted (a list within the paragraph).
    typed = [(Section.objects.get(report=report, heading=heading), texts) for heading, texts in example.SECTIONS[:3]]
    # (numbered as the report shows them: the sections' positions start at 0)
    for section, paragraphs in typed:
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

    violations = run_axe(page)
    assert violations == [], describe(violations)

    drafted = revisions.snapshot(report)
    demo = revisions.snapshot(demo_copy(committee, meeting, template, officer))
    for part in ("title", "title_rows", "summary", "recommendations"):
        assert drafted[part] == demo[part], part
    for index in (0, 1, 2):
        assert drafted["sections"][index] == demo["sections"][index], example.SECTIONS[index][0]
    assert drafted["sections"][4]["paragraphs"][0] == demo["sections"][4]["paragraphs"][0]

    # Cleared, approved and published; the worker renders its PDF.
    submit(page, base, report)
    for role in ("legal", "finance", "director"):
        sign_off(page, base, report, role, "Approve")
    sign_in(page, base, "governance")
    page.goto(f"{base}/reports/{report.pk}/manage/")
    page.get_by_role("button", name="Approve for publication").click()
    page.get_by_role("button", name="Publish now").click()
    page.get_by_text("The report is published.").first.wait_for()
    run_the_worker()

    # The published page and the PDF, read by the public, say what the council's report says.
    page.context.clear_cookies()
    page.goto(f"{base}/reports/{report.pk}/")
    shown = page.locator("main").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "example-report-drafted-in-the-editor.png"), full_page=True)
    says_what_the_source_says(shown, "the published page")
    table = page.locator("main table").filter(has_text="Comments fed back")
    assert table.locator("thead th[scope=col]").all_inner_texts() == ["Step", "Date", "By"]
    response = page.request.get(f"{base}/reports/{report.pk}/pdf/")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    (SCREENSHOTS / "example-report-drafted-in-the-editor.pdf").write_bytes(response.body())
    _pages, text = pdf_text(response.body())
    says_what_the_source_says(text, "the PDF")
    assert squeezed("Step Date By Comments fed back March 2017 Governance") in squeezed(text)


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
