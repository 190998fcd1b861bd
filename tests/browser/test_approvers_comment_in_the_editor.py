"""Approvers comment where the text is (issue 16): the legal approver opens the report in clearance as
a document (the editor page, read-only for them), comments on a paragraph and on a title-block row and
suggests new text for two paragraphs, in place, and asks for changes; finance, the other approver, reads
the threads there; the author, in the editor, replies, resolves, accepts one suggestion (a versioned save)
and rejects the other. A councillor of the committee and the public get nothing. Without JavaScript the
approver comments from the comments page the editor page links to."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from committee import access
from reports import comments, workflow
from reports.models import Comment, Paragraph, Report, Section
from tests.browser.conftest import describe, run_axe, watch_for_problems
from tests.browser.test_dragging_in_the_editor import script_free_page  # noqa: F401
from tests.conftest import make_committee, make_meeting, make_report, make_user

pytestmark = pytest.mark.browser

WARDS = "the title-block row “Wards”"


@pytest.fixture
def in_clearance(db):
    """A report of two paragraphs sent to legal and finance for sign-off."""
    committee = make_committee(requires_director_signoff=False)
    author = make_user("author", access.REPORT_AUTHORS)
    legal = make_user("legal", access.LEGAL_APPROVERS, first_name="Lena", last_name="Legal")
    finance = make_user("finance", access.FINANCE_APPROVERS, first_name="Fin", last_name="Ance")
    make_user("councillor", access.COMMITTEE_MEMBERS, committee=committee)
    report = make_report(committee, meeting=make_meeting(committee), author=author, title="Library opening hours")
    section = Section.objects.create(report=report, heading="Reasons for recommendations")
    Paragraph.objects.create(section=section, position=0, text="<p>Fewer people visit on Monday evenings.</p>")
    Paragraph.objects.create(section=section, position=1, text="<p>Saturday mornings are the busiest.</p>")
    workflow.submit(report, author, {"legal": legal, "finance": finance})
    return report


@contextmanager
def signed_in(browser, base: str, username: str | None, javascript: bool = True, bypass_csp: bool = False):
    """A browser of its own for one person (None: the public, not signed in), under the app's CSP,
    failing on any script error."""
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, java_script_enabled=javascript, bypass_csp=bypass_csp
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = watch_for_problems(page)
    if username is not None:
        page.goto(f"{base}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("pw")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
    try:
        yield page
    finally:
        context.close()
    assert problems == [], problems


def region(page, where: str):
    return page.get_by_role("region", name=f"Comments on {where}")


def comment_in_place(page, where: str, body: str, suggestion: str | None = None) -> None:
    page.get_by_role("button", name=f"Comment on {where}").click()
    panel = region(page, where)
    panel.get_by_label(f"Your comment on {where}").fill(body)
    if suggestion is not None:
        panel.get_by_label("Suggested text (optional)").fill(suggestion)
    panel.get_by_role("button", name="Add the comment").click()
    page.get_by_role("button", name=f"1 open comment on {where}").wait_for()


def test_approvers_comment_and_suggest_in_place_and_the_author_answers_in_the_editor(
    live_server, browser, in_clearance
):
    report, base = in_clearance, live_server.url
    first, second = Paragraph.objects.filter(section__report=report).order_by("position")
    editor = f"{base}/reports/{report.pk}/edit/"

    with signed_in(browser, base, "legal") as page:
        assert page.url == f"{base}/reports/"  # their dashboard, not the public home page
        page.get_by_role("heading", name="Waiting for my sign-off").wait_for()
        page.get_by_role("link", name="read and comment Library opening hours").click()
        assert page.url == editor
        page.get_by_role("heading", level=1, name="Comment on the report").wait_for()
        # The text is read here, never typed into: no editor, no toolbar, no text box of the report's.
        assert page.locator("[contenteditable=true]").count() == 0
        assert page.locator(".council-toolbar").count() == 0
        page.get_by_text("Fewer people visit on Monday evenings.").wait_for()

        comment_in_place(
            page, "paragraph 1.1", "Say which evenings.", "Fewer people visit on Monday and Tuesday evenings."
        )
        comment_in_place(page, WARDS, "Which wards does the change affect?")
        # A suggested text starts as the paragraph's own words, as text, never as markup.
        page.get_by_role("button", name="Comment on paragraph 1.2").click()
        suggestion = region(page, "paragraph 1.2").get_by_label("Suggested text (optional)")
        assert suggestion.input_value() == "Saturday mornings are the busiest."
        region(page, "paragraph 1.2").get_by_label("Your comment on paragraph 1.2").fill("Say which Saturdays.")
        suggestion.fill("Saturday mornings are the busiest, except in August.")
        region(page, "paragraph 1.2").get_by_role("button", name="Add the comment").click()
        page.get_by_role("button", name="1 open comment on paragraph 1.2").wait_for()
        region(page, "paragraph 1.2").get_by_text("except in August").wait_for()

        threads = Comment.objects.filter(report=report, parent=None).order_by("pk")
        assert [(t.part, t.author.username, t.suggestion_state) for t in threads] == [
            ("paragraph", "legal", "open"),
            ("title_row", "legal", ""),
            ("paragraph", "legal", "open"),
        ]
        assert threads[1].title_row == "Wards"
        first.refresh_from_db()
        assert first.text == "<p>Fewer people visit on Monday evenings.</p>"  # a suggestion changes nothing yet

    # axe-core is added to the page as a script of its own, which the app's CSP refuses: its own browser.
    with signed_in(browser, base, "legal", bypass_csp=True) as page:
        page.goto(editor)
        page.get_by_role("button", name="1 open comment on paragraph 1.2").click()
        region(page, "paragraph 1.2").get_by_text("except in August").wait_for()
        page.screenshot(path="test-artifacts/screenshots/approver-comments-in-the-editor.png", full_page=True)
        violations = run_axe(page)
        assert violations == [], describe(violations)

    with signed_in(browser, base, "finance") as page:
        assert page.url == f"{base}/reports/"
        page.goto(editor)
        page.get_by_role("button", name=f"1 open comment on {WARDS}").click()
        region(page, WARDS).get_by_text("Which wards does the change affect?").wait_for()
        page.get_by_role("button", name="1 open comment on paragraph 1.1").click()
        panel = region(page, "paragraph 1.1")
        panel.get_by_text("Say which evenings.").wait_for()
        panel.get_by_text("Fewer people visit on Monday and Tuesday evenings.").wait_for()
        # Only the report's authors accept or reject a suggestion.
        assert panel.get_by_role("button", name="Accept the suggestion").count() == 0

    with signed_in(browser, base, "legal") as page:
        page.goto(f"{base}/reports/{report.pk}/manage/")
        page.get_by_role("radio", name="Request changes").check()
        page.get_by_role("button", name="Record my sign-off").click()
        page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    asked = report.transitions.order_by("-id").first().comment
    assert "On paragraph 1.1: Say which evenings." in asked and "On paragraph 1.2: Say which Saturdays." in asked
    assert "On the title-block row “Wards”: Which wards does the change affect?" in asked

    with signed_in(browser, base, "author") as page:
        assert page.url == f"{base}/reports/"
        page.goto(editor)
        page.locator(".council-toolbar").wait_for()
        # A reply and then resolved, on the title-block row.
        page.get_by_role("button", name=f"1 open comment on {WARDS}").click()
        panel = region(page, WARDS)
        panel.get_by_label("Reply").fill("All of them: it is the central library.")
        panel.get_by_role("button", name="Reply").click()
        panel.get_by_role("status").filter(has_text="Reply added.").wait_for()
        region(page, WARDS).get_by_role("button", name="Resolve").click()
        page.get_by_role("button", name=f"1 resolved comment on {WARDS}").wait_for()
        # One suggestion rejected: the paragraph keeps its words.
        page.get_by_role("button", name="1 open comment on paragraph 1.2").click()
        region(page, "paragraph 1.2").get_by_role("button", name="Reject it").click()
        region(page, "paragraph 1.2").get_by_text("Rejected", exact=True).wait_for()
        # The other accepted: its text is in the paragraph, an ordinary versioned save.
        version = Report.objects.get(pk=report.pk).version
        page.get_by_role("button", name="1 open comment on paragraph 1.1").click()
        region(page, "paragraph 1.1").get_by_role("button", name="Accept the suggestion").click()
        page.get_by_role("textbox", name="Paragraph 1.1").filter(has_text="Monday and Tuesday evenings").wait_for()
        page.get_by_role("button", name="1 resolved comment on paragraph 1.1").wait_for()

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.text == "<p>Fewer people visit on Monday and Tuesday evenings.</p>"
    assert second.text == "<p>Saturday mornings are the busiest.</p>"
    assert Report.objects.get(pk=report.pk).version == version + 1
    row = Comment.objects.get(report=report, parent=None, part="title_row")
    assert row.resolved_by.username == "author"
    assert list(row.replies.values_list("body", flat=True)) == ["All of them: it is the central library."]
    rejected = Comment.objects.get(paragraph=second, parent=None)
    assert rejected.suggestion_state == Comment.Suggestion.REJECTED

    # A councillor of the committee and the public get nothing of the draft or its comments.
    with signed_in(browser, base, "councillor") as page:
        for path in ("edit/", "comments/", ""):
            response = page.goto(f"{base}/reports/{report.pk}/{path}")
            assert response.status == 404, path
            assert "Say which evenings" not in page.content()
    with signed_in(browser, base, None) as page:  # the public
        for path in ("", "comments/"):
            response = page.goto(f"{base}/reports/{report.pk}/{path}")
            assert "Say which evenings" not in page.content()
            assert response.status == 404 or "/accounts/login/" in page.url, path


def test_without_javascript_the_approver_comments_from_the_page_the_editor_links_to(
    live_server,
    browser,
    in_clearance,
):
    report, base = in_clearance, live_server.url
    paragraph = Paragraph.objects.filter(section__report=report).order_by("position").first()
    comments.start_thread(report, report.signoffs.get(role="finance").approver, "title_row", "Wards", "Wards?")
    with signed_in(browser, base, "legal", javascript=False) as page:
        page.goto(f"{base}/reports/{report.pk}/edit/")
        page.get_by_role("heading", level=1, name="Comment on the report").wait_for()
        page.get_by_role("link", name=f"1 open comment on {WARDS}").wait_for()  # the thread, a link
        page.get_by_role("link", name="comments page").click()
        page.get_by_role("link", name="Comment on paragraph 1.1").click()
        page.get_by_label("Your comment on paragraph 1.1").fill("Say which evenings.")
        page.get_by_role("button", name="Add the comment").click()
        page.get_by_text("Your comment is added.").wait_for()
    thread = Comment.objects.get(paragraph=paragraph, parent=None)
    assert (thread.author.username, thread.body, thread.suggestion_state) == ("legal", "Say which evenings.", "")
