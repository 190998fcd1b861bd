"""The council's people and places in the reader's language (issue 21): a venue's, a ward's and a
party's Welsh name and a person's Welsh role on Welsh pages and feeds, the English marked
``lang="en-GB"`` where the council wrote no Welsh; a councillor's own name as written, its "Cllr" in Welsh."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from committee.models import Attendance, Declaration, Membership, Person, Venue, Ward
from tests.conftest import make_meeting
from tests.members.builders import meeting_on

pytestmark = pytest.mark.django_db

COUNTY_HALL = {
    "name": "County Hall, Ruthin",
    "name_cy": "Neuadd y Sir, Rhuthun",
    "address": "Wynnstay Road\nRuthin",
    "address_cy": "Ffordd Wynnstay\nRhuthun",
    "postcode": "LL15 1YN",
}


@pytest.fixture
def county_hall(db) -> Venue:
    return Venue.objects.create(**COUNTY_HALL)


@pytest.fixture
def councillor(committee) -> Person:
    ward = Ward.objects.create(name="Ruthin", name_cy="Rhuthun", slug="ruthin")
    person = Person.objects.create(
        name="Cllr Ann Jones",
        kind=Person.Kind.COUNCILLOR,
        ward=ward,
        party="Labour",
        party_cy="Llafur",
        job_title="Cabinet Member for Housing",
        job_title_cy="Aelod Cabinet dros Dai",
    )
    Membership.objects.create(person=person, committee=committee, role=Membership.Role.CHAIR)
    return person


def test_a_welsh_meeting_page_gives_the_venue_in_welsh(client, committee, county_hall):
    meeting = make_meeting(committee, datetime.date(2031, 2, 21), venue=county_hall)
    welsh = client.get(f"/cy{meeting.get_absolute_url()}").content.decode()
    assert "Neuadd y Sir, Rhuthun<br>Ffordd Wynnstay<br>Rhuthun<br>LL15 1YN" in welsh
    assert "County Hall" not in welsh and "Wynnstay Road" not in welsh
    english = client.get(meeting.get_absolute_url()).content.decode()
    assert "County Hall, Ruthin<br>Wynnstay Road<br>Ruthin<br>LL15 1YN" in english and "Neuadd" not in english


def test_a_venue_without_welsh_is_shown_in_english_marked_english(client, committee):
    venue = Venue.objects.create(name="Town Hall", address="High Street\nRhyl")
    meeting = make_meeting(committee, datetime.date(2031, 2, 21), venue=venue)
    welsh = client.get(f"/cy{meeting.get_absolute_url()}").content.decode()
    assert '<span lang="en-GB">Town Hall</span><br><span lang="en-GB">High Street<br>Rhyl</span>' in welsh


def test_the_welsh_calendar_lists_and_the_home_page_name_the_venue_in_welsh(client, committee, county_hall):
    make_meeting(committee, datetime.date(2031, 2, 21), venue=county_hall)
    home = client.get("/cy/").content.decode()
    assert "Neuadd y Sir, Rhuthun" in home and "County Hall" not in home


def test_the_welsh_icalendar_feed_gives_the_location_in_welsh_and_says_so(client, committee, county_hall):
    make_meeting(committee, datetime.date(2031, 2, 21), venue=county_hall)
    url = reverse("committee:ical_committee", args=[committee.slug])
    welsh = Calendar.from_ical(client.get(f"/cy{url}").content)
    event = welsh.walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Neuadd y Sir, Rhuthun, Ffordd Wynnstay, Rhuthun"
    assert event["LOCATION"].params["LANGUAGE"] == "cy"
    english = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert str(english["LOCATION"]) == "County Hall, Ruthin, Wynnstay Road, Ruthin"
    assert "LANGUAGE" not in english["LOCATION"].params


def test_the_welsh_icalendar_feed_marks_a_venue_without_welsh_as_english(client, committee):
    make_meeting(committee, datetime.date(2031, 2, 21), venue=Venue.objects.create(name="Town Hall"))
    url = reverse("committee:ical_committee", args=[committee.slug])
    event = Calendar.from_ical(client.get(f"/cy{url}").content).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Town Hall" and event["LOCATION"].params["LANGUAGE"] == "en-GB"


def test_a_councillors_welsh_page_gives_their_ward_and_party_in_welsh_and_cllr_as_cyng(client, committee, councillor):
    committee.name_cy = "Pwyllgor Plant, Addysg a Diogelu"
    committee.save()
    url = reverse("members:councillor", args=[councillor.pk])
    welsh = client.get(f"/cy{url}").content.decode()
    assert ">Pwyllgor Plant, Addysg a Diogelu</a>: cadeirydd" in welsh
    assert "Cyng. Ann Jones" in welsh and "Cllr" not in welsh
    assert ", ward Rhuthun" in welsh and ">Llafur<" in welsh
    assert "Labour" not in welsh and "Ruthin" not in welsh
    english = client.get(url).content.decode()
    assert "Cllr Ann Jones" in english and ", Ruthin ward" in english and ">Labour<" in english


def test_the_welsh_councillor_list_and_committee_page_give_parties_and_wards_in_welsh(client, committee, councillor):
    listing = client.get("/cy" + reverse("members:councillor_list")).content.decode()
    assert "Rhuthun" in listing and "Llafur" in listing and "Cyng. Ann Jones" in listing
    page = client.get(f"/cy{committee.get_absolute_url()}").content.decode()
    assert "Llafur" in page and "Labour" not in page


def test_a_party_without_welsh_is_shown_in_english_marked_english(client, committee, councillor):
    councillor.party, councillor.party_cy = "Independent", ""
    councillor.save()
    page = client.get(f"/cy{committee.get_absolute_url()}").content.decode()
    assert '<span lang="en-GB">Independent</span>' in page


def test_welsh_minutes_give_roles_in_welsh_and_their_words_around_names_in_welsh(client, committee, councillor):
    meeting = meeting_on(committee, datetime.date(2031, 2, 21))
    officer = Person.objects.create(
        name="Eleri Roberts", kind=Person.Kind.OFFICER, job_title="Translator", job_title_cy="Cyfieithydd"
    )
    clerk = Person.objects.create(name="Tom Hughes", kind=Person.Kind.OFFICER, job_title="Clerk")
    substitute = Person.objects.create(name="Cllr Huw Evans", kind=Person.Kind.COUNCILLOR)
    Attendance.objects.create(meeting=meeting, person=officer, kind=Attendance.Kind.OFFICER)
    Attendance.objects.create(meeting=meeting, person=clerk, kind=Attendance.Kind.OFFICER)
    Attendance.objects.create(
        meeting=meeting, person=substitute, kind=Attendance.Kind.SUBSTITUTE, substitute_for=councillor
    )
    Declaration.objects.create(
        meeting=meeting, person=councillor, interest=Declaration.Interest.PERSONAL, detail="Lives nearby."
    )
    url = reverse("committee:meeting_minutes", args=[meeting.pk])
    welsh = client.get(f"/cy{url}").content.decode()
    assert "Eleri Roberts (Cyfieithydd)" in welsh
    assert 'Tom Hughes (<span lang="en-GB">Clerk</span>)' in welsh
    assert "Cyng. Huw Evans</a> yn lle <a" in welsh and "Cyng. Ann Jones</a>" in welsh
    assert "Cllr" not in welsh and "Translator" not in welsh
    english = client.get(url).content.decode()
    assert "Eleri Roberts (Translator)" in english and "Cllr Huw Evans</a> for <a" in english
