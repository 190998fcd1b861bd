"""Two people editing one report: the second save is refused, shows what changed, and
neither person's text is lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports import revisions
from reports.models import Paragraph, Report
from reports.templates_setup import ensure_standard_template, start_report_from_template


@pytest.fixture
def draft(db, committee, author, other_author):
    report = start_report_from_template(
        ensure_standard_template(), committee=committee, title="Libraries review", report_of="Director", author=author
    )
    report.shared_with.add(other_author)
    section = report.sections.get(heading="Why this report is needed")
    Paragraph.objects.create(section=section, position=0, text="<p>Two years of partnership libraries.</p>")
    revisions.record(report, author)
    return report


def test_the_second_save_is_refused_with_what_changed_and_the_typed_text_kept(client, author, other_author, draft):
    from django.test import Client

    paragraph = Paragraph.objects.get(section__report=draft, text__contains="partnership")
    url = reverse("reports:paragraph_change", args=[draft.pk, paragraph.pk, "save"])
    loaded_at = draft.version

    first = Client()
    first.force_login(author)
    response = first.post(url, {"version": loaded_at, "text": "Three years of partnership libraries."})
    assert response.status_code == 302

    second = Client()
    second.force_login(other_author)
    response = second.post(url, {"version": loaded_at, "text": "Two years of community-run libraries."})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Somebody else changed this report while you were editing it" in body
    # what the first person changed, highlighted
    assert "<del>Two</del>" in body and "<ins>Three</ins>" in body
    # the second person's own words are still in the box
    assert "Two years of community-run libraries.</textarea>" in body
    # and the first person's save stands
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>Three years of partnership libraries.</p>"

    # having seen the changes, the second person can save on top of them
    current = Report.objects.get(pk=draft.pk).version
    assert f'name="version" value="{current}"' in body
    response = second.post(url, {"version": current, "text": "Three years of community-run libraries."})
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.text == "<p>Three years of community-run libraries.</p>"


def test_a_stale_move_is_refused_too(client, author, draft):
    paragraph = Paragraph.objects.get(section__report=draft, text__contains="partnership")
    client.force_login(author)
    client.post(reverse("reports:summary_save", args=[draft.pk]), {"version": draft.version, "summary": "New"})
    response = client.post(
        reverse("reports:paragraph_change", args=[draft.pk, paragraph.pk, "delete"]), {"version": draft.version}
    )
    assert response.status_code == 409
    assert Paragraph.objects.filter(pk=paragraph.pk).exists()


def test_every_save_bumps_the_version_and_the_sittings_working_revision_keeps_the_last(client, author, draft):
    client.force_login(author)
    url = reverse("reports:summary_save", args=[draft.pk])
    before = draft.revisions.count()
    client.post(url, {"version": draft.version, "summary": "One"})
    client.post(url, {"version": draft.version + 1, "summary": "Two"})
    draft.refresh_from_db()
    assert draft.version == 3
    assert draft.revisions.count() == before + 1  # one sitting, one working revision
    assert draft.revisions.order_by("-number").first().content["summary"] == "<p>Two</p>"


def test_a_refused_title_block_keeps_what_was_typed(client, author, draft):
    client.force_login(author)
    url = reverse("reports:report_details", args=[draft.pk])
    client.post(reverse("reports:summary_save", args=[draft.pk]), {"version": draft.version, "summary": "Other"})
    response = client.post(
        url, {"version": draft.version, "title": "My better title", "report_of": "Director", "all_wards": "on"}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert 'value="My better title"' in body
    assert "Somebody else changed this report" in body
    assert Report.objects.get(pk=draft.pk).title == "Libraries review"


def test_a_report_made_outside_the_editor_keeps_its_first_state_on_the_first_save(client, author, committee):
    from tests.conftest import make_report

    report = make_report(committee, author=author, summary="<p>Imported summary.</p>")
    client.force_login(author)
    client.post(reverse("reports:summary_save", args=[report.pk]), {"version": 1, "summary": "Edited."})
    first, second = report.revisions.order_by("number")
    assert first.content["summary"] == "<p>Imported summary.</p>" and first.created_by is None
    assert second.content["summary"] == "<p>Edited.</p>"


@pytest.mark.django_db(transaction=True)
def test_a_correction_sent_six_times_at_once_publishes_one_revision_and_one_pdf(committee, meeting, governance_officer):
    """Six tabs (or six clicks) publishing the same correction at the same moment: each request runs in
    its own thread with its own database connection, as under gunicorn."""
    import threading

    from django_tasks_db.models import DBTaskResult

    from documents import tasks
    from publishing import publication
    from tests.conftest import make_report

    report = make_report(committee, meeting=meeting, status=Report.Status.APPROVED, title="Library opening hours")
    publication.publish_report(report, governance_officer)
    Report.objects.filter(pk=report.pk).update(summary="Sunday opening is 10:00 to 16:00, not 10:00 to 14:00.")
    renders = DBTaskResult.objects.filter(task_path=tasks.render_published_report.module_path)
    renders_before = renders.count()
    url = reverse("reports:report_correct", args=[report.pk])
    start = threading.Barrier(6)
    answers = []

    def publish_the_correction():
        from django.db import connection
        from django.test import Client

        officer = Client()
        officer.force_login(governance_officer)
        start.wait()
        try:
            answers.append(officer.post(url, {"note": "Sunday opening hours corrected."}))
        finally:
            connection.close()

    threads = [threading.Thread(target=publish_the_correction) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [answer.status_code for answer in answers] == [302] * 6
    published = report.revisions.filter(is_published=True).order_by("number")
    assert [revision.revision_note for revision in published] == ["", "Sunday opening hours corrected."]
    assert renders.count() == renders_before + 1
    assert report.transitions.filter(comment__startswith="Correction published").count() == 1
