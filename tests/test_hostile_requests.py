"""Hostile query strings and path values get a clear 4xx, never a server error.

Every URL pattern (tests/urlwalk.py walks them, so a view added tomorrow is covered tomorrow) is
requested by an anonymous visitor and by a governance officer, with each query parameter the view
reads — found by recording what it asks of request.GET — and each path parameter set in turn to a
value an attacker or a broken link might send: NUL, a 30-digit number, a superscript digit, 10,000
characters, impossible dates and negative numbers. The names of the parameters come from the code
itself (every `request.GET` look-up), so a new parameter is tried the day it is added.
"""

from __future__ import annotations

import pathlib
import re
from urllib.parse import quote, urlencode

import pytest
import weasyprint
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls.converters import get_converters

from opendata import moderngov
from opendata.views import oparl
from tests.matrix_world import World, build_world
from tests.test_access_matrix import _reverse, subject_kwargs
from tests.urlwalk import all_routes

ROOT = pathlib.Path(__file__).resolve().parent.parent
HOSTILE = {
    "NUL": "\x00",
    "NUL in text": "a\x00b",
    "30 digits": "9" * 30,
    "superscript two": "²",
    "10,000 characters": "a" * 10_000,
    "impossible date": "2024-02-30",
    "negative": "-1",
    "year 9999": "9999-12",
    "year 1": "0001-01",
    "30-digit year": "9" * 30 + "-01",
}
# Parameters read through a variable rather than a literal name.
READ_BY_VARIABLE = set(oparl.FILTERS)
_LOOKUP = re.compile(
    r"""(?:request\.GET(?:\.get|\.getlist)?\(|request\.GET\[|Params\(request\.GET\)\.text\(|"""
    r"""params\.(?:text|integer|boolean|date)\(|positive_int\(request,\s*|_old_id\(request,\s*|"""
    r"""bad_requests\.(?:integer|month|date)\(request\.GET,\s*)"(\w+)\""""
)


def query_parameter_names() -> set[str]:
    """Every query parameter name the project's code reads, found in the source."""
    names = set(READ_BY_VARIABLE)
    folders = ("core", "committee", "reports", "work_programme", "documents", "publishing", "web", "alerts", "opendata")
    for folder in folders:
        for source in (ROOT / folder).rglob("*.py"):
            names |= set(_LOOKUP.findall(source.read_text()))
    return names


NAMES = sorted(query_parameter_names())
ROUTES = all_routes()
PERSONAS = ["anonymous", "governance_officer"]


def test_the_parameter_names_are_found_in_the_code():
    # The control: the source scan finds the parameters the attack pass used.
    for name in ("month", "q", "committee", "limit", "page", "sOrder", "ID", "from", "modified_since"):
        assert name in NAMES


class RecordingQueryDict(QueryDict):
    """request.GET that remembers which names the view asked for (in the shared set `asked`)."""

    asked: set[str] = set()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)

    def getlist(self, key, default=None):
        self.asked.add(key)
        return super().getlist(key, default)


class RenderingTriggered(Exception):
    pass


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def recorder(monkeypatch):
    """Swaps in the recording request.GET, and stops any PDF being rendered (a hostile value must be
    refused before that, and the test must stay quick)."""
    asked: set[str] = set()
    monkeypatch.setattr(RecordingQueryDict, "asked", asked)

    def recording_get(request):
        return RecordingQueryDict(request.META.get("QUERY_STRING", ""), encoding=request.encoding)

    monkeypatch.setattr(WSGIRequest, "GET", property(recording_get, lambda request, value: None))
    real_text = moderngov.Params.text

    def text(self, name, required=False):
        asked.add(name)
        return real_text(self, name, required)

    monkeypatch.setattr(moderngov.Params, "text", text)

    def refuse(*args, **kwargs):
        raise RenderingTriggered

    monkeypatch.setattr(weasyprint.HTML, "render", refuse)
    return asked


def _routes_to_try() -> list:
    """Every route once: the lower-case aliases of Modern.gov's addresses run the same view."""
    seen, routes = set(), []
    for route in ROUTES:
        key = (route.callback, route.pattern.lower())
        if key not in seen:
            seen.add(key)
            routes.append(route)
    return routes


def _valid_paths(world: World, persona: str) -> list[tuple[object, str, dict]]:
    """(route, path, path values) for every URL pattern: the matrix's real objects where it knows the
    route (a published report for the visitor, a draft for the officer), else the walker's dummy
    path. The web service is tried once per operation."""
    from tests import access_matrix as spec

    paths = []
    for route in _routes_to_try():
        expect = spec.EXPECTATIONS.get(route.name)
        if expect is None:
            paths.append((route, route.path, {}))
            continue
        state = spec.SUBJECT_STATES[expect.subject][0]
        if expect.subject == "report":
            state = "published_public" if persona == "anonymous" else "draft"
        kwargs = subject_kwargs(world, route.name, expect.subject, state)
        if "<str:operation>" in route.pattern:
            prefix = route.pattern.split("/")[0]
            paths += [(route, f"/{prefix}/{operation}", kwargs) for operation in moderngov.OPERATIONS]
        else:
            paths.append((route, _reverse(world, route.name, expect.subject, state), kwargs))
    return paths


_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>([^)]*)\)")


def path_variants(route_pattern: str, kwargs: dict) -> list[tuple[str, str]]:
    """The path with one parameter at a time replaced by each hostile value its converter accepts
    (the others never reach the view: the resolver answers 404)."""
    converters = get_converters()
    parameters = []
    for match in _PARAMETER.finditer(route_pattern):
        if match.group(2):
            regex = converters[match.group(1) or "str"].regex
            parameters.append((match.group(2), regex))
        else:
            parameters.append((match.group(3), match.group(4)))
    variants = []
    for name, regex in parameters:
        for label, value in HOSTILE.items():
            if not re.fullmatch(regex, value):
                continue
            values = {other: str(kwargs.get(other, "1")) for other, _regex in parameters}
            values[name] = quote(value, safe="")
            path = _PARAMETER.sub(lambda m, values=values: values[m.group(2) or m.group(3)], route_pattern)
            variants.append((f"{name}={label}", "/" + path.lstrip("^").rstrip("$")))
    return variants


def _ask(client: Client, url: str) -> tuple[int, str]:
    try:
        response = client.get(url)
    except RenderingTriggered:
        return 0, "rendered a PDF"
    except Exception as error:  # noqa: BLE001 - the test client re-raises what would have been a 500
        return 500, repr(error)[:200]
    return response.status_code, ""


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_hostile_query_or_path_value_gets_a_server_error(world, recorder, persona, db):
    client = Client()
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    benign = urlencode(dict.fromkeys(NAMES, "1"))
    failures = []
    tried = 0
    tried_paths = set()
    for route, path, kwargs in _valid_paths(world, persona):
        # Which parameters does this view read? Ask it once with every known name present.
        recorder.clear()
        _ask(client, f"{path}?{benign}")
        read = sorted(n for n in NAMES if n.lower() in {a.lower() for a in recorder})
        for parameter in read:
            for label, value in HOSTILE.items():
                url = f"{path}?{urlencode({parameter: value})}"
                status, why = _ask(client, url)
                tried += 1
                if status >= 500 or status == 0:
                    failures.append(f"{route.name} {path} ?{parameter}={label}: {status} {why}")
        if route.pattern.startswith("admin/") or route.pattern in tried_paths:
            continue  # Django's own admin: its path converters are Django's, tested by Django
        tried_paths.add(route.pattern)
        for label, url in path_variants(route.pattern, kwargs):
            status, why = _ask(client, url)
            tried += 1
            if status >= 500 or status == 0:
                failures.append(f"{route.name} {label}: {status} {why}")
    assert tried > 500
    assert failures == [], "\n".join(failures)


# The values the attack pass found, each answered clearly on its own surface. ---------------------


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/?month=9999-12",
        "/meetings/?month=0001-01",
        "/meetings/?month=" + "9" * 30 + "-01",
        "/meetings/calendar/?month=9999-12",
        "/meetings/calendar/?month=" + "9" * 30 + "-01",
        "/meetings/?month=2024-13",
        "/meetings/?month=nonsense",
        "/meetings/?committee=%C2%B2",
    ],
)
def test_a_month_or_committee_no_calendar_can_show_is_a_400_page_saying_what_to_send(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    body = response.content.decode()
    assert "The address could not be read" in body
    assert "YYYY-MM" in body or "whole number" in body


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/search/?q=budget%00",
        "/open-data/meetings.csv?committee=%00",
        "/meetings/1/pack/public%00.pdf",
    ],
)
def test_a_nul_in_the_address_is_a_400_page(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "(NUL)" in response.content.decode()


@pytest.mark.parametrize("page", ["mgCommitteeDetails.aspx", "mgAi.aspx", "ieListDocuments.aspx?MId=1&x="])
def test_an_old_modern_gov_address_with_a_strange_id_is_not_found(client, db, page):
    query = "MId" if page.startswith("ie") else "ID"
    for value in ("%C2%B2", "9" * 30, "-1"):
        response = client.get(f"/{page.split('?')[0]}?{query}={value}")
        assert response.status_code == 404


def test_staff_forms_refuse_an_id_that_is_not_a_number(client, world, db):
    client.force_login(world.users["governance_officer"])
    meeting = world.published_meeting
    response = client.post(f"/manage/meetings/{meeting.pk}/minutes/confirm/", {"at_meeting": "abc"})
    assert response.status_code == 400
    assert "‘at_meeting’ must be a whole number" in response.content.decode()
    report = world.reports["draft"]
    client.force_login(world.users["author"])
    section = report.sections.filter(is_background_papers=False).first()
    response = client.post(
        f"/reports/{report.pk}/edit/sections/{section.pk}/paragraphs/add/",
        {"parent": "abc", "text": "Added", "version": report.version},
    )
    assert response.status_code == 400
    assert "‘parent’ must be a whole number" in response.content.decode()
