"""Moving by dragging in the editor (issue 16): a paragraph's handle dragged below another paragraph
moves it there on the server, the numbers follow and stay after a reload; a section is dragged the
same way; and the move buttons still work without JavaScript."""

from __future__ import annotations

import pytest

from reports.models import Paragraph, Recommendation, Section
from tests.browser.conftest import describe, run_axe
from tests.browser.test_rich_text_editor import draft, open_editor, saved, sign_in, strict_page  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def longer(draft):  # noqa: F811
    section = Section.objects.get(report=draft)
    for position, text in enumerate(["Staff agree.", "Costs fall."], start=1):
        Paragraph.objects.create(section=section, position=position, text=f"<p>{text}</p>")
    Section.objects.create(report=draft, heading="Risk", position=1)
    Recommendation.objects.create(report=draft, position=1, text="<p>That the Committee agree the hours.</p>")
    return draft


def order(report) -> list[str]:
    return list(
        Paragraph.objects.filter(section__report=report, parent=None)
        .order_by("section__position", "position")
        .values_list("text", flat=True)
    )


def handle(page, element_id: str):
    return page.locator(f"#{element_id} > .council-drag-handle")


def below(page, element_id: str) -> dict:
    """A point in the lower half of a paragraph's own text: dropped there, it goes after it."""
    box = page.locator(f"#{element_id} > .council-edit-text").bounding_box()
    return {"x": 40, "y": box["height"] - 4}


def test_a_paragraph_dragged_below_another_moves_there_and_keeps_its_new_number(live_server, strict_page, longer):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, longer)
    first, last = (
        Paragraph.objects.get(text=f"<p>{t}</p>") for t in ("Fewer people visit on Monday evenings.", "Costs fall.")
    )
    handle(page, f"paragraph-{first.pk}").drag_to(
        page.locator(f"#paragraph-{last.pk}"), target_position=below(page, f"paragraph-{last.pk}")
    )

    # The server moved it; the page shows it again numbered 1.3, its text editable there.
    page.get_by_role("textbox", name="Paragraph 1.3").filter(has_text="Monday evenings").wait_for()
    assert order(longer) == [
        "<p>Staff agree.</p>",
        "<p>Costs fall.</p>",
        "<p>Fewer people visit on Monday evenings.</p>",
    ]
    page.reload()
    page.locator(".council-toolbar").wait_for()
    assert page.get_by_role("textbox", name="Paragraph 1.1").inner_text() == "Staff agree."
    assert page.get_by_role("textbox", name="Paragraph 1.3").inner_text() == "Fewer people visit on Monday evenings."

    # Onto the empty section "Risk": it goes there as 2.1, and typing into it still saves.
    risk = Section.objects.get(report=longer, heading="Risk")
    handle(page, f"paragraph-{first.pk}").drag_to(page.locator(f"#section-{risk.pk}-heading"))
    page.get_by_role("textbox", name="Paragraph 2.1").wait_for()
    assert Paragraph.objects.get(pk=first.pk).section_id == risk.pk
    page.keyboard.type(" Monday too.")
    saved(page)
    assert Paragraph.objects.get(pk=first.pk).text == "<p>Fewer people visit on Monday evenings. Monday too.</p>"

    # A section dragged above the first: "Risk" becomes section 1, its paragraph 1.1.
    reasons = Section.objects.get(report=longer, heading="Reasons for recommendations")
    page.locator(f"#section-{reasons.pk}-heading").evaluate("e => e.scrollIntoView({block: 'center'})")
    handle(page, f"section-{risk.pk}").drag_to(
        page.locator(f"#section-{reasons.pk}-heading"), target_position={"x": 300, "y": 2}
    )
    page.get_by_role("textbox", name="Paragraph 2.2").wait_for()
    assert (
        page.get_by_role("textbox", name="Paragraph 1.1").inner_text()
        == "Fewer people visit on Monday evenings. Monday too."
    )
    assert list(Section.objects.filter(report=longer).order_by("position").values_list("heading", flat=True))[:2] == [
        "Risk",
        "Reasons for recommendations",
    ]

    # A recommendation dragged below the other: recommendation 1 becomes 2.
    review, hours = Recommendation.objects.filter(report=longer).order_by("position")
    target = page.locator(f"#recommendation-{hours.pk}")
    target.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = target.bounding_box()
    handle(page, f"recommendation-{review.pk}").drag_to(target, target_position={"x": 40, "y": box["height"] - 4})
    page.get_by_role("textbox", name="Recommendation 2").filter(has_text="note the review").wait_for()
    assert list(Recommendation.objects.filter(report=longer).order_by("position")) == [hours, review]


def test_a_paragraph_dropped_on_a_heading_goes_under_it(live_server, strict_page, longer):  # noqa: F811
    page, base = strict_page, live_server.url
    staff, costs = (Paragraph.objects.get(text=f"<p>{t}</p>") for t in ("Staff agree.", "Costs fall."))
    Paragraph.objects.filter(pk=staff.pk).update(heading="Staffing")
    sign_in(page, base)
    open_editor(page, base, longer)
    heading = page.locator(f"#paragraph-{staff.pk} > h3")
    box = heading.bounding_box()
    # The lower half of the heading line: 1.3 goes under "1.2 Staffing" as 1.2.1.
    handle(page, f"paragraph-{costs.pk}").drag_to(heading, target_position={"x": 60, "y": box["height"] - 3})
    page.get_by_role("textbox", name="Paragraph 1.2.1").filter(has_text="Costs fall.").wait_for()
    costs.refresh_from_db()
    assert costs.parent_id == staff.pk and costs.position == 0
    assert order(longer) == ["<p>Fewer people visit on Monday evenings.</p>", "<p>Staff agree.</p>"]
    # A heading with a sub-paragraph now: dropped on it, a paragraph goes after it at its level
    # (among the sub-paragraphs is where to drop it to go under).
    first = Paragraph.objects.get(text="<p>Fewer people visit on Monday evenings.</p>")
    box = heading.bounding_box()
    handle(page, f"paragraph-{first.pk}").drag_to(heading, target_position={"x": 60, "y": box["height"] - 3})
    page.get_by_role("textbox", name="Paragraph 1.2").filter(has_text="Monday evenings").wait_for()
    first.refresh_from_db()
    assert first.parent_id is None
    assert order(longer) == ["<p>Staff agree.</p>", "<p>Fewer people visit on Monday evenings.</p>"]


def test_axe_finds_nothing_on_the_editor_with_its_handles(live_server, page, longer):
    sign_in(page, live_server.url)
    open_editor(page, live_server.url, longer)
    assert page.locator(".council-drag-handle").count() == 7  # two recommendations, three paragraphs, two sections
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_the_toolbar_stays_at_the_top_and_a_tables_header_row_stands_out(live_server, page, longer):
    """What was seen on the editor page: the toolbar stays at the top of the window as the report
    scrolls (and is not a column of full-width buttons on a phone), and a table's header row is bold."""
    Paragraph.objects.filter(text="<p>Costs fall.</p>").update(
        text='<table><thead><tr><th scope="col">Day</th></tr></thead><tbody><tr><td>Monday</td></tr></tbody></table>'
    )
    sign_in(page, live_server.url)
    open_editor(page, live_server.url, longer)
    page.mouse.wheel(0, 600)
    page.wait_for_function("document.querySelector('.council-toolbar-holder').getBoundingClientRect().top === 0")
    header = page.locator(".council-block th").first
    body = page.locator(".council-block td").first
    weight = "e => getComputedStyle(e.querySelector('p') || e).fontWeight"
    assert header.evaluate(weight) == "700" and body.evaluate(weight) == "400"
    page.set_viewport_size({"width": 400, "height": 800})
    bold = page.get_by_role("toolbar").get_by_role("button", name="Bold").bounding_box()
    assert bold["width"] < 100  # not a full-width button
    page.screenshot(path="test-artifacts/screenshots/editor-narrow.png")


@pytest.fixture
def script_free_page(browser, live_server):
    """A browser with JavaScript turned off."""
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_the_move_buttons_still_move_a_paragraph(live_server, script_free_page, longer):
    page = script_free_page
    sign_in(page, live_server.url)
    first = Paragraph.objects.get(text="<p>Fewer people visit on Monday evenings.</p>")
    page.goto(f"{live_server.url}/reports/{longer.pk}/edit/")
    assert page.locator(".council-drag-handle").count() == 0
    page.get_by_role("link", name="Edit paragraph 1.1").click()
    page.get_by_role("button", name="Move down paragraph 1.1").click()
    page.wait_for_load_state()
    assert order(longer)[:2] == ["<p>Staff agree.</p>", "<p>Fewer people visit on Monday evenings.</p>"]
    assert Paragraph.objects.get(pk=first.pk).position == 1
