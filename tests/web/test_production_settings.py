"""With production settings, Django's deployment checklist finds nothing to warn about."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

from django.conf import settings


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.gov.uk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_long_secret_key():
    for key in ["", "short", "dev-only-not-secret-change-me"]:
        result = run_manage("check", DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY=key)
        assert result.returncode != 0
        assert "Set SECRET_KEY to a long random value" in result.stderr


def test_production_cookies_are_secure_and_host_bound():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_NAME, s.SECURE_SSL_REDIRECT, s.DEBUG)",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.gov.uk",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-6:] == ["True", "True", "True", "__Host-sessionid", "True", "False"]


def test_production_keeps_database_connections_between_requests():
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection as c;"
        " print(c.settings_dict['CONN_MAX_AGE'], c.settings_dict['CONN_HEALTH_CHECKS'])",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.gov.uk",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["600", "True"]
