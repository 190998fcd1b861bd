"""Wards, parties, roles and venues in Welsh in open data (issue 21): OParl 1.1 has no field for a second
language, so the Welsh is in each object's keywords, as the body's Welsh name is, and the objects still
validate; the Modern.gov web service answers in Welsh when asked as its Welsh pages ask (LLL=1)."""

from __future__ import annotations

import pytest

from committee.models import Person, Venue, Ward
from tests.oparl_validation import validate_object
from tests.opendata.test_moderngov import call, texts
from tests.opendata.test_moderngov import council as council  # noqa: F401 (the fixture)
from tests.opendata.test_oparl import get_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_welsh(council):  # noqa: F811
    chair = Person.objects.get(name="Cllr Reuben Thompstone")
    Ward.objects.filter(pk=chair.ward_id).update(name_cy="Parc Brunswick")
    Person.objects.filter(pk=chair.pk).update(
        party_cy="Ceidwadwyr", job_title="Cabinet Member for Housing", job_title_cy="Aelod Cabinet dros Dai"
    )
    Venue.objects.filter(pk=council.meeting.venue_id).update(name_cy="Neuadd y Dref Hendon", address_cy="Y Burroughs")
    council.chair = Person.objects.select_related("ward").get(pk=chair.pk)
    return council


def test_an_oparl_person_carries_their_ward_party_and_role_in_welsh_in_keywords(client, in_welsh):
    person = get_json(client, f"/oparl/v1/person/{in_welsh.chair.pk}")
    validate_object(person)
    assert "ward: Brunswick Park" in person["keyword"] and "ward in Welsh: Parc Brunswick" in person["keyword"]
    assert "party in Welsh: Ceidwadwyr" in person["keyword"]
    assert "role in Welsh: Aelod Cabinet dros Dai" in person["keyword"]
    assert "Cabinet Member for Housing" in person["status"]


def test_an_oparl_location_and_party_carry_their_welsh_names_in_keywords(client, in_welsh):
    meeting = get_json(client, f"/oparl/v1/meeting/{in_welsh.meeting.pk}")
    validate_object(meeting)
    location = meeting["location"]
    assert location["description"] == "Hendon Town Hall"
    assert location["keyword"] == ["name in Welsh: Neuadd y Dref Hendon", "address in Welsh: Y Burroughs"]
    party = get_json(client, "/oparl/v1/organization/party-conservative")
    validate_object(party)
    assert party["name"] == "Conservative" and party["keyword"] == ["name in Welsh: Ceidwadwyr"]


def test_oparl_without_welsh_names_is_as_it_was(client, council):  # noqa: F811
    location = get_json(client, f"/oparl/v1/meeting/{council.meeting.pk}")["location"]
    assert "keyword" not in location
    assert "keyword" not in get_json(client, "/oparl/v1/organization/party-conservative")


def test_the_moderngov_service_asked_in_welsh_gives_wards_parties_and_venue_in_welsh(client, in_welsh):
    welsh = call(client, "GetCouncillorsByWard", LLL="1")
    assert "Parc Brunswick" in texts(welsh, "wards/ward/wardtitle")
    assert "Ceidwadwyr" in texts(welsh, "wards/ward/councillors/councillor/politicalpartytitle")
    english = call(client, "GetCouncillorsByWard")
    assert "Brunswick Park" in texts(english, "wards/ward/wardtitle") and "Parc Brunswick" not in english.itertext()
    meeting = call(client, "GetMeeting", lMeetingId=in_welsh.meeting.pk, LLL="1")
    assert meeting.findtext("meetinglocation").startswith("Neuadd y Dref Hendon")
    attendee = next(a for a in meeting.iter("attendee") if a.get("memberid") == str(in_welsh.chair.pk))
    assert (attendee.get("ward"), attendee.get("politicalparty")) == ("Parc Brunswick", "Ceidwadwyr")
    assert attendee.get("name") == "Cyng. Reuben Thompstone"
    assert "Cyng. Reuben Thompstone" in texts(welsh, "wards/ward/councillors/councillor/fullusername")
    english = call(client, "GetMeeting", lMeetingId=in_welsh.meeting.pk)
    assert english.findtext("meetinglocation").startswith("Hendon Town Hall")
    assert "Cllr Reuben Thompstone" in [a.get("name") for a in english.iter("attendee")]
