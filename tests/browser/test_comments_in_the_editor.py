"""Approvers' comments where the text is, in the editor (issue 16): the author sees a marker beside
each part with threads, opens the thread in place, replies, resolves, and accepts a suggested text
without leaving the editor; the accepted text shows in the paragraph, typing after it still saves,
and axe finds nothing with a thread open."""

from __future__ import annotations

import pytest

from committee import access
from reports import comments, workflow
from reports.models import Comment, Paragraph, Recommendation
from tests.browser.conftest import describe, run_axe
from tests.browser.test_dragging_in_the_editor import script_free_page  # noqa: F401
from tests.browser.test_rich_text_editor import draft, open_editor, saved, sign_in, strict_page  # noqa: F401
from tests.conftest import make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def commented(draft):  # noqa: F811
    """Legal comments on paragraph 1.1 (with a suggested text) and on recommendation 1, then asks for changes."""
    legal = make_user("legal", access.LEGAL_APPROVERS, first_name="Lena", last_name="Legal")
    committee = draft.committee
    committee.requires_finance_signoff = committee.requires_director_signoff = False
    committee.save()
    workflow.submit(draft, draft.author, {"legal": legal})
    paragraph = Paragraph.objects.get(section__report=draft)
    recommendation = Recommendation.objects.get(report=draft)
    comments.start_thread(
        draft,
        legal,
        "paragraph",
        paragraph.pk,
        "Say which evenings.",
        "<p>Fewer people visit on Monday and Tuesday evenings.</p>",
    )
    comments.start_thread(draft, legal, "recommendation", recommendation.pk, "Name the committee.")
    workflow.sign_off(draft, legal, "legal", approve=False, comment="See my comments.")
    draft.refresh_from_db()
    return draft


def test_the_author_replies_resolves_and_accepts_in_place(live_server, strict_page, commented):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, commented)
    paragraph = Paragraph.objects.get(section__report=commented)

    marker = page.get_by_role("button", name="1 open comment on paragraph 1.1")
    marker.click()
    panel = page.get_by_role("region", name="Comments on paragraph 1.1")
    panel.get_by_text("Say which evenings.").wait_for()
    assert marker.get_attribute("aria-expanded") == "true"
    assert page.url.endswith(f"/reports/{commented.pk}/edit/")  # still in the editor

    # A reply, sent from the thread: it shows there, and the editor is still the page.
    panel.get_by_label("Reply").fill("Monday and Tuesday.")
    panel.get_by_role("button", name="Reply").click()
    panel.get_by_role("status").filter(has_text="Reply added.").wait_for()
    panel.get_by_text("Monday and Tuesday.", exact=True).wait_for()
    thread = Comment.objects.get(paragraph=paragraph, parent=None)
    assert list(thread.replies.values_list("body", flat=True)) == ["Monday and Tuesday."]

    # An empty reply is refused in place, with the reason.
    panel.get_by_role("button", name="Reply").click()
    panel.get_by_role("alert").filter(has_text="Write your comment.").wait_for()

    # Accepting the suggestion puts the text in the paragraph (a versioned save) and resolves the thread.
    panel.get_by_role("button", name="Accept the suggestion").click()
    page.get_by_role("textbox", name="Paragraph 1.1").filter(has_text="Monday and Tuesday evenings").wait_for()
    page.get_by_role("region", name="Comments on paragraph 1.1").get_by_role("status").filter(
        has_text="The suggested text is in the report now."
    ).wait_for()
    page.get_by_role("button", name="1 resolved comment on paragraph 1.1").wait_for()
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>Fewer people visit on Monday and Tuesday evenings.</p>"

    # Typing afterwards is saved: the editor carries on from the version the acceptance made.
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.type(" Since May.")
    saved(page)
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>Fewer people visit on Monday and Tuesday evenings. Since May.</p>"

    # The recommendation's thread is resolved in place; the marker says so.
    page.get_by_role("button", name="1 open comment on recommendation 1").click()
    rec_panel = page.get_by_role("region", name="Comments on recommendation 1")
    rec_panel.get_by_role("button", name="Resolve").click()
    page.get_by_role("button", name="1 resolved comment on recommendation 1").wait_for()
    assert Comment.objects.get(recommendation__report=commented).resolved_at is not None
    rec_panel.get_by_role("button", name="Close the comments").click()
    rec_panel.wait_for(state="detached")


def test_axe_finds_nothing_with_a_thread_open(live_server, page, commented):
    sign_in(page, live_server.url)
    open_editor(page, live_server.url, commented)
    page.get_by_role("button", name="1 open comment on paragraph 1.1").click()
    page.get_by_role("region", name="Comments on paragraph 1.1").get_by_text("Say which evenings.").wait_for()
    page.screenshot(path="test-artifacts/screenshots/editor-comment-thread.png")
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_without_javascript_the_marker_is_a_link_to_the_thread(live_server, script_free_page, commented):  # noqa: F811
    page = script_free_page
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/reports/{commented.pk}/edit/")
    page.get_by_role("link", name="1 open comment on paragraph 1.1").click()
    paragraph = Paragraph.objects.get(section__report=commented)
    assert page.url.endswith(f"/reports/{commented.pk}/comments/#paragraph-{paragraph.pk}")
    assert page.get_by_text("Say which evenings.").count() == 1
