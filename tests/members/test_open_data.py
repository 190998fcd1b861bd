"""Attendance and registers of interests as CSV and JSON: what the public pages show, sensitive
interests withheld."""

from __future__ import annotations

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from committee import access
from committee.models import Attendance, Meeting
from members import register
from members.access import WITHHELD
from members.models import CouncillorProfile
from tests.conftest import LONDON, make_committee, make_user
from tests.members.builders import attended, councillor, meeting_on
from tests.oparl_validation import validate_object

NOW = datetime.datetime(2026, 6, 1, 10, tzinfo=LONDON)


@pytest.fixture
def council(db):
    planning = make_committee("Planning Committee")
    user = make_user("ada", committee=planning)
    officer = make_user("monitoring", access.MONITORING_OFFICERS)
    for description, sensitive in (("Engineer", False), ("CANARYSENSITIVEEND", True)):
        version = register.submit_entry(
            user.person,
            user,
            category="land",
            description=description,
            arose_on=datetime.date(2026, 1, 1),
            sensitive=sensitive,
            now=NOW,
        )
        register.publish_version(version, officer, now=NOW)
    register.submit_entry(
        user.person, user, category="land", description="Not yet checked", arose_on=datetime.date(2026, 1, 1)
    )
    gift = register.register_gift(
        user.person, user, donor="Acme", description="Dinner", value=120, received_on=datetime.date(2026, 2, 1)
    )
    register.publish_gift(gift, officer)
    sub = councillor("Cllr Sub")
    held = meeting_on(planning, datetime.date(2026, 3, 1))
    attended(held, user.person, Attendance.Kind.APOLOGIES)
    attended(held, sub, Attendance.Kind.SUBSTITUTE, substitute_for=user.person)
    attended(meeting_on(planning, datetime.date(2026, 4, 1), status=Meeting.Status.CANCELLED), user.person)
    return planning, user.person, sub


def rows(client, dataset: str, fmt: str = "csv", query: str = ""):
    response = client.get(reverse("opendata:download", args=[dataset, fmt]) + query)
    assert response.status_code == 200
    if fmt == "json":
        return json.loads(response.content)["data"]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_attendance_matches_the_minutes(client, council):
    planning, ada, sub = council
    data = rows(client, "attendance")
    assert [(r["name"], r["date"], r["attendance"]) for r in data] == [
        ("Ada", "2026-03-01", "Apologies"),
        ("Cllr Sub", "2026-03-01", "Present as substitute"),
    ]
    assert rows(client, "attendance", "json", f"?committee={planning.slug}")[0]["person_id"] == ada.pk


def test_the_register_is_open_data_with_sensitive_interests_withheld(client, council):
    for fmt in ("csv", "json"):
        data = rows(client, "interests", fmt)
        assert sorted(r["interest"] for r in data) == sorted(["Engineer", WITHHELD, "Dinner"])
        gift = next(r for r in data if r["kind"] == "Gift or hospitality")
        assert (gift["donor"], gift["value"]) == ("Acme", "120.00")
        text = json.dumps(data)
        assert "CANARYSENSITIVEEND" not in text and "Not yet checked" not in text


def test_an_oparl_person_links_the_councillors_page_and_validates(client, council):
    planning, ada, _ = council
    ada.party = "Green"
    ada.save()
    person = client.get(f"/oparl/v1/person/{ada.pk}").json()
    validate_object(person)
    assert person["web"].endswith(reverse("members:councillor", args=[ada.pk]))
    assert "party: Green" in person["keyword"]
    [membership] = person["membership"]
    validate_object(membership)
    assert membership["organization"].endswith(f"/oparl/v1/organization/{planning.pk}")


def test_an_oparl_membership_is_on_behalf_of_the_councillors_party_which_is_an_organization(client, council):
    planning, ada, _ = council
    ada.party = "Green Party"
    ada.save()
    bea = councillor("Cllr Bea", planning)
    bea.party = "Green Party"
    bea.save()
    Person = type(ada)
    officer = Person.objects.create(name="Jo Clerk", kind=Person.Kind.OFFICER, party="Labour")
    planning.memberships.create(person=officer, role="clerk")

    [membership] = client.get(f"/oparl/v1/person/{ada.pk}").json()["membership"]
    validate_object(membership)
    assert membership["onBehalfOf"] == "http://testserver/oparl/v1/organization/party-green-party"
    party = client.get("/oparl/v1/organization/party-green-party").json()
    validate_object(party)
    assert (party["name"], party["organizationType"], party["id"]) == (
        "Green Party",
        "party",
        membership["onBehalfOf"],
    )
    organizations = client.get("/oparl/v1/body/1/organization").json()["data"]
    assert [o["name"] for o in organizations if o.get("organizationType") == "party"] == ["Green Party"]
    assert party in organizations
    # An officer sits for no party; an unknown party, or a person's number, is no organisation.
    clerk_seat = client.get(f"/oparl/v1/person/{officer.pk}").json()["membership"][0]
    assert "onBehalfOf" not in clerk_seat
    assert client.get("/oparl/v1/organization/party-labour").status_code == 404
    assert client.get(f"/oparl/v1/organization/{bea.pk + 1000}").status_code == 404


def test_the_web_service_gives_a_councillors_photo(client, council):
    _, ada, _ = council
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "JPEG")
    CouncillorProfile(person=ada).photo.save("ada.jpg", ContentFile(buffer.getvalue()))
    response = client.get("/mgWebService.asmx/GetMemberGroup")
    member = next(m for m in ET.fromstring(response.content).iter("member") if m.findtext("memberid") == str(ada.pk))
    url = member.findtext("photobigurl")
    assert url.endswith(reverse("members:councillor_photo", args=[ada.pk]))
    assert client.get(url).status_code == 200
