"""Starting a thread from the editor (issue 16): beside each paragraph and recommendation with no
comments yet, a small "Comment" control opens the form for the first comment in place, by mouse or
keyboard; an approver's suggested text for a recommendation is accepted or rejected in the editor's
own thread; the control is offered only to people reports/comments.py lets comment."""

from __future__ import annotations

import pytest

from committee import access
from reports import comments, workflow
from reports.models import Comment, Paragraph, Recommendation, Report
from tests.browser.conftest import describe, run_axe
from tests.browser.test_rich_text_editor import draft, open_editor, saved, sign_in, strict_page  # noqa: F401
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def test_the_author_starts_a_thread_by_keyboard_where_there_was_none(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    paragraph = Paragraph.objects.get(section__report=draft)
    page.get_by_role("button", name="Comment on recommendation 1").wait_for()
    control = page.get_by_role("button", name="Comment on paragraph 1.1")

    # Keyboard only: Tab from the paragraph's text reaches its control; Enter opens the form.
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("Escape")  # leaves the text, as the toolbar's help says
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.comments") == f"paragraph-{paragraph.pk}":
            break
    else:
        pytest.fail("Tab never reached the paragraph's Comment control")
    page.keyboard.press("Enter")
    panel = page.get_by_role("region", name="Comments on paragraph 1.1")
    box = panel.get_by_label("Your comment on paragraph 1.1")
    box.wait_for()
    assert page.evaluate("document.activeElement.name") == "body"  # the cursor is in the new comment
    assert control.get_attribute("aria-expanded") == "true"

    # Sent empty: refused in place; then written and sent, still in the editor.
    panel.get_by_role("button", name="Add the comment").click()
    page.get_by_role("region", name="Comments on paragraph 1.1").get_by_role("alert").first.wait_for()
    page.get_by_role("region", name="Comments on paragraph 1.1").get_by_label("Your comment on paragraph 1.1").fill(
        "Which evenings?"
    )
    page.keyboard.press("Tab")
    page.get_by_role("region", name="Comments on paragraph 1.1").get_by_role("button", name="Add the comment").click()
    page.get_by_role("button", name="1 open comment on paragraph 1.1").wait_for()
    assert page.url.endswith(f"/reports/{draft.pk}/edit/")
    thread = Comment.objects.get(paragraph=paragraph, parent=None)
    assert (thread.body, thread.author) == ("Which evenings?", draft.author)
    page.get_by_role("region", name="Comments on paragraph 1.1").get_by_text("Which evenings?").wait_for()

    # Typing in the paragraph still saves: the control sits beside the text, not in it.
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.type(" Since May.")
    saved(page)
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>Fewer people visit on Monday evenings. Since May.</p>"


def test_axe_finds_nothing_with_the_comment_controls_and_a_new_comment_form(live_server, page, draft):  # noqa: F811
    sign_in(page, live_server.url)
    open_editor(page, live_server.url, draft)
    page.get_by_role("button", name="Comment on paragraph 1.1").click()
    page.get_by_role("region", name="Comments on paragraph 1.1").get_by_label(
        "Your comment on paragraph 1.1"
    ).wait_for()
    page.screenshot(path="test-artifacts/screenshots/editor-new-comment.png")
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_a_correction_to_a_published_report_offers_no_comment(client, draft):  # noqa: F811
    # Comments are for drafting and clearance (reports/access.py can_comment_on_report): the editor
    # of a published report's correction has no comments address for the control to use.
    governance = make_user("gov", access.GOVERNANCE_OFFICERS)
    client.force_login(draft.author)
    assert b"data-comments-url" in client.get(f"/reports/{draft.pk}/edit/").content
    Report.objects.filter(pk=draft.pk).update(status=Report.Status.PUBLISHED)
    client.force_login(governance)
    page = client.get(f"/reports/{draft.pk}/edit/")
    assert page.status_code == 200 and b"data-rich-editor" in page.content
    assert b"data-comments-url" not in page.content


@pytest.fixture
def suggested(draft):  # noqa: F811
    """Legal suggests two texts for recommendation 1, then asks for changes: it is a draft again."""
    legal = make_user("legal", access.LEGAL_APPROVERS, first_name="Lena", last_name="Legal")
    committee = draft.committee
    committee.requires_finance_signoff = committee.requires_director_signoff = False
    committee.save()
    workflow.submit(draft, draft.author, {"legal": legal})
    recommendation = Recommendation.objects.get(report=draft)
    comments.start_thread(
        draft,
        legal,
        "recommendation",
        recommendation.pk,
        "Too vague.",
        "<p>That the Committee agree the new hours.</p>",
    )
    comments.start_thread(
        draft, legal, "recommendation", recommendation.pk, "Or this?", "<p>That the Committee defer the review.</p>"
    )
    workflow.sign_off(draft, legal, "legal", approve=False, comment="See my comments.")
    draft.refresh_from_db()
    return draft


def test_the_author_accepts_and_rejects_suggestions_on_a_recommendation_in_place(
    live_server,
    strict_page,  # noqa: F811
    suggested,
):
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, suggested)
    recommendation = Recommendation.objects.get(report=suggested)
    deferred = Comment.objects.get(body="Or this?")

    page.get_by_role("button", name="2 open comments on recommendation 1").click()
    panel = page.get_by_role("region", name="Comments on recommendation 1")
    panel.get_by_text("That the Committee defer the review.").wait_for()

    # Rejecting one leaves the text as it was.
    panel.locator(f"#comment-{deferred.pk}").get_by_role("button", name="Reject it").click()
    # (the thread stays open for a reply; its suggestion is marked rejected)
    page.get_by_role("region", name="Comments on recommendation 1").locator(f"#comment-{deferred.pk}").get_by_text(
        "Rejected", exact=True
    ).wait_for()
    deferred.refresh_from_db()
    assert deferred.suggestion_state == Comment.Suggestion.REJECTED
    recommendation.refresh_from_db()
    assert recommendation.text == "<p>That the Committee note the review.</p>"

    # Accepting the other puts its text in the recommendation, a versioned save shown in the editor.
    page.get_by_role("region", name="Comments on recommendation 1").get_by_role(
        "button", name="Accept the suggestion"
    ).click()
    page.get_by_role("textbox", name="Recommendation 1").filter(has_text="agree the new hours").wait_for()
    page.get_by_role("button", name="1 open comment, 1 resolved on recommendation 1").wait_for()
    recommendation.refresh_from_db()
    assert recommendation.text == "<p>That the Committee agree the new hours.</p>"

    # Typing afterwards is saved on top of the accepted text.
    page.get_by_role("textbox", name="Recommendation 1").click()
    page.keyboard.press("End")
    # Key by key: the thread read again after the acceptance leaves the cursor in the text, and
    # "Saved" shows only once every word is (tests/browser/test_autosave_in_flight.py holds the race).
    page.keyboard.type(" From June.")
    saved(page)
    recommendation.refresh_from_db()
    assert recommendation.text == "<p>That the Committee agree the new hours. From June.</p>"


def test_in_clearance_the_author_still_comments_from_the_editor_page(live_server, strict_page, draft):  # noqa: F811
    # Nobody types into a report in clearance, so the editor's script is not sent; the page still
    # opens threads in place and starts one from a part's Comment control.
    legal = make_user("legal", access.LEGAL_APPROVERS)
    committee = draft.committee
    committee.requires_finance_signoff = committee.requires_director_signoff = False
    committee.save()
    workflow.submit(draft, draft.author, {"legal": legal})
    recommendation = Recommendation.objects.get(report=draft)
    page, base = strict_page, live_server.url
    sign_in(page, base)
    page.goto(f"{base}/reports/{draft.pk}/edit/")
    assert page.locator(".council-toolbar").count() == 0  # not editable now
    page.get_by_role("button", name="Comment on recommendation 1").click()
    panel = page.get_by_role("region", name="Comments on recommendation 1")
    panel.get_by_label("Your comment on recommendation 1").fill("Legal: the date is in the report now.")
    panel.get_by_role("button", name="Add the comment").click()
    page.get_by_role("button", name="1 open comment on recommendation 1").wait_for()
    assert page.url.endswith(f"/reports/{draft.pk}/edit/")
    thread = Comment.objects.get(recommendation=recommendation, parent=None)
    assert (thread.body, thread.author) == ("Legal: the date is in the report now.", draft.author)
