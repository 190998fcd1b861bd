"""Signed-in readers' pages kept whole in the process (web/fragments.py render_page): the header is
each kind of reader's own, the sign-out form carries this request's CSRF token, and nothing kept
outlives the public edition or a reader's entitlement."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from committee import access
from committee.models import Committee
from tests.conftest import make_user
from tests.reading_room.builders import coming_meeting
from tests.web.test_page_parts import part_2_link

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def coming(committee, author, approver, governance_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return coming_meeting(committee, author, approver, governance_officer)


def test_a_page_is_kept_whole_until_the_public_edition_moves(
    client, page_parts, committee, committee_member, django_capture_on_commit_callbacks
):
    client.force_login(committee_member)
    url = committee.get_absolute_url()
    assert f"<title>{committee.name}" in client.get(url).content.decode()
    # A bulk update no signal sees: the edition stays, so the page is served as kept.
    Committee.objects.filter(pk=committee.pk).update(name="Renamed without a signal")
    assert f"<title>{committee.name}" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        committee.refresh_from_db()
        committee.save()  # a change the public can see: a new edition
    assert "<title>Renamed without a signal" in client.get(url).content.decode()


def test_a_kept_page_signs_out_with_its_own_requests_token(page_parts, committee, committee_member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(committee_member)
    url = committee.get_absolute_url()
    client.get(url)
    kept = client.get(url)
    tokens = set(TOKEN.findall(kept.content.decode()))
    assert len(tokens) == 1 and "csrf-token-" not in kept.content.decode()
    response = client.post(reverse("logout"), {"csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_header_is_each_readers_own_on_a_kept_page(client, page_parts, committee, committee_member, author):
    """The committee page's content is the same for all but the governance team; its header is not."""
    url = committee.get_absolute_url()
    dashboard = f'href="{reverse("reports:dashboard")}"'
    register = f'href="{reverse("members:register_review")}"'
    client.force_login(committee_member)
    page = client.get(url).content.decode()
    assert dashboard not in page and register not in page
    client.force_login(author)
    assert dashboard in client.get(url).content.decode()
    client.force_login(make_user("monitoring", access.MONITORING_OFFICERS))
    page = client.get(url).content.decode()
    assert register in page and dashboard not in page
    client.force_login(committee_member)
    page = client.get(url).content.decode()
    assert dashboard not in page and register not in page
    client.logout()
    page = client.get(url).content.decode()
    assert reverse("login") in page and "Sign out" not in page


def test_a_kept_meeting_page_follows_the_readers_part_2_entitlement(
    client, page_parts, coming, committee_member, other_committee_member
):
    meeting, _public, exempt = coming
    url = reverse("committee:meeting_detail", args=[meeting.pk])
    client.force_login(committee_member)
    client.get(url)
    assert part_2_link(exempt) in client.get(url).content.decode()
    client.force_login(other_committee_member)
    assert part_2_link(exempt) not in client.get(url).content.decode()
    client.logout()
    assert part_2_link(exempt) not in client.get(url).content.decode()


def test_a_browser_that_has_the_kept_page_is_told_so_and_its_copy_still_signs_out(
    page_parts, committee, committee_member
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(committee_member)
    url = committee.get_absolute_url()
    first = client.get(url)
    assert client.get(url)["ETag"] == first["ETag"]  # rendered, then kept: the same page
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    token = TOKEN.search(first.content.decode()).group(1)
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_browser_whose_copy_holds_an_older_csrf_secret_or_edition_is_sent_the_page_again(
    page_parts, committee, committee_member, django_capture_on_commit_callbacks
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(committee_member)
    url = committee.get_absolute_url()
    etag = client.get(url)["ETag"]
    client.cookies.pop(settings.CSRF_COOKIE_NAME)  # a new secret, as signing in again makes
    fresh = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and fresh["ETag"] != etag
    token = TOKEN.search(fresh.content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        committee.save()  # a change the public can see: a new edition, a new page
    assert client.get(url, HTTP_IF_NONE_MATCH=fresh["ETag"]).status_code == 200
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302


def test_an_anonymous_visitors_kept_page_sets_no_cookie_and_stays_public(client, page_parts, committee):
    """Shared caches keep only pages without a cookie (web/caching.py): the page kept whole must not
    ask for a CSRF token it has no form for."""
    url = committee.get_absolute_url()
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200 and not response.cookies
        assert response["Cache-Control"] == "public, max-age=60"
