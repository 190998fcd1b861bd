"""Comment threads in Welsh (reports/comments.py): where each thread is ("ar baragraff 1.1", mutated
after "ar"), what a refused comment says, and the open comments a request for changes lists, worded in
the language of the page; the author who reads e-mail in Welsh gets that request in Welsh."""

from __future__ import annotations

import html
import re

import pytest
from django.utils import translation

from committee import correspondence
from reports import comments, workflow
from reports.models import Report
from reports.structure import loaded_structure
from tests.alerts.conftest import body, smtp  # noqa: F401  (the real SMTP server fixture)
from tests.reports.test_comments import client_for, url, world  # noqa: F401  (the report in clearance)

pytestmark = pytest.mark.django_db


def _shown(response) -> str:
    """The page without its scripts' word list (which names the English it translates)."""
    return re.sub(r"<script.*?</script>", "", response.content.decode(), flags=re.S)


def _threads_on_each_part(report, legal, paragraph, recommendation):
    comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "Cite the Act.")
    comments.start_thread(report, legal, "recommendation", str(recommendation.pk), "Say NOTE.")
    comments.start_thread(report, legal, "title_row", "Wards", "Which wards?")


def test_each_thread_says_where_it_is_in_welsh_and_in_english(world):  # noqa: F811
    report, _author, legal, paragraph, recommendation = world
    _threads_on_each_part(report, legal, paragraph, recommendation)
    with translation.override("cy"):
        welsh = [t.where for t in comments.threads(report, loaded_structure(report))]
    assert welsh == ["baragraff 1.1", "argymhelliad 1", "res y bloc teitl “Wards”"]
    english = [t.where for t in comments.threads(report, loaded_structure(report))]
    assert english == ["paragraph 1.1", "recommendation 1", "the title-block row “Wards”"]


def test_a_thread_whose_part_was_deleted_says_so_in_welsh(world):  # noqa: F811
    report, author, legal, paragraph, recommendation = world
    _threads_on_each_part(report, legal, paragraph, recommendation)
    workflow.return_to_draft(report, author)
    paragraph.delete()
    recommendation.delete()
    with translation.override("cy"):
        threads = comments.threads(report, loaded_structure(report))
    assert [(t.where, t.since_deleted) for t in threads] == [
        ("baragraff a ddilëwyd ers hynny", True),
        ("argymhelliad a ddilëwyd ers hynny", True),
        ("res y bloc teitl “Wards”", False),
    ]
    page = _shown(client_for(author).get(f"/cy{url('report_comments', report)}"))
    assert "ar baragraff a ddilëwyd ers hynny" in page and "since deleted" not in page


def test_the_welsh_comments_page_and_editor_name_each_part_in_welsh(world):  # noqa: F811
    report, author, legal, paragraph, recommendation = world
    _threads_on_each_part(report, legal, paragraph, recommendation)
    page = _shown(client_for(legal).get(f"/cy{url('report_comments', report)}"))
    assert "ar baragraff 1.1," in page and "ar argymhelliad 1," in page and "ar res y bloc teitl “Wards”" in page
    assert "Gwneud sylw ar baragraff 1.2" in page
    for english in ("on paragraph", "on recommendation", "title-block row"):
        assert english not in page
    workflow.return_to_draft(report, author)
    editor = _shown(client_for(author).get(f"/cy{url('report_edit', report)}"))
    assert "ar baragraff 1.1" in editor and "ar argymhelliad 1" in editor
    assert "on paragraph" not in editor and "on recommendation" not in editor


def test_a_refused_comment_says_why_in_welsh(world):  # noqa: F811
    report, _author, legal, paragraph, _recommendation = world
    thread = comments.start_thread(report, legal, "paragraph", str(paragraph.pk), "Cite the Act.")
    comments.resolve(report, legal, thread.pk)
    response = client_for(legal).post(
        f"/cy{url('comment_reply', report, thread.pk)}", {"body": "And the section."}, follow=True
    )
    assert "Mae'r edefyn hwn wedi'i ddatrys: dechreuwch sylw newydd yn lle hynny." in html.unescape(_shown(response))


def test_a_request_for_changes_made_in_welsh_lists_the_open_comments_in_welsh_and_mails_them(
    world,  # noqa: F811
    smtp,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    report, author, legal, paragraph, recommendation = world
    _threads_on_each_part(report, legal, paragraph, recommendation)
    correspondence.choose(author, "cy")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(legal).post(
            f"/cy{url('report_sign_off', report)}", {"role": "legal", "decision": "changes"}
        )
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT
    listed = (
        "Sylwadau agored:\n- Ar baragraff 1.1: Cite the Act.\n- Ar argymhelliad 1: Say NOTE.\n"
        "- Ar res y bloc teitl “Wards”: Which wards?"
    )
    assert report.signoffs.get(role="legal").comment == listed
    [mail] = smtp.to(author.email)
    text = body(mail).replace("\r\n", "\n")
    assert listed in text
    for english in ("Open comments", "On paragraph", "On recommendation", "title-block row"):
        assert english not in text
