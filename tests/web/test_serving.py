"""Serving public pages so that shared caches can keep them: no cookies and no Vary: Cookie for
anonymous visitors, conditional GET (ETag, 304), private pages for people signed in, and page
query counts that do not grow with the council's size."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from committee.models import AgendaItem, AgendaPublication, Meeting
from publishing import publication
from reports.models import Paragraph, Recommendation, Report, Section
from tests.conftest import make_meeting, make_report

pytestmark = pytest.mark.django_db


def public_urls(demo_report: Report) -> dict[str, str]:
    meeting = demo_report.meeting
    committee = demo_report.committee
    return {
        "home": "/",
        "committees": reverse("committee:committee_list"),
        "committee": committee.get_absolute_url(),
        "meeting": meeting.get_absolute_url(),
        "report": demo_report.get_absolute_url(),
        "work programme": reverse("committee:work_programme_public", args=[committee.slug]),
        "forward plan": reverse("committee:forward_plan"),
        "meetings": reverse("committee:meeting_list"),
        "calendar": reverse("committee:meeting_calendar"),
        "search": reverse("committee:search") + "?q=safeguarding",
        "documents feed": reverse("committee:documents_feed"),
        "iCal": reverse("committee:ical_committee", args=[committee.slug]),
        "minutes": reverse("committee:meeting_minutes", args=[meeting.pk]),
    }


@pytest.fixture
def example(demo) -> Report:
    return Report.objects.select_related("meeting", "committee").get(title__startswith="HMIC")


def vary(response) -> set[str]:
    return {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "committees",
        "committee",
        "meeting",
        "report",
        "work programme",
        "forward plan",
        "meetings",
        "calendar",
        "search",
        "documents feed",
        "iCal",
    ],
)
def test_anonymous_public_pages_set_no_cookie_and_do_not_vary_on_cookies(client, example, name):
    response = client.get(public_urls(example)[name])

    assert response.status_code == 200
    assert not response.cookies, f"{name} sets {list(response.cookies)}"
    assert "Set-Cookie" not in response.headers
    assert "cookie" not in vary(response)
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["committee", "meeting", "report"])
def test_a_page_seen_before_is_answered_not_modified(client, example, name):
    url = public_urls(example)[name]
    first = client.get(url)
    etag = first["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_a_changed_page_is_sent_again_in_full(client, example):
    from committee import access
    from tests.conftest import make_user

    officer = make_user("correcting-officer", access.GOVERNANCE_OFFICERS, is_staff=True)

    url = example.get_absolute_url()
    etag = client.get(url)["ETag"]
    # A correction changes the public page once it is published (reports/published.py).
    Report.objects.filter(pk=example.pk).update(title="HMIC report, corrected title")
    publication.publish_correction(Report.objects.get(pk=example.pk), officer, "Title corrected.")

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "corrected title" in response.content.decode()


def test_pages_for_someone_signed_in_are_private(client, example):
    client.force_login(User.objects.get(username="governance"))

    response = client.get(example.committee.get_absolute_url())

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "cookie" in vary(response)


def test_an_anonymous_visitor_with_an_old_session_cookie_gets_a_private_page(client, example):
    client.cookies["sessionid"] = "expired-or-made-up"

    response = client.get(example.committee.get_absolute_url())

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_the_sign_in_page_sets_its_csrf_cookie_and_is_not_shared(client, db):
    response = client.get(reverse("login"))

    assert "csrftoken" in response.cookies
    assert "private" in response["Cache-Control"]


def test_signing_in_still_works_without_a_session_cookie_to_start_with(client, governance_officer):
    client.get(reverse("login"))

    response = client.post(reverse("login"), {"username": "governance", "password": "pw"})

    assert response.status_code == 302
    assert "sessionid" in response.cookies
    assert client.get(reverse("committee:meetings_manage")).status_code == 200


def test_static_files_keep_whitenoise_headers(client, db):
    response = client.get("/static/img/council-logo.svg")

    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "") or "max-age" in response["Cache-Control"]


# Constant queries ---------------------------------------------------------------------------


def grow(meeting: Meeting, reports: int) -> list[Report]:
    """Publish `reports` more structured reports on the meeting's agenda."""
    publication, _ = AgendaPublication.objects.get_or_create(
        meeting=meeting,
        kind=AgendaPublication.Kind.AGENDA,
        defaults={"published_at": meeting.starts_at - datetime.timedelta(days=7)},
    )
    if meeting.agenda_published_at is None:
        meeting.agenda_published_at = publication.published_at
        meeting.save(update_fields=["agenda_published_at"])
    made = []
    start = meeting.agenda_items.count()
    for index in range(reports):
        report = make_report(
            meeting.committee,
            meeting=meeting,
            title=f"Report {start + index}",
            status=Report.Status.PUBLISHED,
            published_at=timezone.now(),
            summary="<p>Summary.</p>",
        )
        Recommendation.objects.create(report=report, position=0, text="<p>That the Committee notes the report.</p>")
        for position in range(3):
            section = Section.objects.create(report=report, position=position, heading=f"Section {position}")
            heading = Paragraph.objects.create(section=section, position=0, heading="A sub-heading")
            Paragraph.objects.create(section=section, parent=heading, position=0, text="<p>Child.</p>")
            Paragraph.objects.create(section=section, position=1, text="<p>Text.</p>")
        AgendaItem.objects.create(
            meeting=meeting,
            position=start + index,
            title=report.title,
            kind=AgendaItem.Kind.REPORT,
            report=report,
            publication=publication,
        )
        made.append(report)
    return made


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_public_pages_make_as_many_queries_for_a_big_council_as_for_a_small_one(
    client, committee, django_assert_max_num_queries
):
    meetings = [make_meeting(committee, datetime.date(2025, 1, 6) + datetime.timedelta(days=28 * i)) for i in range(2)]
    first = grow(meetings[0], 2)[0]
    urls = {
        "committee": committee.get_absolute_url(),
        "meeting": meetings[0].get_absolute_url(),
        "report": first.get_absolute_url(),
        "work programme": reverse("committee:work_programme_public", args=[committee.slug]),
        "meetings": reverse("committee:meeting_list") + "?month=2025-01",
        "search": reverse("committee:search") + "?q=report",
        "documents feed": reverse("committee:documents_feed"),
        "iCal": reverse("committee:ical_committee", args=[committee.slug]),
    }
    small = {name: count_queries(client, url) for name, url in urls.items()}

    grow(meetings[0], 10)
    grow(meetings[1], 10)
    for i in range(20):
        make_meeting(committee, datetime.date(2026, 1, 5) + datetime.timedelta(days=7 * i))

    for name, url in urls.items():
        with django_assert_max_num_queries(small[name], info=name):
            client.get(url)


# The shared page cache (production keeps anonymous pages for PUBLIC_PAGE_CACHE_SECONDS) -------------


def test_an_anonymous_page_is_served_from_the_cache_without_rendering_again(client, example, page_cache):
    url = example.committee.get_absolute_url()
    first = client.get(url)

    with CaptureQueriesContext(connection) as context:
        again = client.get(url)

    assert again.status_code == 200
    assert again.content == first.content
    assert len(context.captured_queries) == 0
    assert again["ETag"] == first["ETag"]
    assert "public" in again["Cache-Control"]


def test_the_cached_page_still_answers_not_modified(client, example, page_cache):
    url = example.get_absolute_url()
    etag = client.get(url)["ETag"]

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_someone_signed_in_never_gets_the_anonymous_copy(client, example, page_cache):
    url = example.committee.get_absolute_url()
    client.get(url)
    client.force_login(User.objects.get(username="governance"))

    body = client.get(url).content.decode()

    assert "Sign out" in body
    assert "private" in client.get(url)["Cache-Control"]


def test_a_page_with_a_csrf_token_is_never_cached(client, db, page_cache):
    from django.core.cache import cache

    client.get(reverse("login"))
    other = type(client)()
    first = other.get(reverse("login"))

    assert "csrftoken" in first.cookies
    assert not any(str(key).startswith(":1:public-page") for key in getattr(cache, "_cache", {}))


def test_asking_for_no_cache_renders_the_page_afresh(client, example, page_cache):
    url = example.committee.get_absolute_url()
    client.get(url)

    with CaptureQueriesContext(connection) as context:
        response = client.get(url, HTTP_CACHE_CONTROL="no-cache")

    assert response.status_code == 200
    assert len(context.captured_queries) > 0


def test_production_keeps_sessions_and_the_cache_in_redis():
    import json
    import os
    import secrets
    import subprocess
    import sys

    from django.conf import settings

    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY=secrets.token_urlsafe(64))
    code = (
        "import json; from django.conf import settings as s; print(json.dumps([s.CACHES['default']['BACKEND'], "
        "s.CACHES['default']['LOCATION'], s.SESSION_ENGINE, s.PUBLIC_PAGE_CACHE_SECONDS, "
        "s.STORAGES['staticfiles']['BACKEND']]))"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    backend, location, sessions, page_seconds, static = json.loads(done.stdout.strip().splitlines()[-1])

    assert backend == "core.redis_cache.FailSafeRedisCache"  # Django's RedisCache, failing safe
    assert location == "redis://127.0.0.1:6379/0"
    assert sessions == "django.contrib.sessions.backends.cached_db"
    assert page_seconds > 0
    assert static.endswith("CompressedManifestStaticFilesStorage")


def test_the_redis_cache_stores_and_reads_back(settings):
    """The production cache against the Redis the app runs with (CI starts it on 127.0.0.1:6379)."""
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/14", {"KEY_PREFIX": "cr-test"})
    cache.set("fragment", "<p>Rendered</p>", 30)

    assert cache.get("fragment") == "<p>Rendered</p>"
    cache.delete("fragment")
