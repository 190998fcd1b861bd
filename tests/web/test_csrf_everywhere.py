"""Every form post needs its CSRF token: a page on another site cannot make a signed-in
officer publish, delete or change anything. Walks every URL the project has, so a view
added tomorrow is covered tomorrow."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.urlwalk import all_routes

ROUTES = all_routes()
REFUSAL = "Your form could not be sent"
# The only views that take a POST without a token, each with its reason. A mail program's one-click
# unsubscribe (RFC 8058) POSTs with no cookie and no token: the signed link in the address is the proof,
# and all it can do is stop the one alert it names (alerts/views.py).
DELIBERATELY_EXEMPT = {"alerts:unsubscribe"}


def test_every_url_pattern_can_be_reached_by_a_concrete_path():
    # A route that cannot be built (or is shadowed by an earlier pattern) would escape the walk below.
    unreachable = [route.pattern for route in ROUTES if route.path is None]
    assert unreachable == []
    assert len(ROUTES) > 30


def test_no_view_opts_out_of_csrf_protection():
    exempt = {route.name for route in ROUTES if getattr(route.callback, "csrf_exempt", False)}
    assert exempt == DELIBERATELY_EXEMPT


@pytest.fixture
def officer_client(governance_officer) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(governance_officer)
    return client


def test_a_post_without_a_csrf_token_is_refused_everywhere(officer_client, django_assert_max_num_queries):
    refused_properly, wrong = [], []
    for route in ROUTES:
        # CsrfViewMiddleware runs before any view, so no view code runs: only the session, the
        # user and the refusal page's own chrome are queried.
        with django_assert_max_num_queries(8):
            response = officer_client.post(route.path, {"title": "Forged", "reason": "Forged"})
        body = response.content.decode()
        if response.status_code == 403 and REFUSAL in body and "CSRF" in body:
            refused_properly.append(route.name)
        elif route.name in DELIBERATELY_EXEMPT and response.status_code == 404:
            refused_properly.append(route.name)  # reaches the view, which refuses a link it did not sign
        else:
            wrong.append(f"{route.name} ({route.path}) answered {response.status_code}")
    assert wrong == []
    assert len(refused_properly) == len(ROUTES)


def test_the_same_post_with_its_token_gets_through(governance_officer):
    # The control: the refusal above is the missing token, not something else about the request.
    client = Client(enforce_csrf_checks=True)
    client.force_login(governance_officer)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_forged_sign_out_leaves_the_officer_signed_in(officer_client):
    officer_client.post("/accounts/logout/")
    assert "_auth_user_id" in officer_client.session
