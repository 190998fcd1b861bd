"""The rows kept in the process for a shared page (web/fragments.py kept_rows) are read by every request
that asks for the page: a request that changes one of their values, or a related row's, must not change
what the next request reads. Read in Welsh then in English, in one process, each page is as it was; and
each request's copies share nothing that could be changed with the rows kept."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.urls import reverse

from committee.models import AgendaItem
from reports.models import Report
from tests.reading_room.builders import correct
from tests.web import test_page_parts
from tests.web.test_page_parts import main_of
from web import fragments
from web.views import public as public_views
from web.views import reports as report_views

coming = test_page_parts.coming  # the fixture: a coming meeting, its agenda published with two reports


def state(value, seen: set | None = None):
    """Everything a kept row holds, all the way down: its values, its related rows', its prefetched rows'."""
    seen = set() if seen is None else seen
    if isinstance(value, Model):
        if id(value) in seen:
            return ("again", type(value).__name__, value.pk)
        seen.add(id(value))
        held = {name: state(v, seen) for name, v in vars(value).items() if name != "_state"}
        held["related"] = {name: state(v, seen) for name, v in value._state.fields_cache.items()}
        return (type(value).__name__, held)
    if isinstance(value, QuerySet):
        return state(value._result_cache, seen)
    if isinstance(value, dict):
        return {key: state(v, seen) for key, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [state(v, seen) for v in value]
    return repr(value)


def kept() -> dict:
    return {key: state(rows) for key, (_expires, rows) in fragments._rows.items()}


def test_reading_in_welsh_changes_nothing_an_english_reader_is_then_served(
    client, page_parts, coming, committee, committee_member, governance_officer, django_capture_on_commit_callbacks
):
    meeting, public, _exempt = coming
    committee.name_cy = "Pwyllgor Plant ac Addysg"
    with django_capture_on_commit_callbacks(execute=True):
        committee.save()
        AgendaItem.objects.filter(report=public).update(title_cy="Oriau agor llyfrgelloedd")
        correct(
            public,
            governance_officer,
            lambda locked: Report.objects.filter(pk=locked.pk).update(title_cy="Oriau agor llyfrgelloedd"),
        )
    client.force_login(committee_member)
    urls = [
        reverse("reports:report_detail", args=[public.pk]),
        reverse("committee:meeting_detail", args=[meeting.pk]),
        committee.get_absolute_url(),
    ]
    english = [main_of(client.get(url)) for url in urls]
    before = kept()
    assert {key[0] for key in before} == {"report", "meeting", "committee"}
    for url in urls:
        welsh = main_of(client.get(f"/cy{url}"))
        assert "Pwyllgor Plant ac Addysg" in welsh
    assert kept() == before
    assert [main_of(client.get(url)) for url in urls] == english
    assert "Pwyllgor Plant ac Addysg" not in " ".join(english)


def changeable(value, found: dict | None = None) -> dict:
    """Every object reachable from ``value`` that a request could change in place, by id."""
    found = {} if found is None else found
    if isinstance(value, Model | QuerySet | dict | list | set) and id(value) in found:
        return found
    if isinstance(value, Model):
        found[id(value)] = value
        changeable(value._state.fields_cache, found)
        changeable({name: v for name, v in vars(value).items() if name != "_state"}, found)
    elif isinstance(value, QuerySet):
        found[id(value)] = value
        changeable(value._result_cache, found)
    elif isinstance(value, dict):
        found[id(value)] = value
        changeable(list(value.values()), found)
    elif isinstance(value, list | set):
        found[id(value)] = value
        for item in value:
            changeable(item, found)
    elif isinstance(value, tuple):
        for item in value:
            changeable(item, found)
    return found


def test_each_request_gets_copies_that_share_nothing_changeable_with_the_rows_kept(coming):
    meeting, public, _exempt = coming
    public.extra_title_rows = {"Wards": "All", "People": [1, 2]}  # a JSON field's dict and list
    public.save(update_fields=["extra_title_rows"])
    for rows in (
        report_views._report_and_latest(public.pk, content=False, route=True),
        (public_views._meeting_for_page(meeting.pk),),
    ):
        copies = fragments.own_copies(rows)
        assert state(copies) == state(rows)
        assert not changeable(copies).keys() & changeable(rows).keys()
    # What copy.copy shared: the related rows and a JSON field's values. One request changes them ...
    kept = report_views._report_and_latest(public.pk, content=False, route=True)
    first, _latest = fragments.own_copies(kept)
    first.committee.name = "Pwyllgor Plant ac Addysg"
    first.extra_title_rows["Wards"] = "Pob un"
    # ... and the next reads the rows as they were kept.
    second, _latest = fragments.own_copies(kept)
    assert second.committee.name == public.committee.name and second.extra_title_rows["Wards"] == "All"
