"""The in-browser editor's autosave and Enter: one block saved as JSON with the version check, a
paragraph split where Enter was pressed, and what each refuses (conflict, bad input, who may)."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import editable_text
from reports import blocks, editing, revisions, workflow
from reports.models import Paragraph, Report
from reports.structure import prefetch_report, report_structure
from reports.templates_setup import ensure_standard_template, start_report_from_template
from tests.conftest import make_user


@pytest.fixture
def draft(db, committee, author):
    report = start_report_from_template(
        ensure_standard_template(), committee=committee, title="Libraries review", report_of="Director", author=author
    )
    revisions.record(report, author)
    return report


def first_paragraph(report) -> Paragraph:
    return Paragraph.objects.filter(section__report=report, parent=None).order_by("section__position", "position")[0]


def save(client, report, **body):
    return client.post(
        reverse("reports:block_save", args=[report.pk]), json.dumps(body), content_type="application/json"
    )


def split(client, report, paragraph, **body):
    return client.post(
        reverse("reports:paragraph_split", args=[report.pk, paragraph.pk]),
        json.dumps(body),
        content_type="application/json",
    )


def version(report) -> int:
    return Report.objects.get(pk=report.pk).version


# The rules --------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["", "summary-1", "paragraph-", "paragraph-0", "paragraph-1x", "section-3", 7, None])
def test_a_key_that_names_no_block_is_refused(key):
    with pytest.raises(editing.EditError):
        blocks.parse_key(key)


def test_keys_name_the_summary_a_recommendation_or_a_paragraph():
    assert blocks.parse_key("summary") == blocks.Block("summary")
    assert blocks.parse_key("recommendation-12").pk == 12
    assert blocks.parse_key("paragraph-40") == blocks.Block("paragraph", 40)
    assert blocks.parse_key("paragraph-40").key == "paragraph-40"


def test_stored_html_is_sanitised_and_drops_empty_lines():
    html = "<p>One <strong>b</strong></p><p></p><p><br></p><ul><li><p></p></li></ul><script>x()</script>"
    assert blocks.stored_html(html) == "<p>One <strong>b</strong></p>"


@pytest.mark.parametrize(
    "html",
    [
        "  <p> </p>\n<p>Kept</p>\n<p><br></p>  ",
        "<ol><li><p></p></li></ol><p><em>x</em></p>",
        '<p><a href="javascript:x">y</a></p>',
    ],
)
def test_a_paragraph_stores_what_a_minutes_text_box_stores(html):
    # One rule for what an editor sent, whichever editor sent it (core/editable_text.py).
    assert blocks.stored_html(html) == editable_text.from_editor(html)
    assert "<p></p>" not in blocks.stored_html(html)


def test_a_table_keeps_its_header_row():
    html = '<table><thead><tr><th scope="col">Year</th></tr></thead><tbody><tr><td>2026</td></tr></tbody></table>'
    assert blocks.stored_html(html) == html


@pytest.mark.parametrize("html", [None, 3, ["<p>x</p>"], "x" * (blocks.MAX_BLOCK_CHARACTERS + 1)])
def test_text_that_is_missing_or_too_long_is_refused(html):
    with pytest.raises(editing.EditError):
        blocks.stored_html(html)


# Saving a block ---------------------------------------------------------------------------------


def test_the_summary_is_saved_and_the_version_moves_on(client, author, draft):
    client.force_login(author)
    before = version(draft)
    response = save(client, draft, block="summary", html="<p>The <em>new</em> summary</p>", version=before)
    assert response.status_code == 200
    assert response.json() == {"version": before + 1, "html": "<p>The <em>new</em> summary</p>"}
    assert Report.objects.get(pk=draft.pk).summary == "<p>The <em>new</em> summary</p>"
    assert draft.revisions.count() == 2  # each autosave is an ordinary versioned change


def test_a_paragraph_and_a_recommendation_are_saved(client, author, draft):
    client.force_login(author)
    paragraph = first_paragraph(draft)
    response = save(client, draft, block=f"paragraph-{paragraph.pk}", html="<p>Para</p>", version=version(draft))
    assert response.status_code == 200
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>Para</p>"
    recommendation = editing.add_recommendation(draft, "<p>That the Committee notes.</p>")
    response = save(
        client,
        draft,
        block=f"recommendation-{recommendation.pk}",
        html="<p>That it agrees.</p>",
        version=version(draft),
    )
    assert response.status_code == 200
    recommendation.refresh_from_db()
    assert recommendation.text == "<p>That it agrees.</p>"


def test_a_save_after_someone_else_saved_is_a_conflict_that_shows_their_text(client, author, draft):
    client.force_login(author)
    loaded = version(draft)
    assert save(client, draft, block="summary", html="<p>Theirs</p>", version=loaded).status_code == 200
    response = save(client, draft, block="summary", html="<p>Mine</p>", version=loaded)
    assert response.status_code == 409
    assert response.json()["theirs"] == "<p>Theirs</p>"
    assert response.json()["version"] == loaded + 1
    assert "Your text is kept here" in response.json()["error"]
    assert Report.objects.get(pk=draft.pk).summary == "<p>Theirs</p>"


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b'{"block": "summary", "version": 1}',
        b'{"block": "nonsense", "html": "<p>x</p>", "version": 1}',
        b'{"block": "paragraph-999999", "html": "<p>x</p>", "version": 1}',
        b'{"block": "summary", "html": "<p>x</p>", "version": "1"}',
        b"\xff\xfe",
    ],
)
def test_bad_requests_are_refused_with_a_message_and_change_nothing(client, author, draft, body):
    client.force_login(author)
    before = version(draft)
    response = client.post(reverse("reports:block_save", args=[draft.pk]), body, content_type="application/json")
    assert response.status_code in (400, 409)
    assert response.json()["error"]
    assert version(draft) == before


def test_a_paragraph_of_another_report_cannot_be_saved_through_this_one(client, author, draft, committee):
    other = start_report_from_template(
        ensure_standard_template(), committee=committee, title="Other", report_of="Director", author=author
    )
    client.force_login(author)
    theirs = first_paragraph(other)
    response = save(client, draft, block=f"paragraph-{theirs.pk}", html="<p>x</p>", version=version(draft))
    assert response.status_code == 400
    theirs.refresh_from_db()
    assert theirs.text != "<p>x</p>"


def test_only_the_reports_editors_may_save(client, draft):
    client.force_login(make_user("stranger"))
    assert save(client, draft, block="summary", html="<p>x</p>", version=version(draft)).status_code == 404
    client.logout()
    assert save(client, draft, block="summary", html="<p>x</p>", version=version(draft)).status_code == 302
    assert client.get(reverse("reports:block_save", args=[draft.pk])).status_code == 405


# Enter: splitting a paragraph ---------------------------------------------------------------------


def numbers(report) -> dict[str, str]:
    doc = report_structure(prefetch_report(Report.objects.filter(pk=report.pk)).get())
    return {n: p.text for n, p in doc.paragraph_by_number().items()}


def test_enter_splits_the_paragraph_and_the_next_one_is_numbered_after_it(client, author, draft):
    client.force_login(author)
    paragraph = first_paragraph(draft)
    with editing.changing(draft, author, version(draft)) as locked:
        blocks.save(locked, blocks.Block("paragraph", paragraph.pk), "<p>Whole</p>")
    before = numbers(draft)
    number = next(n for n, text in before.items() if text == "<p>Whole</p>")
    response = split(
        client, draft, paragraph, before="<p>First half</p>", after="<p>second half</p>", version=version(draft)
    )
    assert response.status_code == 200
    created = Paragraph.objects.get(pk=int(response.json()["block"].removeprefix("paragraph-")))
    assert created.section_id == paragraph.section_id and created.parent_id == paragraph.parent_id
    after = numbers(draft)
    assert after[number] == "<p>First half</p>"
    next_number = number.rsplit(".", 1)[0] + "." + str(int(number.rsplit(".", 1)[1]) + 1)
    assert after[next_number] == "<p>second half</p>"
    assert response.json()["location"].endswith(f"#paragraph-{created.pk}")


def test_enter_at_the_end_starts_an_empty_paragraph(client, author, draft):
    client.force_login(author)
    paragraph = first_paragraph(draft)
    response = split(client, draft, paragraph, before="<p>All of it</p>", after="<p></p>", version=version(draft))
    assert response.status_code == 200
    assert Paragraph.objects.get(pk=int(response.json()["block"].split("-")[1])).text == ""


def test_a_split_sent_again_after_its_answer_was_lost_is_answered_as_before_and_made_once(client, author, draft):
    client.force_login(author)
    paragraph = first_paragraph(draft)
    count = Paragraph.objects.count()
    body = {"before": "<p>a</p>", "after": "<p>b</p>", "version": version(draft), "change": "0123456789abcdef"}
    first = split(client, draft, paragraph, **body)
    again = split(client, draft, paragraph, **{**body, "after": "<p>b and more</p>"})
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert Paragraph.objects.count() == count + 1
    # Another change is a change of its own: refused, as the version it was sent with has moved on.
    assert split(client, draft, paragraph, **{**body, "change": "fedcba9876543210"}).status_code == 409


def test_a_split_after_someone_else_saved_changes_nothing(client, author, draft):
    client.force_login(author)
    paragraph = first_paragraph(draft)
    count = Paragraph.objects.count()
    response = split(client, draft, paragraph, before="<p>a</p>", after="<p>b</p>", version=version(draft) - 1)
    assert response.status_code == 409
    assert Paragraph.objects.count() == count


# The editor page stays small and its queries constant however long the report ----------------------


def test_the_editor_page_makes_the_same_queries_and_one_link_a_paragraph_however_long(client, author, draft):
    client.force_login(author)
    section = draft.sections.filter(is_background_papers=False).first()
    url = reverse("reports:report_edit", args=[draft.pk])

    def measure():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        return len(captured.captured_queries), response.content.decode()

    Paragraph.objects.bulk_create(
        Paragraph(section=section, position=100 + i, text=f"<p>Short {i}.</p>") for i in range(3)
    )
    few, _ = measure()
    Paragraph.objects.bulk_create(
        Paragraph(section=section, position=200 + i, text=f"<p>Long {i}.</p>") for i in range(60)
    )
    many, html = measure()
    assert few == many
    # One link a paragraph (its number), not a form per action: the actions are on its own form.
    assert html.count('aria-label="Edit paragraph ') == Paragraph.objects.filter(section__report=draft).count()
    assert html.count("<form") < 20
    assert html.count('class="council-block"') >= 63


# Revisions: one for each sitting, not one for each keystroke ---------------------------------------


def test_fifty_autosaves_in_one_sitting_keep_one_working_revision_up_to_date(client, author, draft):
    client.force_login(author)
    started = version(draft)
    for n in range(50):
        assert save(client, draft, block="summary", html=f"<p>Draft {n}</p>", version=started + n).status_code == 200
    assert version(draft) == started + 50  # every save still moves the version on
    kept = list(draft.revisions.order_by("number"))
    assert len(kept) == 2  # as started, and this sitting's working revision
    assert kept[-1].content["summary"] == "<p>Draft 49</p>"
    assert kept[-1].content["version"] == started + 50
    assert kept[0].content["summary"] == ""  # the report as it was started is kept as it was


def test_a_conflict_is_still_found_after_many_autosaves_and_says_what_changed(client, author, draft):
    client.force_login(author)
    loaded = version(draft)  # a second tab, loaded now
    for n in range(10):
        save(client, draft, block="summary", html=f"<p>Draft {n}</p>", version=loaded + n)
    response = save(client, draft, block="summary", html="<p>From the other tab</p>", version=loaded)
    assert response.status_code == 409
    assert response.json()["theirs"] == "<p>Draft 9</p>"
    assert Report.objects.get(pk=draft.pk).summary == "<p>Draft 9</p>"
    conflict = editing.EditConflict(Report.objects.get(pk=draft.pk), loaded)
    assert [part.label for part in conflict.changes()] == ["Summary"]


def test_a_pause_another_editor_or_a_step_of_clearance_starts_a_new_revision(
    client, author, governance_officer, committee, draft
):
    def save_as(user, text):
        client.force_login(user)
        assert save(client, draft, block="summary", html=f"<p>{text}</p>", version=version(draft)).status_code == 200

    def summaries():
        return [r.content["summary"] for r in draft.revisions.order_by("number")]

    with time_machine.travel("2026-03-02 09:00 +00:00", tick=False) as clock:
        save_as(author, "Morning")
        clock.shift(datetime.timedelta(minutes=19))
        save_as(author, "Morning, edited")
        assert summaries() == ["", "<p>Morning, edited</p>"]
        clock.shift(revisions.SITTING_PAUSE)
        save_as(author, "After coffee")
        save_as(governance_officer, "Governance tidied")
        save_as(author, "Author again")
        assert summaries() == [
            "",
            "<p>Morning, edited</p>",
            "<p>After coffee</p>",
            "<p>Governance tidied</p>",
            "<p>Author again</p>",
        ]
        type(committee).objects.filter(pk=committee.pk).update(
            requires_legal_signoff=False, requires_finance_signoff=False, requires_director_signoff=False
        )
        workflow.submit(draft, author)
        workflow.return_to_draft(draft, author)
        save_as(author, "After clearance")
        assert summaries()[-2:] == ["<p>Author again</p>", "<p>After clearance</p>"]
        for _ in range(int(revisions.LONGEST_SITTING / datetime.timedelta(minutes=10))):
            clock.shift(datetime.timedelta(minutes=10))
            save_as(author, "A long sitting")
        assert len(summaries()) == 7  # a new one after two hours of typing


def test_a_refusal_at_the_welsh_address_reads_welsh(client, author, draft):
    client.force_login(author)
    response = client.post(
        "/cy" + reverse("reports:block_save", args=[draft.pk]),
        json.dumps({"block": "nonsense", "html": "<p>x</p>", "version": version(draft)}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"] == "Nid yw honno'n rhan o'r adroddiad y gall y golygydd ei chadw."
