"""The reading room's report page shows the same kept copy of a published body as the public report page
(reports/kept_bodies.py): rendered once for everyone, a Part 2 body never kept, and a correction shown
at once."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from core import council
from reports import kept_bodies, revisions
from tests.reading_room.builders import coming_meeting, reword

POISON = "Text planted in the kept copy, which only a kept copy can show"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    council.remember(council.identity_from_settings())
    yield
    cache.clear()


@pytest.fixture
def coming(committee, author, approver, governance_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return coming_meeting(committee, author, approver, governance_officer)


def key_of(report) -> str:
    revision = revisions.published_revisions(report)[-1]
    return kept_bodies.body_key(revision, revisions.uploaded_papers(revision.content))


def test_the_reading_room_keeps_the_body_the_public_page_then_shows(client, committee_member, coming):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    first = client.get(reverse("reading_room:report", args=[public.pk])).content.decode()
    assert "The library opens at nine every weekday." in first
    assert "The library opens at nine every weekday." in cache.get(key_of(public))
    # The public page finds the same copy: made once for both.
    cache.set(key_of(public), f'<div class="council-paragraph" id="paragraph-1.1"><p>{POISON}</p></div>')
    assert POISON in client.get(reverse("reports:report_detail", args=[public.pk])).content.decode()
    assert POISON in client.get(reverse("reading_room:report", args=[public.pk])).content.decode()


def test_the_reading_room_reads_the_copy_the_public_page_kept(client, committee_member, coming):
    _meeting, public, _exempt = coming
    client.get(reverse("reports:report_detail", args=[public.pk]))  # anonymous: keeps the body
    cache.set(key_of(public), f"<p>{POISON}</p>")
    client.force_login(committee_member)
    assert POISON in client.get(reverse("reading_room:report", args=[public.pk])).content.decode()


def test_a_part_2_body_is_never_kept_and_a_correction_shows_at_once(
    client, committee_member, coming, governance_officer, django_capture_on_commit_callbacks
):
    _meeting, public, exempt = coming
    client.force_login(committee_member)
    page = client.get(reverse("reading_room:report", args=[exempt.pk])).content.decode()
    assert "Visits rose by a tenth in 2016." in page
    assert cache.get(key_of(exempt)) is None
    assert "Visits rose by a tenth" not in "".join(str(v) for v in cache._cache.values())

    client.get(reverse("reading_room:report", args=[public.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        reword(public, governance_officer, 0, "<p>The library opens at eight every weekday.</p>")
    page = client.get(reverse("reading_room:report", args=[public.pk])).content.decode()
    assert "The library opens at eight every weekday." in page
    assert "opens at nine" not in page
