"""The access matrix's world, read by every persona with signed-in readers' page parts kept
(web/fragments.py page_parts): each gets from the kept parts exactly what would be rendered for them,
whoever asked first."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from core import council
from tests import access_matrix as spec
from tests.matrix_world import build_world, canary
from tests.web.test_page_parts import main_of

# Every persona, every state of the access matrix -----------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


def matrix_pages(world) -> list[tuple[str, str]]:
    """(what it is, address) for each report, meeting and committee page of the matrix's world."""
    reports = [
        (state, reverse("reports:report_detail", args=[world.reports[state].pk]))
        for state in spec.REPORT_STATES + spec.CORRECTION_STATES + spec.EXEMPT_PART_STATES
    ]
    meetings = [
        ("meeting", reverse("committee:meeting_detail", args=[m.pk]))
        for m in (world.published_meeting, world.unpublished_meeting, world.decided_meeting)
    ]
    return [*reports, *meetings, ("committee", world.committee.get_absolute_url())]


def visit(client, world, persona: str, url: str):
    client.logout()
    if world.users[persona] is not None:
        client.force_login(world.users[persona])
    return client.get(url)


@pytest.mark.parametrize("order", ["most_entitled_first", "least_entitled_first"])
def test_every_reader_gets_from_the_kept_parts_exactly_what_would_be_rendered_for_them(
    world, client, settings, db, order
):
    personas = list(spec.PERSONAS)
    # Those entitled to most first: a part kept for them is there when the others ask.
    personas.sort(key=lambda p: p in ("governance_officer", "administrator", "committee_member"), reverse=True)
    if order == "least_entitled_first":
        personas.reverse()
    settings.PAGE_PARTS_SECONDS = 0
    rendered = {}
    for persona in personas:
        for _what, url in matrix_pages(world):
            response = visit(client, world, persona, url)
            if response.status_code == 200:
                rendered[persona, url] = main_of(response)
    settings.PAGE_PARTS_SECONDS = 60
    cache.clear()
    council.remember(council.identity_from_settings())
    checked = 0
    for _round in range(2):  # the first round keeps them, the second is served what was kept
        for persona in personas:
            for what, url in matrix_pages(world):
                response = visit(client, world, persona, url)
                if (persona, url) not in rendered:
                    assert response.status_code != 200, (persona, what)
                    continue
                page = main_of(response)
                leaked = [s for s in spec.HIDDEN_STATES_FOR[persona] if canary(s) in page]
                assert not leaked, (persona, what, leaked)
                assert page == rendered[persona, url], (persona, what)
                checked += 1
    assert checked > 2 * len(matrix_pages(world))  # pages of several readers each, not a vacuous pass
    cache.clear()
