"""Public pages that shared caches (a CDN, a council's reverse proxy) can keep.

A page is the same for every visitor who is not signed in. Two things would stop a cache keeping it:
a Set-Cookie header, and ``Vary: Cookie`` (Django adds it whenever the session is read, and reading
``request.user`` reads the session). So:

- ``AuthenticationMiddleware`` does not read the session of a request that carries no session
  cookie: that visitor is anonymous, and nothing in the response then depends on cookies.
- ``PublicCacheHeadersMiddleware`` marks such an anonymous, cookie-free response
  ``Cache-Control: public, max-age=…`` and a signed-in person's pages ``private``.
- Django's ``ConditionalGetMiddleware`` (in settings, outside this one) adds an ETag and answers
  ``If-None-Match`` with 304 Not Modified.

A shared cache in front must pass requests that carry the session cookie to the app (the README's
"Serving" section shows how); signed-in pages say ``private`` and are never kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from core import public_edition
from web import readers

CACHEABLE_STATUSES = {200, 203, 204, 300, 301, 404, 410}


def _signed_in_user(request: HttpRequest):
    if not hasattr(request, "_cached_user"):  # where Django's own get_user keeps it
        request._cached_user = readers.signed_in_user(request)
        # Once known, the user itself: every attribute read through the lazy object costs an exception,
        # and a kept page's access checks read a few hundred.
        request.user = request._cached_user
    return request._cached_user


def has_session_cookie(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, except that a request without a session cookie is anonymous without asking the session,
    and a signed-in reader is kept between requests with what they are entitled to (web/readers.py)."""

    def process_request(self, request: HttpRequest) -> None:
        if has_session_cookie(request):
            super().process_request(request)
            request.user = SimpleLazyObject(lambda: _signed_in_user(request))
            return None
        anonymous = AnonymousUser()
        request.user = anonymous

        async def auser():
            return request.user

        request.auser = auser
        return None


class PublicCacheHeadersMiddleware:
    """Cache-Control for pages that do not set their own: public for anonymous visitors, private otherwise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.max_age = getattr(settings, "PUBLIC_PAGE_MAX_AGE", 60)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        if self._is_anonymous_and_cookie_free(request, response):
            if response.status_code in CACHEABLE_STATUSES:
                patch_cache_control(response, public=True, max_age=self.max_age)
        else:
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def _is_anonymous_and_cookie_free(request: HttpRequest, response: HttpResponse) -> bool:
        if response.cookies or has_session_cookie(request):
            return False
        varies = {value.strip().lower() for value in response.get("Vary", "").split(",")}
        if "cookie" in varies:
            return False
        user = getattr(request, "user", None)
        return user is None or not user.is_authenticated


class AnonymousPageCacheMiddleware:
    """Keeps public pages, as rendered for anonymous visitors, in the shared cache (Redis) for
    PUBLIC_PAGE_CACHE_SECONDS; off (0) unless a setting turns it on, as production does.

    Only requests without a session or messages cookie are served from it, and only responses that
    set no cookie (so never a page carrying a CSRF token) and that PublicCacheHeadersMiddleware marked
    public are stored. A page is kept under the public edition (core/public_edition.py), so
    anything published, withdrawn or corrected shows to the next visitor; what no saved row records is
    at most that many seconds stale, as it may be in any shared cache anyway (its max-age). A request
    saying ``Cache-Control: no-cache`` is rendered afresh.

    A public file the app serves from storage (a public report's PDF, web/views/downloads.py) is kept
    as where it is and its headers, and sent from storage: no query, no access check repeated within
    those seconds, as for the report's page; a signed-in person's request always goes to the app.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.seconds = int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 0))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.seconds or not self._eligible(request):
            return self.get_response(request)

        key = self._key(request, public_edition.current())
        if "no-cache" not in request.headers.get("Cache-Control", ""):
            stored = cache.get(key)
            response = self._from_cache(stored) if stored is not None else None
            if response is not None:
                return response
        response = self.get_response(request)
        if request.method == "GET" and self._storable(response):
            cache.set(key, self._for_cache(response), self.seconds)
        return response

    @staticmethod
    def _for_cache(response: HttpResponse) -> tuple:
        """A page's content and headers; for a file (a public report's PDF), where it is and its headers."""
        file_name = getattr(response, "cacheable_file_name", None)
        if file_name:
            return ("file", file_name, list(response.items()))
        return (response.content, list(response.items()))

    @staticmethod
    def _from_cache(stored: tuple) -> HttpResponse | None:
        if len(stored) == 3:
            _kind, file_name, headers = stored
            try:
                response = FileResponse(default_storage.open(file_name, "rb"))
            except FileNotFoundError:  # removed since (clear_stale_pdfs): ask the app
                return None
        else:
            content, headers = stored
            response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response

    @staticmethod
    def _eligible(request: HttpRequest) -> bool:
        if request.method not in ("GET", "HEAD") or has_session_cookie(request):
            return False
        return getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in request.COOKIES

    @staticmethod
    def _key(request: HttpRequest, edition: int) -> str:
        """The page's address, in this edition of the public record, today (lists of upcoming meetings
        move on at midnight with no change to any row)."""

        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return f"public-page:{edition}:{timezone.localdate():%Y%m%d}:" + hashlib.sha256(url.encode()).hexdigest()

    @staticmethod
    def _storable(response: HttpResponse) -> bool:
        if response.status_code != 200 or response.cookies:
            return False
        if response.streaming and not getattr(response, "cacheable_file_name", None):
            return False
        varies = {value.strip().lower() for value in response.get("Vary", "").split(",")}
        return "cookie" not in varies and "public" in response.get("Cache-Control", "")
