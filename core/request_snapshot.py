"""The few shared-cache values every page asks for, read once a request, together.

A signed-in reader's page asks Redis for the reader's generation (core/reader_generation.py), the
public edition (core/public_edition.py) and the council's identity (core/council.py), the last twice.
Each is a round trip; under load each costs about as much as the minimal page's whole work. So a
page that is only read (GET or HEAD) reads them through this snapshot: ``prefetch`` fetches what the
request will need in one ``get_many`` once it knows whose they are (web/readers.py, after the
session), and ``get`` answers from what the request has already read, else from the cache.

The snapshot is the request's own and ends with it (``SnapshotMiddleware``), so a change made by
another request is seen by the next one exactly as before. A request that changes things (any other
method) reads the cache every time, as its own writes must be seen within it. A value the cache does
not hold is never remembered: the caller's own fallback (a new edition, the council read from the
database) runs as before, and Redis out of reach is no different from an empty cache.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

_values: ContextVar[dict | None] = ContextVar("request_snapshot", default=None)

READ_ONLY_METHODS = ("GET", "HEAD")


def prefetch(*keys: str) -> None:
    """Read these keys in one round trip for the rest of the request (nothing outside a snapshot)."""
    values = _values.get()
    if values is None:
        return
    missing = [key for key in keys if key not in values]
    if missing:
        values.update(cache.get_many(missing))


def get(key: str):
    """The value under ``key`` as this request first read it, or from the cache (None if not kept)."""
    values = _values.get()
    if values is None:
        return cache.get(key)
    if key not in values:
        found = cache.get(key)
        if found is None:
            return None
        values[key] = found
    return values[key]


class SnapshotMiddleware:
    """Gives each read-only request its snapshot; outermost, so everything inside reads through it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in READ_ONLY_METHODS:
            return self.get_response(request)
        token = _values.set({})
        try:
            return self.get_response(request)
        finally:
            _values.reset(token)
