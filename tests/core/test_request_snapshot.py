"""A read-only request reads the shared values every page asks for once, together (core/request_snapshot.py),
and never carries them past its end."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from core import council, public_edition, reader_generation, request_snapshot


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cache_calls(monkeypatch):
    """Every call to the shared cache, by name."""
    calls = []
    inside = []  # the in-memory cache's get_many asks its own get for each key: one round trip still
    for name in ("get", "get_many"):
        real = getattr(cache, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            if not inside:
                calls.append(_name)
            inside.append(_name)
            try:
                return _real(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(cache, name, counted)
    return calls


def within_a_request(method: str, view):
    return request_snapshot.SnapshotMiddleware(lambda request: view())(getattr(RequestFactory(), method)("/"))


def test_a_page_reads_the_generation_the_edition_and_the_council_in_one_round_trip(cache_calls):
    council.remember(council.identity_from_settings())
    edition = public_edition.current()
    generation = reader_generation.generation(7)
    cache_calls.clear()
    found = {}

    def view():
        request_snapshot.prefetch(reader_generation.key(7), public_edition.KEY, council.CACHE_KEY)
        found.update(
            generation=reader_generation.generation(7),
            edition=public_edition.current(),
            council=current_twice(),
        )
        return HttpResponse()

    within_a_request("get", view)
    assert cache_calls == ["get_many"]
    assert found["generation"] == generation and found["edition"] == edition
    assert found["council"] == council.identity_from_settings()


def current_twice():
    council.current_council()
    return council.current_council()


def test_the_next_request_sees_a_change_made_after_this_one_read(cache_calls):
    first = public_edition.current()
    seen = []

    def view():
        seen.append(public_edition.current())
        return HttpResponse()

    within_a_request("get", view)
    cache.incr(public_edition.KEY)  # as a commit elsewhere moves it
    within_a_request("get", view)
    assert seen == [first, first + 1]


def test_a_request_that_changes_things_reads_the_cache_every_time(cache_calls):
    def view():
        request_snapshot.prefetch(public_edition.KEY)
        public_edition.current()
        public_edition.current()
        return HttpResponse()

    cache_calls.clear()
    within_a_request("post", view)
    assert "get_many" not in cache_calls
    assert cache_calls.count("get") >= 2


def test_a_value_the_cache_does_not_hold_is_never_remembered():
    def view():
        assert request_snapshot.get("nothing-here") is None
        cache.set("nothing-here", "now kept")
        assert request_snapshot.get("nothing-here") == "now kept"
        return HttpResponse()

    within_a_request("get", view)


def test_outside_a_request_every_question_goes_to_the_cache():
    request_snapshot.prefetch(public_edition.KEY)  # nothing to keep it in: does nothing
    cache.set("value", 1)
    assert request_snapshot.get("value") == 1
    cache.set("value", 2)
    assert request_snapshot.get("value") == 2
