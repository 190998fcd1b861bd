"""Redis out of reach: the site answers from the database, uncached, and says so once in its log.

The end-to-end test runs the production settings under gunicorn with REDIS_URL at a port nobody
listens on, against this test's database (committed, so the server sees it)."""

from __future__ import annotations

import http.client
import logging
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from committee import access
from core import redis_cache
from documents import pdf_store
from reports import workflow
from reports.models import Report
from tests.conftest import make_report, make_user


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_cache(settings):
    """The default cache as production has it, at an address where no Redis listens."""
    from django.core.cache import caches

    redis_cache.reset()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.FailSafeRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    yield caches["default"]
    redis_cache.reset()


def test_an_unreachable_redis_is_an_empty_cache_that_keeps_nothing(unreachable_cache):
    assert unreachable_cache.get("page", "default") == "default"
    assert unreachable_cache.add("page", 1) is False
    assert unreachable_cache.set("page", 1) is None
    assert unreachable_cache.get_or_set("page", 2) == 2
    assert unreachable_cache.get_many(["a", "b"]) == {}
    assert unreachable_cache.incr("edition") is None


def test_the_outage_is_logged_once_not_once_a_request(unreachable_cache, caplog, monkeypatch):
    with caplog.at_level(logging.INFO, logger="core.redis_cache"):
        for _ in range(20):
            unreachable_cache.get("page")
        # Past the wait, Redis is tried again and still missing: still one message.
        monkeypatch.setattr(redis_cache, "RETRY_SECONDS", 0)
        redis_cache._outage_for(",".join(unreachable_cache._servers)).retry_at = 0
        unreachable_cache.get("page")
    assert [record.levelname for record in caplog.records] == ["ERROR"]
    assert "Redis cannot be reached" in caplog.records[0].getMessage()


def test_a_redis_that_does_not_answer_holds_a_request_for_well_under_a_second(unreachable_cache, monkeypatch):
    started = time.monotonic()
    for _ in range(50):
        unreachable_cache.get("page")
    assert time.monotonic() - started < 1


def test_redis_back_again_is_emptied_before_it_is_read_and_the_return_is_logged(settings, caplog):
    """While Redis was away, someone signed out and a report was withdrawn: what it kept from before must
    not come back."""
    from django.core.cache import caches

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    settings.CACHES = {"default": {"BACKEND": "core.redis_cache.FailSafeRedisCache", "LOCATION": url}}
    redis_cache.reset()
    cache = caches["default"]
    try:
        cache.set("session", "signed in")
        cache._failed(redis_cache.RedisError("lost"))
        assert cache.get("session") is None  # out: nothing is read
        redis_cache._outage_for(",".join(cache._servers)).retry_at = 0
        with caplog.at_level(logging.WARNING, logger="core.redis_cache"):
            assert cache.get("session") is None  # back, and emptied first
        assert "reachable again" in caplog.text
        cache.set("session", "new")
        assert cache.get("session") == "new"
    finally:
        cache.clear()
        redis_cache.reset()


# The production settings, end to end -----------------------------------------------------------------


def run_manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def production_environment(tmp_path) -> dict:
    database = connection.settings_dict
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/"
            f"{database['NAME']}"
        ),
        REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0",
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        STATIC_ROOT=str(tmp_path / "static"),
        SECURE_SSL_REDIRECT="false",
        WEB_CONCURRENCY="1",
    )
    return environment


class Browser:
    """Just enough of a browser: keeps cookies (the production ones are Secure, sent here over plain
    HTTP with the proxy's X-Forwarded-Proto: https)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str = "") -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1{path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response.status, dict(response.getheaders()), data


def wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


@pytest.mark.django_db(transaction=True)
def test_production_serves_pages_pdfs_and_sign_in_with_redis_unreachable(tmp_path, committee, meeting):
    from urllib.parse import urlencode

    officer = make_user("officer", access.GOVERNANCE_OFFICERS, is_staff=True)
    # Hashed as production hashes (the test settings' fast hasher is not one production knows).
    officer.password = PBKDF2PasswordHasher().encode("a long pass phrase for the test", "saltsaltsalt")
    officer.save()
    report = make_report(committee, meeting=meeting, status=Report.Status.APPROVED, title="Library opening hours")
    workflow.publish(report, officer)
    revision = report.revisions.get(is_published=True)
    pdf_store.frozen_pdf(revision)  # as the worker has done

    environment = production_environment(tmp_path)
    collected = run_manage("collectstatic", "--noinput", env=environment)
    assert collected.returncode == 0, collected.stderr
    port = closed_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "-b", f"127.0.0.1:{port}", "config.wsgi"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port, server)
        browser = Browser(port)
        for path in ["/", report.get_absolute_url(), f"/reports/{report.pk}/pdf/", "/static/build/app.css"]:
            status, headers, body = browser.request("GET", path)
            assert status == 200, (path, status, body[:500])
        assert body  # the stylesheet itself
        status, _, body = browser.request("GET", f"/reports/{report.pk}/pdf/")
        assert body.startswith(b"%PDF")

        status, _, page = browser.request("GET", "/accounts/login/")
        assert status == 200
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        form = urlencode(
            {"csrfmiddlewaretoken": token, "username": "officer", "password": "a long pass phrase for the test"}
        )
        status, headers, page = browser.request("POST", "/accounts/login/", form)
        assert status == 302, page.decode()
        assert "__Host-sessionid" in browser.cookies
        status, _, page = browser.request("GET", "/")
        assert status == 200
        assert b"Sign out" in page
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    log = errors.decode()
    assert log.count("Redis cannot be reached") == 1, log
    assert "Traceback" not in log, log
