"""Where signing in leads: an officer to their dashboard, a councillor to the home page, and anyone
sent to sign in by a page back to that page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from committee import access
from tests.conftest import make_user


def sign_in(client, username: str, **query):
    url = reverse("login") + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    return client.post(url, {"username": username, "password": "pw", **query})


def test_an_officer_lands_on_their_dashboard(client, author):
    response = sign_in(client, "author")
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:dashboard")
    assert "My reports" in client.get(response["Location"]).content.decode()


def test_an_approver_and_a_governance_officer_land_on_their_dashboard(client, approver, governance_officer):
    assert sign_in(client, "legal")["Location"] == reverse("reports:dashboard")
    client.logout()
    assert sign_in(client, "governance")["Location"] == reverse("reports:dashboard")


@pytest.mark.parametrize(
    "group",
    [access.FINANCE_APPROVERS, access.DIRECTOR_APPROVERS, access.TRANSLATORS],
    ids=["finance", "director", "welsh"],
)
def test_every_kind_of_approver_lands_on_a_dashboard_that_opens(client, db, group):
    make_user("approver", group)
    response = sign_in(client, "approver")
    assert response["Location"] == reverse("reports:dashboard")
    dashboard = client.get(response["Location"])
    assert dashboard.status_code == 200 and "Waiting for my sign-off" in dashboard.content.decode()


def test_a_councillor_lands_on_the_home_page(client, committee_member):
    assert sign_in(client, "member")["Location"] == reverse("home")


def test_the_page_that_asked_for_sign_in_still_comes_first(client, author):
    wanted = reverse("reports:report_new")
    assert sign_in(client, "author", next=wanted)["Location"] == wanted


def test_signing_in_drops_the_anonymous_pages_the_browser_kept(client, committee_member):
    # Public pages may be kept by the browser for a minute; signed in, the reader needs their own.
    assert sign_in(client, "member")["Clear-Site-Data"] == '"cache"'


def test_a_refused_sign_in_clears_nothing(client, committee_member):
    response = client.post("/accounts/login/", {"username": "member", "password": "wrong"})
    assert response.status_code == 200
    assert "Clear-Site-Data" not in response
