"""Security headers that Django's own SecurityMiddleware does not set.

A Content-Security-Policy that allows no inline script or style: report text is
sanitised on the way in (core/richtext.py), and this is the second line of
defence should anything ever slip through — a browser refuses to run it.
Kept as a few lines of our own rather than a dependency: the policy is fixed,
and the settings below let a council tighten or extend it without code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

DEFAULT_CONTENT_SECURITY_POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
}

# No page needs the camera, microphone, location or payment: say so, so that
# embedded content can never ask for them either.
DEFAULT_PERMISSIONS_POLICY: dict[str, str] = {
    "camera": "()",
    "microphone": "()",
    "geolocation": "()",
    "payment": "()",
    "usb": "()",
}


def format_policy(directives: Mapping[str, str], *, separator: str) -> str:
    return separator.join(f"{name} {value}".strip() for name, value in directives.items())


def format_permissions(directives: Mapping[str, str]) -> str:
    return ", ".join(f"{name}={value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy to every response.

    A view that needs something different sets the header itself; we never overwrite it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.csp = format_policy(
            getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CONTENT_SECURITY_POLICY), separator="; "
        )
        self.permissions = format_permissions(getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.csp and "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = self.csp
        if self.permissions and "Permissions-Policy" not in response.headers:
            response.headers["Permissions-Policy"] = self.permissions
        return response


# Sign-in throttling (django-axes) ------------------------------------------

try:
    from axes.backends import AxesStandaloneBackend
except ImportError:  # pragma: no cover - axes is in requirements.txt
    AxesStandaloneBackend = object  # type: ignore[misc,assignment]


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses sign-in for a user name and address that failed too often (django-axes).

    Every sign-in form (ours and the admin's) passes the request to authenticate(), so every
    attempt over HTTP is counted. Only code calls authenticate() without a request — the test
    client's login(), a management command — and there is no client to throttle: let the
    next backend decide instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The sign-in page again, saying plainly why signing in is paused and for how long."""

    cooloff = getattr(settings, "AXES_COOLOFF_TIME", None)
    minutes = int(cooloff.total_seconds() // 60) if cooloff is not None else None
    return render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token: explain in the site's own page what to do."""

    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def client_ip(request: HttpRequest) -> str | None:
    """The address sign-in throttling counts failures against. Behind TRUSTED_PROXY_COUNT reverse
    proxies every request comes from the nearest proxy, so the client is read from X-Forwarded-For,
    counting from the right: the entries our own proxies appended, never one the client could
    have written itself."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote  # not through all our proxies: the direct peer is all we know
    return forwarded[-proxies]
