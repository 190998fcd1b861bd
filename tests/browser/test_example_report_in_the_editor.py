"""Done when (issue 16), in a real browser: the council's example report is drafted in the in-place
editor from a blank template, the whole of it (its title block, summary, recommendations, every section
with its numbered paragraphs and bullets, the implications' sub-sections, the background papers; typing,
Enter, Tab, paragraphs pasted from a Word clipboard, a table with a header row), and equals the demo copy
section by section; the same by keyboard alone (no click: Tab, Enter and the editor's shortcuts reach and
use every control); and once cleared and published its page and its PDF say what the council's own
report says (shared/examples/report-hmic-child-protection-2017.txt)."""

from __future__ import annotations

import datetime
import html
import io
import re
from pathlib import Path

import pypdf
import pytest
import time_machine

from committee import access
from committee.demo import example_report as example
from reports import revisions
from reports.models import Paragraph, Report, Section
from tests.browser.builders import pdf_text, run_the_worker
from tests.browser.conftest import describe, run_axe
from tests.browser.test_example_report_in_the_browser import (
    add_background_papers,
    add_text,
    sign_in,
    sign_off,
    submit,
)
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
    # The whole status: a string `has_text` is a substring, and would also match "Not saved: retry".
    page.get_by_role("status").filter(has_text=re.compile(r"^Saved$")).wait_for()


def write(page, text: str) -> None:
    """Long paragraphs arrive as typed text in one go (as a dictation tool or IME sends it)."""
    page.keyboard.insert_text(text)


# The council's report as published, copied from the examples the project was given.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SOURCE = Path(__file__).parent / "examples" / "report-hmic-child-protection-2017.txt"


def squeezed(text: str) -> str:
    """Text without its white space and case, as a page's layout or a PDF's line breaks leave it."""
    return re.sub(r"\s+", "", text).lower()


def source_report() -> tuple[list[tuple[str, str]], list[str]]:
    """The council's own report: its title-block rows (label, value) and every other line (headings,
    paragraphs, recommendations, bullets, background papers and their links) without its number or
    list mark; a paper's title and its link apart, as a page may put its date between them."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    opening = lines.index("Summary")
    rows = [tuple(line.split("\t", 1)) for line in lines[:opening] if "\t" in line]
    texts = []
    for line in lines[opening:]:
        text = re.sub(r"^\s*-\s*", "", line).removesuffix("**").strip()
        text = re.sub(r"^\d+(\.\d+)*\.?\s+", "", text)
        for part in re.split(r"<(https://[^>]+)>", text):
            if part := part.strip().removesuffix(":").strip():
                texts.append(part)
    return rows, texts


def pdf_links(data: bytes) -> list[str]:
    """The web addresses a PDF's links go to, as a reader's software finds them."""
    found = []
    for sheet in pypdf.PdfReader(io.BytesIO(data)).pages:
        for annotation in sheet.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def says_what_the_source_says(shown: str, what: str, links: list[str]) -> None:
    """The page or PDF shows every line of the council's report; a background paper's web address is
    there as text or as where its link goes."""
    rows, texts = source_report()
    shown = squeezed(shown) + "".join(squeezed(link) for link in links)
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


def word_clipboard(paragraphs: list[str], number: str) -> str:
    """The paragraphs as Word puts them on the clipboard: each numbered by hand ("1.3" and on), a
    paragraph's bullets as Word's own list paragraphs (mso-list, a Symbol bullet it draws itself)."""
    major, minor = number.split(".")
    written = []
    for index, paragraph in enumerate(paragraphs):
        intro, _, bullets = paragraph.removeprefix("<p>").partition("</p><ul>")
        written.append(
            f"<p class=MsoNormal>{major}.{int(minor) + index}<span style='mso-tab-count:1'>&nbsp;&nbsp; </span>"
            f"{html.escape(intro, quote=False)}<o:p></o:p></p>"
        )
        for bullet in re.findall(r"<li>(.*?)</li>", bullets):
            written.append(
                "<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>"
                "<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·"
                "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span></span><![endif]>"
                f"{html.escape(bullet, quote=False)}<o:p></o:p></p>"
            )
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">'
        '<head><meta name=Generator content="Microsoft Word 15"></head><body lang=EN-GB><!--StartFragment-->'
        + "\n".join(written)
        + "<!--EndFragment--></body></html>"
    )


def equals_the_demo_section_by_section(report: Report, council) -> None:  # noqa: F811
    """The drafted report equals the demo copy: its title block, summary, recommendations, every section
    (implications and background papers included), the papers themselves and the appendices."""
    drafted = revisions.snapshot(report)
    demo = revisions.snapshot(demo_copy(*council))
    for part in (
        "title",
        "committee",
        "is_exempt",
        "report_of",
        "key_decision",
        "urgent",
        "title_rows",
        "summary",
        "recommendations",
        "background_papers",
        "appendices",
    ):
        assert drafted[part] == demo[part], part
    assert [s["heading"] for s in drafted["sections"]] == [s["heading"] for s in demo["sections"]]
    for mine, theirs in zip(drafted["sections"], demo["sections"], strict=True):
        assert mine == theirs, f"section {theirs['number']}. {theirs['heading']}"


def sub_paragraph_by_enter_and_tab(page, heading_label: str, text: str) -> None:
    """Under a sub-section's heading (5.1 "Corporate Priorities…"): Enter after it, Tab to go under it."""
    page.get_by_role("textbox", name=heading_label).click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    major, minor = heading_label.removeprefix("Paragraph ").split(".")
    focused(page, f"Paragraph {major}.{int(minor) + 1}")
    page.keyboard.press("Tab")
    focused(page, f"{heading_label}.1")
    write(page, text)
    saved(page)


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

    # Sections 1 to 4: each first paragraph by the section's Add a paragraph, then Enter after each one.
    # From section 1's third paragraph on (the one with the bullets), the rest of the section is pasted
    # from Word in one go, numbered by hand: the server takes the numbers off and numbers them again.
    for heading, paragraphs in example.SECTIONS[:4]:
        section = Section.objects.get(report=report, heading=heading)
        number = section.position + 1  # (the sections' positions start at 0)
        link = page.locator(f"#add-section-{section.pk}").get_by_role("link")
        add_text(page, link, f"#section-{section.pk}-new-text", paragraphs[0])
        page.get_by_role("textbox", name=f"Paragraph {number}.1").wait_for()
        assert Paragraph.objects.get(section=section).text == f"<p>{paragraphs[0]}</p>"
        for index, text in enumerate(paragraphs[1:], start=2):
            page.get_by_role("textbox", name=f"Paragraph {number}.{index - 1}").click()
            page.keyboard.press("Control+End")
            page.keyboard.press("Enter")
            label = f"Paragraph {number}.{index}"
            focused(page, label)
            if text.startswith("<p>"):
                rest = paragraphs[index - 1 :]
                page.evaluate(PASTE, [f'[aria-label="{label}"]', word_clipboard(rest, f"{number}.{index}"), ""])
                page.get_by_role("textbox", name=f"Paragraph {number}.{len(paragraphs)}").wait_for()
                break
            write(page, text)
            saved(page)

    # Section 5's sub-sections (the template's headings): under each, its paragraph by Enter and Tab.
    implications = Section.objects.get(report=report, heading=example.SECTIONS[4][0])
    for index, (heading, children) in enumerate(example.SECTIONS[4][1], start=1):
        assert Paragraph.objects.get(section=implications, parent=None, position=index - 1).heading == heading
        sub_paragraph_by_enter_and_tab(page, f"Paragraph {implications.position + 1}.{index}", children[0])

    # The background papers, with their links and dates.
    add_background_papers(page)

    page.locator(".council-toolbar").wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "editor-with-the-example-report.png"), full_page=True)
    equals_the_demo_section_by_section(report, council)

    # A table in "Post decision implementation" (beyond the demo copy): a header row by the toolbar.
    post = Section.objects.get(report=report, heading=example.SECTIONS[3][0])
    page.get_by_role("textbox", name="Paragraph 4.1").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    focused(page, "Paragraph 4.2")
    write(page, "Dates:")
    page.get_by_role("toolbar").get_by_role("button", name="Table").click()
    for cell in ["Step", "Date", "By", "Comments fed back", "March 2017"]:
        page.keyboard.type(cell)
        page.keyboard.press("Tab")
    page.keyboard.type("Governance")
    saved(page)
    assert Paragraph.objects.get(section=post, position=1).text == (
        '<p>Dates:</p><table><thead><tr><th scope="col">Step</th><th scope="col">Date</th><th scope="col">By</th>'
        "</tr></thead><tbody><tr><td>Comments fed back</td><td>March 2017</td><td>Governance</td></tr></tbody></table>"
    )

    violations = run_axe(page)
    assert violations == [], describe(violations)

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
    links = page.locator("main a").evaluate_all("links => links.map((link) => link.href)")
    says_what_the_source_says(shown, "the published page", links)
    table = page.locator("main table").filter(has_text="Comments fed back")
    assert table.locator("thead th[scope=col]").all_inner_texts() == ["Step", "Date", "By"]
    response = page.request.get(f"{base}/reports/{report.pk}/pdf/")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    (SCREENSHOTS / "example-report-drafted-in-the-editor.pdf").write_bytes(response.body())
    _pages, text = pdf_text(response.body())
    says_what_the_source_says(text, "the PDF", pdf_links(response.body()))
    assert squeezed("Step Date By Comments fed back March 2017 Governance") in squeezed(text)


def tab_to(page, condition: str, limit: int = 250, back: bool = False) -> None:
    """Press Tab (Shift+Tab going back) until the focused element meets the condition (a function of
    it, run in the page)."""
    for _ in range(limit):
        where = page.evaluate(
            f"(e) => (({condition})(e) ? 'there' : e.isContentEditable)", page.evaluate_handle("document.activeElement")
        )
        if where == "there":
            return
        if where:
            # In a paragraph's text Tab nests it: Escape leaves the text first (the editor's help says so).
            page.keyboard.press("Escape")
        page.keyboard.press("Shift+Tab" if back else "Tab")
    pytest.fail(f"Tab never reached {condition}")


def is_named(name: str) -> str:
    """The condition of tab_to: the focused element is a link or button whose words are `name`, or a
    text box or field whose label is."""
    return (
        f"(e) => e.getAttribute('aria-label') === {name!r}"
        f" || ['A', 'BUTTON'].includes(e.tagName) && e.textContent.trim() === {name!r}"
        f" || (e.labels && [...e.labels].some((l) => l.textContent.trim().startsWith({name!r})))"
    )


def press(page, name: str, back: bool = False) -> None:
    """Tab to the link or button and press Enter, as a keyboard user does."""
    tab_to(page, is_named(name), back=back)
    page.keyboard.press("Enter")


def form_by_keyboard(page, field: str, text: str, button: str) -> None:
    """An open add form: the focus is in its first field; Tab to the text, type, Tab to the button, Enter."""
    page.locator(field).wait_for()
    tab_to(page, f"(e) => e.id === {field.removeprefix('#')!r}", limit=8)
    write(page, text)
    press(page, button)
    page.locator(field).wait_for(state="detached")


def next_paragraph(page, label: str) -> None:
    """Enter at the end of the paragraph being typed: the next one, numbered `label`, has the cursor."""
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    focused(page, label)


def type_date(page, field: str, date: datetime.date) -> None:
    """Type a date into the browser's date field, in the order of day, month and year it shows (the
    browser's own language decides: 25/11/2016 in Britain, 11/25/2016 in America)."""
    tab_to(page, f"(e) => e.id === {field!r}", limit=4)  # its first part
    for order in ("%d%m%Y", "%m%d%Y"):
        page.keyboard.type(date.strftime(order))
        if page.evaluate("(id) => document.getElementById(id).value", field) == date.isoformat():
            return
        page.keyboard.press("Shift+Tab")  # Tab and Shift+Tab move between the field's parts
        page.keyboard.press("Shift+Tab")
    pytest.fail(f"the date field never took {date}")


@time_machine.travel(datetime.datetime(2017, 1, 16, 10, tzinfo=datetime.UTC), tick=True)
def test_the_whole_example_report_is_drafted_by_keyboard_alone(live_server, page, council):  # noqa: F811
    """No click: Tab and Shift+Tab reach every control, Enter uses it, and the editor's own keys do the
    rest (Enter, Shift+Enter, Tab, Ctrl+Shift+8 for bullets, Alt+Up to move, Ctrl+Alt+2 for a heading,
    Alt+F10 to the toolbar and the arrow keys along it, Escape back out of the text)."""
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
    sections = {s.heading: s for s in Section.objects.filter(report=report)}

    # The title block: "Change the details", all wards, the contact officer, saved.
    press(page, "Change the details")
    page.get_by_label("The report affects all wards").wait_for()
    for box in ("The report affects all wards", example.CONTACT["name"]):
        tab_to(page, is_named(box))
        if not page.evaluate("document.activeElement.checked"):  # (a new report affects all wards already)
            page.keyboard.press("Space")
    tab_to(page, "(e) => e.type === 'submit' && (e.value || e.textContent).includes('Save')")
    page.keyboard.press("Enter")
    page.locator(".council-toolbar").wait_for()

    # The summary: two paragraphs, Enter between them; Escape leaves the text.
    tab_to(page, is_named("Summary"))
    write(page, example.SUMMARY[0])
    page.keyboard.press("Enter")
    write(page, example.SUMMARY[1])
    saved(page)
    page.keyboard.press("Escape")

    # Each recommendation by "Add a recommendation" and its form.
    for text in example.RECOMMENDATIONS:
        press(page, "Add a recommendation")
        form_by_keyboard(page, "#recommendation-new-text", text, "Add the recommendation")

    # Sections 1 to 4: the first paragraph by the section's "Add a paragraph" form, the next ones by
    # Enter. Section 2 is typed in the wrong order and put right by Alt+Up.
    for heading, paragraphs in example.SECTIONS[:4]:
        section = sections[heading]
        number = section.position + 1
        typed = list(reversed(paragraphs)) if heading == "Reasons for recommendations" else paragraphs
        press(page, f"Add a paragraph to section {number}")
        form_by_keyboard(page, f"#section-{section.pk}-new-text", typed[0], "Add the paragraph")
        tab_to(page, is_named(f"Paragraph {number}.1"))
        started = False  # Enter after a list has started the next paragraph already
        for index, text in enumerate(typed[1:], start=2):
            if not started:
                next_paragraph(page, f"Paragraph {number}.{index}")
            started = False
            if text.startswith("<p>"):
                # "…as follows:", Shift+Enter for a new line of the same paragraph, Ctrl+Shift+8 for
                # bullets, Enter between them, and Enter twice after the last to end the list.
                intro, _, bullets = text.removeprefix("<p>").removesuffix("</li></ul>").partition("</p><ul><li>")
                write(page, intro)
                page.keyboard.press("Shift+Enter")
                page.keyboard.press("Control+Shift+8")
                for bullet_index, bullet in enumerate(bullets.split("</li><li>")):
                    if bullet_index:
                        page.keyboard.press("Enter")
                    write(page, bullet)
                page.keyboard.press("Enter")
                page.keyboard.press("Enter")
                focused(page, f"Paragraph {number}.{index + 1}")
                started = True
                continue
            write(page, text)
            saved(page)
        if typed != paragraphs:
            page.keyboard.press("Alt+ArrowUp")  # the last typed goes first
            focused(page, f"Paragraph {number}.1")
            page.wait_for_function(
                "(text) => document.activeElement.textContent.startsWith(text)", arg=paragraphs[0][:40]
            )
        page.keyboard.press("Escape")

    # Section 5's sub-sections (the template's headings): under each, Enter and Tab, then its text.
    implications = sections[example.SECTIONS[4][0]]
    number = implications.position + 1
    for index, (_heading, children) in enumerate(example.SECTIONS[4][1], start=1):
        tab_to(page, is_named(f"Paragraph {number}.{index}"))
        next_paragraph(page, f"Paragraph {number}.{index + 1}")
        page.keyboard.press("Tab")
        focused(page, f"Paragraph {number}.{index}.1")
        write(page, children[0])
        saved(page)
        page.keyboard.press("Escape")

    # The background papers: title, link, and the date typed into the date field as dd mm yyyy.
    for paper in example.BACKGROUND_PAPERS:
        press(page, "Add a background paper")
        page.locator("#paper-title").wait_for()
        tab_to(page, "(e) => e.id === 'paper-title'", limit=5)
        write(page, paper["title"])
        tab_to(page, "(e) => e.id === 'paper-url'", limit=3)
        write(page, paper["url"])
        if paper["date"]:
            type_date(page, "paper-date", paper["date"])
        press(page, "Add the paper")
        page.locator("#paper-title").wait_for(state="detached")

    equals_the_demo_section_by_section(report, council)

    # Beyond the demo copy: a sub-section made by Ctrl+Alt+2 in section 4, and under it a table with
    # a header row from the toolbar, reached by Alt+F10 and the arrow keys.
    post = sections[example.SECTIONS[3][0]]
    tab_to(page, is_named("Paragraph 4.1"), back=True)
    next_paragraph(page, "Paragraph 4.2")
    write(page, "Timetable")
    page.keyboard.press("Control+Alt+2")
    page.get_by_role("heading", name="4.2 Timetable").wait_for()
    focused(page, "Paragraph 4.2")
    page.keyboard.press("Alt+F10")
    page.wait_for_function("document.activeElement.closest('[role=toolbar]') !== null")
    for _ in range(10):
        if page.evaluate("document.activeElement.textContent") == "Table":
            break
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    focused(page, "Paragraph 4.2")
    for cell in ["Step", "Date", "By", "Comments fed back", "March 2017"]:
        page.keyboard.type(cell)
        page.keyboard.press("Tab")
    page.keyboard.type("Governance")
    saved(page)
    timetable = Paragraph.objects.get(section=post, heading="Timetable")
    assert timetable.text == (
        '<table><thead><tr><th scope="col">Step</th><th scope="col">Date</th><th scope="col">By</th>'
        "</tr></thead><tbody><tr><td>Comments fed back</td><td>March 2017</td><td>Governance</td></tr></tbody></table>"
    )

    violations = run_axe(page)
    assert violations == [], describe(violations)

    # As the author sees it: the top of the page with the toolbar in its place (a full-page picture
    # shows the sticky toolbar where the window was), and the implications with their sub-sections.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.keyboard.press("Escape")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "editor-keyboard-drafted-top.png"))
    page.locator(f"#section-{implications.pk}").screenshot(path=str(SCREENSHOTS / "editor-keyboard-implications.png"))
    page.locator(f"#section-{post.pk}").screenshot(path=str(SCREENSHOTS / "editor-keyboard-timetable.png"))
