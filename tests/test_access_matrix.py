"""The access matrix: every URL pattern × every persona × every report state, against the
expectations in tests/access_matrix.py. A new view without an expectation fails here, so that
nobody can add a page without deciding who may see it."""

from __future__ import annotations

import io
import json
import os
import re

import pytest
from django.db import transaction
from django.urls import reverse

from tests import access_matrix as spec
from tests.matrix_world import World, build_world, canary
from tests.urlwalk import all_routes

OBSERVE = os.environ.get("ACCESS_MATRIX_OBSERVE")  # set to a file name to record what the project does


# tests/urlwalk.py walks the URL resolver, following every include, so nothing can hide from the matrix.
ROUTES = all_routes()
ALL_PATTERNS = [(route.name, route.pattern) for route in ROUTES]
UNNAMED = {route.name for route in ROUTES if route.name == route.pattern}
PROJECT_PATTERNS = sorted({name for name, route in ALL_PATTERNS if not route.startswith("admin/")})


def test_every_url_pattern_has_an_expectation():
    missing = [name for name in PROJECT_PATTERNS if name not in spec.EXPECTATIONS]
    routes = dict(ALL_PATTERNS)
    assert not missing, (
        "These URL patterns have no access expectation. Decide who may see them and add an entry to "
        "EXPECTATIONS in tests/access_matrix.py, e.g.\n"
        + "\n".join(f'    "{name}": Expect(subject=..., get=..., post=...),  # /{routes[name]}' for name in missing)
        + "\nThe subjects, personas and rules are explained at the top of that file."
    )
    stale = sorted(set(spec.EXPECTATIONS) - set(PROJECT_PATTERNS))
    assert not stale, f"tests/access_matrix.py has expectations for URL names that no longer exist: {stale}"


def _cases():
    for name in PROJECT_PATTERNS + list(spec.ADMIN_SAMPLE):
        expect = spec.EXPECTATIONS.get(name) or spec.ADMIN_SAMPLE.get(name)
        if expect is None:
            continue
        for state in spec.SUBJECT_STATES[expect.subject]:
            for persona in spec.PERSONAS:
                short = name if name in UNNAMED else name.split(":")[-1]
                yield pytest.param(name, persona, state, id=f"{short}-{persona}-{state}")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end; each test
    runs in a savepoint within it, so what one test POSTs never reaches the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


def subject_kwargs(world: World, name: str, subject: str, state: str) -> dict:
    short = name.split(":")[-1]
    if subject == "none":
        return {"body_id": 1, "kind": "meeting", "rest": "no-such-thing"}
    if subject == "committee":
        return {"slug": world.committee.slug, "pk": world.committee.pk}
    if subject == "dataset":
        return {"dataset": state, "fmt": "csv"}
    if subject == "pack":
        return {"pk": world.published_meeting.pk, "variant": state}
    if subject == "meeting":
        meeting = world.published_meeting if state == "agenda_published" else world.unpublished_meeting
        return {
            "pk": meeting.pk,
            "item_pk": meeting.agenda_items.order_by("part", "position").last().pk,
            "direction": "up",
            "operation": "GetMeeting",
            "meeting": meeting.pk,
        }
    if subject == "wp_item":
        return {"pk": world.wp_items[state].pk}
    report = world.reports[state]
    section = report.sections.filter(is_background_papers=False).first()
    items = {
        "recommendation_change": lambda: report.recommendations.first().pk,
        "appendix_file": lambda: report.appendices.first().pk,
        "paper_file": lambda: report.background_papers.first().pk,
        "section_change": lambda: section.pk,
        "paragraph_change": lambda: section.paragraphs.filter(parent=None).first().pk,
        "paper_change": lambda: report.background_papers.first().pk,
        "appendix_change": lambda: report.appendices.first().pk,
    }
    by_file = {
        "appendix_download": lambda: report.appendices.first().pk,
        "background_paper_download": lambda: report.background_papers.first().pk,
        "oparl_object": lambda: str(report.pk),
    }
    return {
        "pk": by_file[short]() if short in by_file else report.pk,
        "kind": "paper",
        "item": items[short]() if short in items else None,
        "section": section.pk,
        "action": "down",
        "number": 1,
        "object_id": str(report.pk),
    }


def body_text(response) -> str:
    """What a visitor receives, as text: pages, feeds, CSV, PDFs (read back with pypdf) and files."""
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if content.startswith(b"%PDF"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() or "" for page in reader.pages) + str(reader.metadata)
    return content.decode("utf-8", "replace")


def outcome(response) -> str | int:
    if response.status_code in (301, 302, 303):
        target = response.headers.get("Location", "")
        return "login" if "/login/" in target else 302
    return response.status_code


_observed: dict = {}


@pytest.mark.parametrize(("name", "persona", "state"), list(_cases()))
def test_access(world, client, name, persona, state, db):
    expect = spec.EXPECTATIONS.get(name) or spec.ADMIN_SAMPLE[name]
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    url = _reverse(world, name, expect.subject, state)
    if expect.query:
        url += "?" + expect.query.format(**subject_kwargs(world, name, expect.subject, state))
    results = {}
    response = client.get(url)
    results["GET"] = outcome(response)
    text = body_text(response)
    leaked = [s for s in spec.HIDDEN_STATES_FOR[persona] if canary(s) in text]
    if expect.post is not None:
        before = _report_state(world, expect.subject, state)
        posted = client.post(url, expect.data or {})
        results["POST"] = outcome(posted)
        if expect.changes is not None:
            results["changes state"] = _report_state(world, expect.subject, state) != before
        leaked += [s for s in spec.HIDDEN_STATES_FOR[persona] if canary(s) in body_text(posted)]
    if OBSERVE:
        with open(OBSERVE, "a") as out:
            out.write(json.dumps([name, persona, state, results, leaked]) + "\n")
        return
    assert not leaked, f"{url} as {persona} shows content of reports they may not read: {leaked}"
    wanted = {"GET": expect.get(persona, state)}
    if expect.post is not None:
        wanted["POST"] = expect.post(persona, state)
    if expect.changes is not None:
        wanted["changes state"] = expect.changes(persona, state)
    for method, value in wanted.items():
        if value == spec.OK:
            wanted[method] = results[method] if results[method] in spec.OK_STATUSES else spec.OK_STATUSES
    assert results == wanted, f"{url} as {persona} ({state}): got {results}, expected {wanted} (tests/access_matrix.py)"


def _report_state(world: World, subject: str, state: str) -> str | None:
    if subject != "report":
        return None
    from reports.models import Report

    return Report.objects.values_list("status", flat=True).get(pk=world.reports[state].pk)


def _reverse(world: World, name: str, subject: str, state: str) -> str:
    from django.urls import NoReverseMatch

    kwargs = subject_kwargs(world, name, subject, state)
    if name in UNNAMED:
        # An unnamed pattern cannot be reversed: fill in its parameters by hand.
        route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), name)
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), route)
        return "/" + route.lstrip("^").rstrip("$")
    # Try the smallest set of the subject's keyword arguments that the pattern accepts.
    keys = [k for k, v in kwargs.items() if v is not None]
    import itertools

    for size in range(len(keys) + 1):
        for combo in itertools.combinations(keys, size):
            try:
                return reverse(name, kwargs={k: kwargs[k] for k in combo})
            except NoReverseMatch:
                continue
    raise AssertionError(f"Cannot build a URL for {name} from the {subject} subject: {kwargs}")


@pytest.mark.parametrize("persona", ["anonymous", "committee_member", "author"])
def test_every_admin_url_needs_a_staff_login(world, client, persona, db):
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    unchecked, let_in = [], []
    for route in ROUTES:
        name, url = route.name, route.path
        if not route.pattern.startswith("admin/"):
            continue
        if url is None:
            unchecked.append(name)
            continue
        if name in ("admin:login", "admin:logout", "admin:javascript-catalog") or url.startswith("/admin/r/"):
            continue  # the login page itself, and the public "view on site" redirector
        response = client.get(url)
        location = response.headers.get("Location", "")
        # 301: the admin's old object URLs move to their change page, itself checked here.
        if not ((response.status_code == 302 and "/admin/login/" in location) or response.status_code == 301):
            let_in.append(f"{name} {url} -> {response.status_code}")
    assert not let_in, f"Admin pages open to {persona}: {let_in}"
    assert not unchecked, f"Admin URLs tests/urlwalk.py cannot build a path for: {unchecked}"
