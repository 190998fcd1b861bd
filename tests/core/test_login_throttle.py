"""Signing in is throttled after repeated failures (django-axes), with a page that says why."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import make_user


@pytest.fixture
def officer(db):
    return make_user("officer", "Governance officers")


def sign_in(client: Client, password: str, username: str = "officer"):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_wrong_password_shows_the_form_again_with_an_error(client, officer):
    response = sign_in(client, "wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_sign_in_is_paused_after_repeated_failures_even_with_the_right_password(client, officer):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Too many attempts to sign in" in body
    assert "paused for 15 minutes" in body
    assert "democratic services team" in body

    response = sign_in(client, "pw")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_pause_ends_after_the_cool_off(client, officer, time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    assert sign_in(client, "pw").status_code == 429
    time_machine.move_to("2026-03-02 09:16:00+00:00", tick=False)
    response = sign_in(client, "pw")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_one_success_forgives_earlier_failures(client, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")
    assert sign_in(client, "pw").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200


def test_another_persons_account_is_not_locked_by_someone_elses_failures(client, officer):
    make_user("colleague", "Report authors")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    assert sign_in(client, "pw", username="colleague").status_code == 302


def test_the_admin_sign_in_is_throttled_too(client, db):
    make_user("boss", is_staff=True, is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/admin/login/", {"username": "boss", "password": "wrong"})
    assert response.status_code == 429
    assert client.post("/admin/login/", {"username": "boss", "password": "pw"}).status_code == 429


def test_test_clients_login_and_force_login_still_work(client, officer):
    # authenticate() without a request (the test client's login) is not an HTTP attempt to throttle.
    assert client.login(username="officer", password="pw")
    assert not Client().login(username="officer", password="wrong")
    other = Client()
    other.force_login(officer)
    assert other.get("/reports/").status_code == 200


def test_behind_a_proxy_one_persons_failures_do_not_lock_out_everyone_else(settings, officer):
    """Every request reaches gunicorn from the proxy: without reading X-Forwarded-For, an attacker's
    failures would lock the officer out wherever they sign in from."""
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, "wrong")
    assert sign_in(attacker, "pw").status_code == 429
    # The attacker cannot pose as someone else by writing the header themselves: our proxy appends.
    forged = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    assert sign_in(forged, "pw").status_code == 429

    officer_at_work = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert sign_in(officer_at_work, "pw").status_code == 302
