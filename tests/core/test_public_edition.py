"""The public edition (core/public_edition.py): the anonymous page cache never shows a page older
than the public record — a withdrawn report is gone, and a correction shows, for the very next visitor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from committee.models import Committee
from core import public_edition
from reports import workflow
from reports.models import Paragraph, Report, Section
from tests.conftest import make_report


@pytest.fixture
def example(demo) -> Report:
    return Report.objects.select_related("meeting", "committee").get(title__startswith="HMIC")


def queries_for(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return len(context.captured_queries), response.content.decode()


def test_a_report_found_to_be_exempt_is_gone_from_the_cached_pages_for_the_next_visitor(
    client, example, page_cache, django_capture_on_commit_callbacks
):
    report_url, meeting_url = example.get_absolute_url(), example.meeting.get_absolute_url()
    assert f'href="{report_url}"' in client.get(meeting_url).content.decode()
    assert "Recommendations" in client.get(report_url).content.decode()
    assert queries_for(client, report_url)[0] == 0  # kept, as production keeps it

    # Governance finds exempt information in it and marks it so (the report's details form saves it);
    # public pages treat it as exempt from that moment (reports/published.py).
    with django_capture_on_commit_callbacks(execute=True):
        report = Report.objects.get(pk=example.pk)
        report.is_exempt, report.exempt_paragraph = True, 3
        report.save()

    assert "Recommendations" not in client.get(report_url).content.decode()
    assert f'href="{report_url}"' not in client.get(meeting_url).content.decode()


def test_a_published_correction_shows_at_once(client, example, page_cache, django_capture_on_commit_callbacks):
    url = example.get_absolute_url()
    client.get(url)
    Report.objects.filter(pk=example.pk).update(title="HMIC report, corrected title")

    # Edited but not yet published: the kept page is still the public one.
    assert "corrected title" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        officer = User.objects.get(username="governance")
        workflow.publish_correction(Report.objects.get(pk=example.pk), officer, "Title corrected.")

    assert "corrected title" in client.get(url).content.decode()


def test_an_officer_drafting_a_new_report_does_not_empty_the_page_cache(
    client, example, page_cache, django_capture_on_commit_callbacks
):
    url = example.committee.get_absolute_url()
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_report(example.committee, title="A draft nobody outside may see yet")
        section = Section.objects.create(report=draft, heading="Background", position=1)
        Paragraph.objects.create(section=section, text="<p>First thoughts.</p>", position=1)
        draft.summary = "<p>Changed.</p>"
        draft.save()

    count, body = queries_for(client, url)
    assert count == 0
    assert "A draft nobody outside may see yet" not in body


def test_a_change_made_in_the_admin_shows_at_once(client, example, page_cache, django_capture_on_commit_callbacks):
    url = example.committee.get_absolute_url()
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        committee = Committee.objects.get(pk=example.committee_id)
        committee.name = "Children and Young People Committee"
        committee.save()

    assert "Children and Young People Committee" in client.get(url).content.decode()


def test_the_edition_moves_only_when_the_change_is_committed(db, django_capture_on_commit_callbacks):
    before = public_edition.current()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                public_edition.changed()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert public_edition.current() == before

    with django_capture_on_commit_callbacks(execute=True):
        public_edition.changed()
    assert public_edition.current() != before


def test_a_cache_that_lost_the_edition_starts_a_new_one_not_an_old_one(db, django_capture_on_commit_callbacks):
    first = public_edition.current()
    with django_capture_on_commit_callbacks(execute=True):
        public_edition.changed()
    cache.delete(public_edition.KEY)

    assert public_edition.current() not in (first, first + 1)
