"""Security headers on every kind of page, and no inline script or style for the
Content-Security-Policy to have to allow."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from reports.models import Report

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
}


def parse_csp(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value.strip()
    return directives


def assert_security_headers(response) -> None:
    assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


class InlineCodeFinder(HTMLParser):
    """Collects everything a strict CSP would block: inline scripts, style blocks and
    attributes, event-handler attributes and javascript: links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        data_only = attributes.get("type") in {"application/json", "application/ld+json"}
        if tag == "script" and not attributes.get("src") and not data_only:
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> block")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name.startswith("on"):
                self.problems.append(f"{name} handler on <{tag}>")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL on <{tag}>")


def inline_code_in(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems


def pages_for(client, user=None) -> list[str]:
    report = Report.objects.get(title__startswith="HMIC")
    committee = report.committee
    pages = ["/", "/committees/", committee.get_absolute_url(), report.get_absolute_url(), "/forward-plan/"]
    meeting = committee.meetings.order_by("starts_at").last()
    pages.append(meeting.get_absolute_url())
    if user is not None:
        pages += ["/reports/", "/manage/meetings/", f"/manage/meetings/{meeting.pk}/agenda/", "/admin/"]
        pages += [f"/committees/{committee.slug}/work-programme/manage/", "/admin/reports/report/"]
    return pages


def test_public_pages_carry_the_security_headers_and_no_inline_code(client, demo):
    for path in [*pages_for(client), "/accounts/login/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_security_headers(response)
        assert inline_code_in(response.content.decode()) == [], path


def test_staff_pages_carry_the_security_headers_and_no_inline_code(client, demo):
    from django.contrib.auth.models import User

    # The administrator sees every staff page, the admin's included.
    client.force_login(User.objects.get(username="admin"))
    for path in pages_for(client, "admin"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_security_headers(response)
        problems = inline_code_in(response.content.decode())
        if path.startswith("/admin/"):
            # Django's change list adds one <style> rule when a list has no actions; harmless if blocked.
            problems = [problem for problem in problems if problem != "<style> block"]
        assert problems == [], path


@pytest.mark.django_db
def test_error_pages_and_files_carry_the_headers_too(client):
    assert_security_headers(client.get("/reports/999999/"))
    assert_security_headers(client.get("/committees/no-such-committee/"))


@pytest.mark.django_db
def test_a_view_that_sets_its_own_policy_keeps_it(rf):
    from django.http import HttpResponse

    from core.security import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse("ok")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(view)(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"


def template_files() -> list[Path]:
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    return [path for folder in folders for path in folder.rglob("*.html")]


def test_no_template_has_inline_script_or_style():
    offenders = {}
    for path in template_files():
        name = path.relative_to(settings.BASE_DIR / "templates").as_posix()
        # Template tags would confuse the HTML parser; what they produce is checked on real pages above.
        source = re.sub(r"{%.*?%}|{{.*?}}", "x", path.read_text(), flags=re.S)
        problems = inline_code_in(source)
        if problems:
            offenders[name] = problems
    assert offenders == {}


def test_the_scripts_the_pages_load_are_our_own_static_files():
    base = (settings.BASE_DIR / "templates" / "base.html").read_text()
    assert '<script type="module" src="{% static \'js/app.js\' %}"></script>' in base
    app_js = (settings.BASE_DIR / "static" / "js" / "app.js").read_text()
    assert 'from "/static/build/govuk-frontend.min.js"' in app_js
