"""Comments where the text is (reports/comments.py, web/views/comments.py): approvers comment on a
paragraph, a recommendation or a title-block row; the author replies and resolves; a suggested text
is accepted (a versioned save) or rejected; a request for changes lists the open comments; nothing
of it reaches the published report, its PDF or Word file, or anyone not working on the report."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from committee import access
from reports import comments, revisions, workflow
from reports.models import Comment, Paragraph, Recommendation, Report, Section
from reports.structure import loaded_structure
from reports.templates_setup import ensure_standard_template
from tests.conftest import make_committee, make_report, make_user

SECRET = "COMMENTMARKER"


@pytest.fixture
def world(db):
    committee = make_committee(requires_finance_signoff=False, requires_director_signoff=False)
    author = make_user("author", access.REPORT_AUTHORS)
    legal = make_user("legal", access.LEGAL_APPROVERS)
    report = make_report(committee, author=author, template=ensure_standard_template())
    section = Section.objects.create(report=report, heading="Why this report is needed")
    paragraph = Paragraph.objects.create(section=section, text="<p>The Act applies.</p>")
    Paragraph.objects.create(section=section, position=1, text="<p>Second.</p>")
    recommendation = Recommendation.objects.create(report=report, text="<p>That the Committee notes.</p>")
    revisions.record(report, author)
    workflow.submit(report, author, {"legal": legal})
    return report, author, legal, paragraph, recommendation


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name, report, *args):
    return reverse(f"reports:{name}", args=[report.pk, *args])


def test_an_approver_comments_on_each_kind_of_part_and_sees_where_it_is(world):
    report, _author, legal, paragraph, recommendation = world
    comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "Cite the Act.")
    comments.start_thread(report, legal, "recommendation", str(recommendation.pk), "Say NOTE.")
    comments.start_thread(report, legal, "title_row", "Wards", "Which wards?")
    threads = comments.threads(report, loaded_structure(report))
    assert [(t.where, t.comment.body) for t in threads] == [
        ("paragraph 1.1", "Cite the Act."),
        ("recommendation 1", "Say NOTE."),
        ("the title-block row “Wards”", "Which wards?"),
    ]
    assert threads[0].comment.quoted == "<p>The Act applies.</p>"


def test_parts_of_another_report_and_empty_comments_are_refused(world):
    report, _author, legal, *_ = world
    other = make_report(make_committee("Adults and Safeguarding Committee"))
    stranger = Paragraph.objects.create(section=Section.objects.create(report=other, heading="x"), text="<p>y</p>")
    with pytest.raises(comments.CommentError, match="no longer in the report"):
        comments.start_thread(report, legal, "paragraph", str(stranger.pk), "Hmm")
    with pytest.raises(comments.CommentError, match="Write your comment"):
        comments.start_thread(report, legal, "title_row", "Wards", "   ")
    with pytest.raises(comments.CommentError, match="Choose the part"):
        comments.start_thread(report, legal, "summary", "1", "Hmm")


def test_the_author_replies_and_resolves_and_a_resolved_thread_takes_no_reply(world):
    report, author, legal, paragraph, _ = world
    thread = comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "Cite the Act.")
    comments.reply(report, author, thread.pk, "Done.")
    comments.resolve(report, author, thread.pk)
    thread.refresh_from_db()
    assert thread.resolved_by == author and [r.body for r in thread.replies.all()] == ["Done."]
    with pytest.raises(comments.CommentError, match="resolved"):
        comments.reply(report, legal, thread.pk, "One more thing")


def test_only_the_authors_and_the_commenter_resolve(world):
    report, author, legal, paragraph, _ = world
    thread = comments.start_thread(report, author, "paragraph", str(paragraph.pk), "Note to self")
    with pytest.raises(comments.NotAllowed):
        comments.resolve(report, legal, thread.pk)
    own = comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "Mine")
    assert comments.resolve(report, legal, own.pk).resolved_at is not None


def test_people_not_working_on_the_report_and_finished_reports_take_no_comments(world):
    report, author, _legal, paragraph, _ = world
    other_author = make_user("other", access.REPORT_AUTHORS)
    with pytest.raises(comments.NotAllowed):
        comments.start_thread(report, other_author, "paragraph", str(paragraph.pk), "Hi")
    workflow.withdraw(report, author)
    with pytest.raises(comments.NotAllowed):
        comments.start_thread(report, author, "paragraph", str(paragraph.pk), "Hi")


def test_a_suggestion_is_accepted_as_a_versioned_save_once_the_report_is_a_draft(world):
    report, author, legal, paragraph, _ = world
    thread = comments.start_thread(
        report, legal, "paragraph", str(paragraph.pk), "Name the Act.", "<p>The Children Act 1989 applies.</p>"
    )
    assert thread.suggestion_state == Comment.Suggestion.OPEN
    author_client = client_for(author)
    accept = url("comment_accept", report, thread.pk)
    version = Report.objects.get(pk=report.pk).version
    # In clearance the text cannot change: the author is told to return it to draft first.
    response = author_client.post(accept, {"version": version}, follow=True)
    assert "Return it to draft" in response.content.decode()
    assert Paragraph.objects.get(pk=paragraph.pk).text == "<p>The Act applies.</p>"
    workflow.return_to_draft(report, author)
    version = Report.objects.get(pk=report.pk).version
    # A stale version is a conflict, as for any save.
    response = author_client.post(accept, {"version": version - 1}, follow=True)
    assert "has changed since you loaded this page" in response.content.decode()
    response = author_client.post(accept, {"version": version})
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{thread.pk}")
    assert Paragraph.objects.get(pk=paragraph.pk).text == "<p>The Children Act 1989 applies.</p>"
    report.refresh_from_db()
    assert report.version == version + 1
    assert "The Children Act 1989" in str(report.revisions.order_by("-number").first().content)
    thread.refresh_from_db()
    assert thread.suggestion_state == Comment.Suggestion.ACCEPTED and thread.resolved_at is not None
    response = author_client.post(accept, {"version": report.version}, follow=True)
    assert "already been accepted or rejected" in response.content.decode()


def test_a_suggestion_is_rejected_by_the_author_and_never_by_the_approver(world):
    report, author, legal, paragraph, _ = world
    thread = comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "Shorter?", "<p>Short.</p>")
    assert client_for(legal).post(url("comment_reject", report, thread.pk)).status_code == 403
    assert client_for(legal).post(url("comment_accept", report, thread.pk), {"version": 1}).status_code == 403
    assert client_for(author).post(url("comment_reject", report, thread.pk)).status_code == 302
    thread.refresh_from_db()
    assert thread.suggestion_state == Comment.Suggestion.REJECTED and thread.resolved_at is None
    assert Paragraph.objects.get(pk=paragraph.pk).text == "<p>The Act applies.</p>"


def test_a_recommendation_takes_a_suggestion_by_the_plain_form_accepted_as_a_versioned_save(world):
    report, author, legal, _paragraph, recommendation = world
    page = client_for(legal).get(url("report_comments", report), {"on": f"recommendation-{recommendation.pk}"})
    page = page.content.decode()
    # The box starts from the recommendation as its author wrote it, as text, never markup.
    assert page.count('name="suggestion"') == 1 and ">That the Committee notes.</textarea>" in page
    response = client_for(legal).post(
        url("comment_add", report),
        {
            "part": "recommendation",
            "item": recommendation.pk,
            "body": "Ask for a decision.",
            "suggestion": "That the Committee **approves** the plan.",
        },
    )
    assert response.status_code == 302
    thread = Comment.objects.get(recommendation=recommendation)
    assert thread.suggestion == "<p>That the Committee <strong>approves</strong> the plan.</p>"
    assert thread.suggestion_state == Comment.Suggestion.OPEN
    workflow.return_to_draft(report, author)
    version = Report.objects.get(pk=report.pk).version
    page = client_for(author).get(url("report_comments", report)).content.decode()
    assert "Accept the suggestion" in page and "<strong>approves</strong>" in page
    accept = url("comment_accept", report, thread.pk)
    assert (
        "has changed since you loaded"
        in client_for(author).post(accept, {"version": version - 1}, follow=True).content.decode()
    )
    assert Recommendation.objects.get(pk=recommendation.pk).text == "<p>That the Committee notes.</p>"
    response = client_for(author).post(accept, {"version": version}, follow=True)
    assert "The suggested text is in the report now." in response.content.decode()
    assert Recommendation.objects.get(pk=recommendation.pk).text == thread.suggestion
    report.refresh_from_db()
    assert report.version == version + 1
    latest = report.revisions.order_by("-number").first().content
    assert latest["recommendations"][0]["text"] == thread.suggestion
    thread.refresh_from_db()
    assert thread.suggestion_state == Comment.Suggestion.ACCEPTED and thread.resolved_at is not None


def test_a_suggestion_on_a_recommendation_is_rejected_by_its_author_only(world):
    report, author, legal, _paragraph, recommendation = world
    thread = comments.start_thread(
        report, legal, "recommendation", str(recommendation.pk), "Firmer?", "<p>That the Committee agrees.</p>"
    )
    workflow.return_to_draft(report, author)
    version = Report.objects.get(pk=report.pk).version
    assert client_for(legal).post(url("comment_accept", report, thread.pk), {"version": version}).status_code == 403
    assert client_for(legal).post(url("comment_reject", report, thread.pk)).status_code == 403
    assert client_for(author).post(url("comment_reject", report, thread.pk)).status_code == 302
    thread.refresh_from_db()
    assert thread.suggestion_state == Comment.Suggestion.REJECTED
    assert Recommendation.objects.get(pk=recommendation.pk).text == "<p>That the Committee notes.</p>"
    assert Report.objects.get(pk=report.pk).version == version  # rejecting changes nothing in the report


def test_accepting_a_suggestion_for_a_deleted_recommendation_says_so(world):
    report, author, legal, _paragraph, recommendation = world
    thread = comments.start_thread(report, legal, "recommendation", str(recommendation.pk), "Hm", "<p>Other.</p>")
    workflow.return_to_draft(report, author)
    recommendation.delete()
    version = Report.objects.get(pk=report.pk).version
    response = client_for(author).post(url("comment_accept", report, thread.pk), {"version": version}, follow=True)
    assert "The recommendation has been deleted since the suggestion was made." in response.content.decode()
    assert Report.objects.get(pk=report.pk).version == version


def test_a_suggestion_equal_to_the_text_is_only_a_comment(world):
    report, _author, legal, paragraph, _ = world
    thread = comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "Fine", paragraph.text)
    assert thread.suggestion_state == "" and thread.suggestion == ""


def test_requesting_changes_lists_the_open_comments(world):
    report, author, legal, paragraph, recommendation = world
    comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "Cite the Act.")
    comments.start_thread(report, legal, "recommendation", str(recommendation.pk), "Say NOTE.")
    done = comments.start_thread(report, legal, "title_row", "Wards", "Wards?")
    comments.resolve(report, legal, done.pk)
    legal_client = client_for(legal)
    manage = legal_client.get(url("report_manage", report)).content.decode()
    assert "2 open comments on the text will be listed" in manage
    response = legal_client.post(url("report_sign_off", report), {"role": "legal", "decision": "changes"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    asked = report.transitions.order_by("-id").first().comment
    assert asked == "Legal: Open comments:\n- On paragraph 1.1: Cite the Act.\n- On recommendation 1: Say NOTE."
    assert "Cite the Act." in client_for(author).get(url("report_manage", report)).content.decode()


def test_requesting_changes_without_open_comments_still_needs_a_comment(world):
    report, _author, legal, *_ = world
    response = client_for(legal).post(url("report_sign_off", report), {"role": "legal", "decision": "changes"})
    assert response.status_code == 400


# The page, without JavaScript --------------------------------------------------------------------


def test_the_comments_page_shows_each_part_with_a_link_to_comment_and_opens_one_form(
    world, django_assert_max_num_queries
):
    report, _author, legal, paragraph, recommendation = world
    client = client_for(legal)
    with django_assert_max_num_queries(30):
        page = client.get(url("report_comments", report)).content.decode()
    assert f'href="?on=paragraph-{paragraph.pk}#paragraph-{paragraph.pk}"' in page
    assert f'href="?on=recommendation-{recommendation.pk}#recommendation-{recommendation.pk}"' in page
    assert "Comment on the title-block row “Wards”" in page
    assert page.count('name="body"') == 0
    page = client.get(url("report_comments", report), {"on": f"paragraph-{paragraph.pk}"}).content.decode()
    assert page.count('name="suggestion"') == 1 and "The Act applies." in page


def test_the_page_costs_the_same_queries_with_many_comments(world, django_assert_num_queries):
    report, author, legal, paragraph, recommendation = world
    client = client_for(legal)
    comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "One")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url("report_comments", report))
    for n in range(10):
        thread = comments.start_thread(report, legal, "recommendation", str(recommendation.pk), f"More {n}")
        comments.reply(report, author, thread.pk, "ok")
    with django_assert_num_queries(len(few)):
        client.get(url("report_comments", report))


def test_comment_reply_and_resolve_by_plain_forms(world):
    report, author, legal, paragraph, _ = world
    legal_client, author_client = client_for(legal), client_for(author)
    response = legal_client.post(
        url("comment_add", report),
        {"part": "paragraph", "item": paragraph.pk, "body": "Cite <the Act>.", "suggestion": "The **1989** Act."},
    )
    thread = Comment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{thread.pk}")
    assert thread.suggestion == "<p>The <strong>1989</strong> Act.</p>"
    page = author_client.get(url("report_comments", report)).content.decode()
    assert "Cite &lt;the Act&gt;." in page and "Accept the suggestion" not in page  # in clearance: no accept
    assert author_client.post(url("comment_reply", report, thread.pk), {"body": "On it"}).status_code == 302
    assert author_client.post(url("comment_resolve", report, thread.pk)).status_code == 302
    thread.refresh_from_db()
    assert thread.resolved_by == author and thread.replies.get().body == "On it"


def test_a_comment_without_text_comes_back_with_what_was_typed(world):
    report, _author, legal, paragraph, _ = world
    response = client_for(legal).post(
        url("comment_add", report), {"part": "paragraph", "item": paragraph.pk, "body": "", "suggestion": "Kept words"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Write your comment" in page and "Kept words" in page
    assert not Comment.objects.exists()


def test_nothing_of_a_comment_reaches_the_published_report_its_files_or_councillors(world):
    report, author, legal, paragraph, recommendation = world
    comments.start_thread(report, legal, "paragraph", str(paragraph.pk), SECRET, f"<p>{SECRET}</p>")
    comments.start_thread(report, legal, "recommendation", str(recommendation.pk), SECRET)
    officer = make_user("governance", access.GOVERNANCE_OFFICERS, is_staff=True)
    workflow.sign_off(report, legal, "legal", approve=True)
    workflow.approve_for_publication(report, officer)
    workflow.publish(report, officer)
    member = make_user("member", access.COMMITTEE_MEMBERS, committee=report.committee)
    for client in (Client(), client_for(member)):
        for name in ("report_detail", "report_text", "report_docx"):
            response = client.get(reverse(f"reports:{name}", args=[report.pk]))
            content = b"".join(response.streaming_content) if response.streaming else response.content
            assert SECRET.encode() not in content, name
        assert client.get(url("report_comments", report)).status_code in (302, 403)
    assert SECRET not in str(report.revisions.filter(is_published=True).get().content)
    # The people who worked on it still read the threads; nobody adds to them.
    page = client_for(author).get(url("report_comments", report)).content.decode()
    assert SECRET in page and "no longer added to" in page
    assert client_for(author).post(url("comment_add", report), {}).status_code == 403
    assert User.objects.filter(username="legal").exists()


# In the editor (static/editor/comments.js) ---------------------------------------------------------------


def test_the_editor_marks_each_part_with_threads_and_no_other(world):
    report, author, legal, paragraph, recommendation = world
    comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "One")
    resolved = comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "Two")
    comments.resolve(report, legal, resolved.pk)
    comments.start_thread(report, legal, "title_row", "Wards", "Which wards?")
    workflow.sign_off(report, legal, "legal", approve=False, comment="See comments")
    page = client_for(author).get(url("report_edit", report)).content.decode()
    comments_page = url("report_comments", report)
    assert f'href="{comments_page}#paragraph-{paragraph.pk}" data-comments="paragraph-{paragraph.pk}"' in page
    assert '1 open comment, 1 resolved<span class="govuk-visually-hidden"> on paragraph 1.1</span>' in page
    assert '1 open comment<span class="govuk-visually-hidden"> on the title-block row “Wards”</span>' in page
    assert f'data-comments="recommendation-{recommendation.pk}"' not in page  # no threads there: no marker
    assert page.count("data-comments=") == 2
    assert comments.counts(report) == {
        f"paragraph-{paragraph.pk}": comments.Count(open=1, resolved=1),
        "row-Wards": comments.Count(open=1),
    }


def test_sent_from_the_editor_the_answers_are_json_saying_what_happened(world):
    report, author, legal, paragraph, _ = world
    thread = comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "One")
    client = client_for(author)
    in_place = {"HTTP_X_IN_PLACE": "1"}
    answer = client.post(url("comment_reply", report, thread.pk), {"body": "On it"}, **in_place)
    assert answer.status_code == 200 and answer.json() == {"done": "Reply added."}
    answer = client.post(url("comment_reply", report, thread.pk), {"body": " "}, **in_place)
    assert answer.status_code == 400 and answer.json() == {"error": "Write your comment."}
    answer = client.post(
        url("comment_add", report), {"part": "paragraph", "item": paragraph.pk, "body": ""}, **in_place
    )
    assert answer.status_code == 400 and "Write your comment" in answer.json()["error"]
    assert client.post(url("comment_resolve", report, thread.pk), **in_place).json() == {"done": "Resolved."}
    assert thread.replies.get().body == "On it"
    # Nobody outside the report's people gets an answer either way.
    outsider = client_for(make_user("outsider", access.REPORT_AUTHORS))
    assert outsider.post(url("comment_reply", report, thread.pk), {"body": "x"}, **in_place).status_code == 404


# Approvers open the report as a document, to comment where the text is -------------------------------


def test_an_approver_opens_the_report_in_the_editor_read_only_to_comment(world):
    report, _author, legal, paragraph, _ = world
    comments.start_thread(report, legal, "paragraph", str(paragraph.pk), SECRET)
    client = client_for(legal)
    response = client.get(url("report_edit", report))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Comment on the report</h1>' in page
    assert 'id="commenting-only"' in page and "The Act applies." in page
    # The comments' script, never the editor's: nothing here can be typed into.
    assert "build/commenting.js" in page and "build/editor.js" not in page
    assert "data-rich-editor" not in page and "Return to draft and edit" not in page
    assert f'data-comments="paragraph-{paragraph.pk}"' in page and SECRET not in page  # a marker, not the text
    # Every step that changes the text still refuses them.
    refused = client.post(url("paragraph_change", report, paragraph.pk, "save"), {"text": "Mine", "version": 1})
    assert refused.status_code == 403
    assert client.get(url("report_details", report)).status_code == 403
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>The Act applies.</p>"


def test_the_approver_is_shown_the_way_to_the_report_from_their_dashboard_and_its_pages(world):
    report, _author, legal, *_ = world
    client = client_for(legal)
    editor = url("report_edit", report)
    dashboard = client.get(reverse("reports:dashboard")).content.decode()
    assert f'href="{editor}">read and comment' in dashboard
    manage = client.get(url("report_manage", report)).content.decode()
    assert f'href="{editor}">Read the report and comment where the text is' in manage
    comments_page = client.get(url("report_comments", report)).content.decode()
    assert f'href="{editor}">Comment in the report itself' in comments_page


def test_an_approver_still_opens_the_draft_after_asking_for_changes_and_never_once_it_is_published(world):
    report, author, legal, paragraph, _ = world
    comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "Cite the Act.")
    workflow.sign_off(report, legal, "legal", approve=False, comment="See my comments.")
    client = client_for(legal)
    page = client.get(url("report_edit", report)).content.decode()
    assert "Comment on the report" in page and "sign it off or request changes" not in page  # a draft now
    # Its author edits it as before.
    assert "build/editor.js" in client_for(author).get(url("report_edit", report)).content.decode()
    officer = make_user("governance", access.GOVERNANCE_OFFICERS, is_staff=True)
    workflow.submit(report, author, {"legal": legal})
    workflow.sign_off(report, legal, "legal", approve=True)
    workflow.approve_for_publication(report, officer)
    workflow.publish(report, officer)
    assert client.get(url("report_edit", report)).status_code == 403


def test_nobody_outside_the_report_opens_its_editor_or_reads_its_comments_there(world):
    report, _author, legal, paragraph, _ = world
    comments.start_thread(report, legal, "paragraph", str(paragraph.pk), SECRET, f"<p>{SECRET}</p>")
    member = make_user("member", access.COMMITTEE_MEMBERS, committee=report.committee)
    finance = make_user("finance", access.FINANCE_APPROVERS)  # an approver not asked to sign this one off
    other_author = make_user("other", access.REPORT_AUTHORS)
    for user in (member, finance, other_author):
        response = client_for(user).get(url("report_edit", report))
        assert response.status_code == 404, user
        assert SECRET.encode() not in response.content
    anonymous = Client().get(url("report_edit", report))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
