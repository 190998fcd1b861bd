"""Deleted objects in OParl: a client that asks what changed since its last visit (`modified_since`)
is told what has gone, so that it drops its copy; without that filter, deleted objects are not listed."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from committee.models import AgendaItem, Meeting, Membership, Minutes
from opendata.models import Tombstone
from tests.oparl_validation import validate_list, validate_object
from tests.opendata.test_oparl import BODY, HOST, get_json, ids, local, whole_list
from tests.opendata_builders import build_open_council

LATER = timezone.now() + datetime.timedelta(days=40)
SINCE = (LATER - datetime.timedelta(minutes=5)).isoformat().replace("+", "%2B")


@pytest.fixture
def council(demo):
    return build_open_council()


def changes(client, kind: str) -> list[dict]:
    return whole_list(client, f"{BODY}/{kind}?modified_since={SINCE}")


def test_a_deleted_agenda_item_is_listed_as_deleted_only_to_clients_asking_for_changes(client, council):
    item = council.meeting.agenda_items.get(report=council.public_report)
    url = f"{HOST}/oparl/v1/agendaItem/{item.pk}"
    consultation = f"{HOST}/oparl/v1/consultation/{item.pk}"
    created = get_json(client, local(url))["created"]
    with time_machine.travel(LATER):
        item.delete()  # as the admin does: the app itself refuses to remove a published item

    deleted = get_json(client, local(url))
    validate_object(deleted)
    assert deleted["deleted"] is True and deleted["created"] == created
    assert deleted["modified"] >= LATER.isoformat()[:16]
    assert set(deleted) == {"id", "type", "created", "modified", "deleted"}
    assert url not in ids(whole_list(client, f"{BODY}/agendaItem"))
    assert [i["id"] for i in changes(client, "agendaItem")] == [url]
    # It was where the report was considered: that Consultation went with it, and the report changed.
    assert get_json(client, local(consultation))["deleted"] is True
    assert consultation in ids(changes(client, "consultation"))
    assert f"{HOST}/oparl/v1/paper/{council.public_report.pk}" in ids(changes(client, "paper"))
    # The meeting embedded it: the meeting changed, and no longer lists it.
    meeting = next(m for m in changes(client, "meeting") if m["id"].endswith(f"/{council.meeting.pk}"))
    assert meeting["modified"] >= LATER.isoformat()[:16]
    assert url not in [i["id"] for i in meeting["agendaItem"]]


def test_an_item_the_public_never_saw_leaves_no_trace(client, council):
    item = council.unpublished_meeting.agenda_items.get()
    item.delete()
    assert not Tombstone.objects.exists()
    get_json(client, f"/oparl/v1/agendaItem/{item.pk}", status=404)
    assert changes(client, "agendaItem") == []


def test_a_deleted_meeting_takes_its_items_and_files_with_it(client, council):
    Minutes.objects.create(meeting=council.meeting, status=Minutes.Status.CONFIRMED, published_at=timezone.now())
    item_ids = list(council.meeting.agenda_items.values_list("pk", flat=True))
    meeting_id = council.meeting.pk
    with time_machine.travel(LATER):
        # Reports are protected from cascades by their own rules: detach them as the admin would.
        AgendaItem.objects.filter(meeting_id=meeting_id).update(report=None)
        Meeting.objects.get(pk=meeting_id).delete()
    assert get_json(client, f"/oparl/v1/meeting/{meeting_id}")["deleted"] is True
    assert {f"{HOST}/oparl/v1/agendaItem/{pk}" for pk in item_ids} == ids(changes(client, "agendaItem"))
    minutes = get_json(client, f"/oparl/v1/file/minutes-{meeting_id}")
    assert minutes["deleted"] is True
    assert minutes["id"] in ids(changes(client, "file"))


def test_a_deleted_membership_is_deleted_and_changes_its_person_and_committee(client, council):
    membership = Membership.objects.filter(committee=council.committee).first()
    url = f"{HOST}/oparl/v1/membership/{membership.pk}"
    with time_machine.travel(LATER):
        membership.delete()
    assert get_json(client, local(url))["deleted"] is True
    assert url in ids(changes(client, "membership"))
    changed_people = {p["id"]: p for p in changes(client, "person")}
    person = changed_people[f"{HOST}/oparl/v1/person/{membership.person_id}"]
    assert url not in [m["id"] for m in person.get("membership", [])]
    assert f"{HOST}/oparl/v1/organization/{council.committee.pk}" in ids(changes(client, "organization"))


def test_someone_listed_only_for_a_seat_is_deleted_with_it(client, council):
    from committee.models import Person

    clerk = Person.objects.create(name="Jo Clerk", kind=Person.Kind.OFFICER)
    seat = Membership.objects.create(person=clerk, committee=council.committee, role=Membership.Role.CLERK)
    url = f"{HOST}/oparl/v1/person/{clerk.pk}"
    assert get_json(client, local(url))["name"] == "Jo Clerk"
    with time_machine.travel(LATER):
        seat.delete()
    assert get_json(client, local(url))["deleted"] is True
    assert url in ids(changes(client, "person"))
    # Given a seat again, they are listed again, once, and not as deleted.
    Membership.objects.create(person=clerk, committee=council.committee, role=Membership.Role.CLERK)
    listed = [p for p in changes(client, "person") if p["id"] == url]
    assert len(listed) == 1 and "deleted" not in listed[0]
    # A councillor stays listed without any seat.
    councillor = Membership.objects.filter(person__kind=Person.Kind.COUNCILLOR).first()
    councillor.delete()
    assert "deleted" not in get_json(client, f"/oparl/v1/person/{councillor.person_id}")


def test_a_deleted_appendix_is_a_deleted_file_and_its_report_changed(client, council):
    appendix_id = council.appendix.pk
    with time_machine.travel(LATER):
        council.appendix.delete()
    url = f"{HOST}/oparl/v1/file/appendix-{appendix_id}"
    assert get_json(client, local(url))["deleted"] is True
    assert url in ids(changes(client, "file"))
    paper = next(p for p in changes(client, "paper") if p["id"].endswith(f"/{council.public_report.pk}"))
    assert url not in [f["id"] for f in paper.get("auxiliaryFile", [])]
    # An exempt report's appendix was never public: its deletion says nothing.
    exempt_id = council.exempt_appendix.pk
    council.exempt_appendix.delete()
    get_json(client, f"/oparl/v1/file/appendix-{exempt_id}", status=404)


def test_every_list_of_changes_validates_deleted_and_live_objects_alike(client, council, settings):
    settings.OPARL_PAGE_SIZE = 3
    with time_machine.travel(LATER):
        council.meeting.agenda_items.filter(part=AgendaItem.Part.EXEMPT).delete()
        Membership.objects.filter(committee=council.committee).first().delete()
        council.appendix.delete()
    for kind in ["agendaItem", "membership", "file", "meeting", "person", "organization", "paper", "consultation"]:
        url = f"{BODY}/{kind}?modified_since=2000-01-01T00:00:00"
        while url:
            page = get_json(client, url)
            validate_list(page)
            url = page["links"].get("next") and local(page["links"]["next"])
    deleted = [
        i for i in whole_list(client, f"{BODY}/agendaItem?modified_since=2000-01-01T00:00:00") if i.get("deleted")
    ]
    assert [i["id"] for i in deleted] == [f"{HOST}/oparl/v1/agendaItem/{council.exempt_item.pk}"]


def test_a_deleted_council_term_leaves_the_body_changed(client, council):
    from opendata.models import CouncilTerm

    term = CouncilTerm.objects.order_by("start_date").first()
    term_url = f"{HOST}/oparl/v1/legislativeTerm/{term.pk}"
    with time_machine.travel(LATER):
        term.delete()
    body = get_json(client, BODY)
    validate_object(body)
    assert body["modified"] >= LATER.isoformat()[:16]
    assert term_url not in [t["id"] for t in body["legislativeTerm"]]
    assert term_url in ids(changes(client, "legislativeTerm"))


def test_a_deleted_venue_changes_the_meetings_held_there(client, council):
    venue = council.meeting.venue
    assert venue is not None
    venue_url = f"{HOST}/oparl/v1/location/{venue.pk}"
    with time_machine.travel(LATER):
        venue.delete()
    assert get_json(client, local(venue_url))["deleted"] is True
    meeting = next(m for m in changes(client, "meeting") if m["id"].endswith(f"/{council.meeting.pk}"))
    assert "location" not in meeting
