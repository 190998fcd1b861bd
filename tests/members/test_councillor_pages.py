"""Councillors' public pages: the index, a councillor's page, their register's history, a committee's
attendance and the photo; names linked wherever a councillor is named."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from committee import access
from committee.models import Attendance, Declaration, Membership, Person, Ward
from members import register
from members.access import WITHHELD
from members.models import CouncillorProfile
from tests.conftest import LONDON, make_committee, make_user
from tests.members.builders import attended, councillor, meeting_on

D = datetime.date
NOW = datetime.datetime(2026, 6, 1, 10, tzinfo=LONDON)


@pytest.fixture
def council(db):
    planning = make_committee("Planning Committee")
    ward = Ward.objects.create(name="Burnt Oak", slug="burnt-oak")
    user = make_user("ada")
    ada = user.person
    Person.objects.filter(pk=ada.pk).update(
        name="Cllr Ada Lovelace", party="Labour", ward=ward, email="ada@example.gov.uk", phone="020 8359 2000"
    )
    ada.refresh_from_db()
    Membership.objects.create(person=ada, committee=planning, role=Membership.Role.CHAIR)
    officer = make_user("monitoring", access.MONITORING_OFFICERS)
    return planning, user, ada, officer


def publish(user, officer, **fields):
    version = register.submit_entry(user.person, user, now=NOW, **fields)
    return register.publish_version(version, officer, now=NOW)


def test_a_councillors_page_shows_their_seats_contact_register_declarations_and_attendance(client, council):
    planning, user, ada, officer = council
    publish(user, officer, category="employment", description="Engineer, Babbage Ltd", arose_on=D(2026, 5, 1))
    publish(user, officer, category="land", description="CANARYSENSITIVEEND", arose_on=D(2026, 5, 1), sensitive=True)
    meeting = meeting_on(planning, datetime.date.today() - datetime.timedelta(days=30))
    attended(meeting, ada)
    Declaration.objects.create(meeting=meeting, person=ada, interest="pecuniary", detail="Works for the applicant")
    register.grant_dispensation(
        ada, officer, scope="Budget: may vote", granted_on=D(2026, 1, 1), expires_on=D(2029, 1, 1)
    )
    response = client.get(reverse("members:councillor", args=[ada.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Cllr Ada Lovelace",
        "Burnt Oak",
        "Labour",
        "mailto:ada@example.gov.uk",
        "Planning Committee</a>: chair",
        "Engineer, Babbage Ltd",
        WITHHELD,
        "Works for the applicant",
        "Taking part under a dispensation: Budget: may vote",
        "Recorded votes",
    ):
        assert text in page, text
    assert "CANARYSENSITIVEEND" not in page


def test_the_monitoring_officer_alone_reads_a_sensitive_interests_details(client, council):
    _, user, ada, officer = council
    publish(user, officer, category="land", description="CANARYSENSITIVEEND", arose_on=D(2026, 5, 1), sensitive=True)
    for who in (None, user, make_user("governance", access.GOVERNANCE_OFFICERS)):
        client.logout()
        if who:
            client.force_login(who)
        for name in ("members:councillor", "members:register_history"):
            assert "CANARYSENSITIVEEND" not in client.get(reverse(name, args=[ada.pk])).content.decode()
        assert "CANARYSENSITIVEEND" not in client.get(reverse("members:my_register")).content.decode()
    client.force_login(officer)
    assert "CANARYSENSITIVEEND" in client.get(reverse("members:councillor", args=[ada.pk])).content.decode()


def test_pages_take_the_same_number_of_queries_however_many_councillors(client, council, django_assert_max_num_queries):
    planning, user, ada, officer = council

    def grow(n):
        for i in range(n):
            person = councillor(f"Cllr {n}-{i}", planning)
            meeting = meeting_on(planning, datetime.date.today() - datetime.timedelta(days=10 + i + n * 5))
            attended(meeting, person)
            attended(meeting, ada, Attendance.Kind.APOLOGIES)
            Declaration.objects.create(meeting=meeting, person=ada, interest="registerable", detail="Governor")
            publish(user, officer, category="other", description=f"Trustee {n}-{i}", arose_on=D(2026, 1, 1))

    urls = [
        reverse("members:councillor_list"),
        reverse("members:councillor", args=[ada.pk]),
        reverse("members:register_history", args=[ada.pk]),
        reverse("members:committee_attendance", args=[planning.slug]),
        reverse("committee:committee_detail", args=[planning.slug]),
    ]
    grow(1)
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx.captured_queries)
    grow(4)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200


def test_names_link_to_councillors_pages(client, council):
    planning, user, ada, officer = council
    officer_person = Person.objects.create(name="Jo Clerk", kind=Person.Kind.OFFICER)
    meeting = meeting_on(planning, D(2026, 3, 1))
    attended(meeting, ada)
    attended(meeting, officer_person, Attendance.Kind.OFFICER)
    Declaration.objects.create(meeting=meeting, person=ada, interest="pecuniary", detail="Owns land nearby")
    link = f'href="{reverse("members:councillor", args=[ada.pk])}"'
    for url in (
        reverse("committee:committee_detail", args=[planning.slug]),
        reverse("committee:meeting_minutes", args=[meeting.pk]),
        reverse("members:councillor_list"),
        reverse("members:committee_attendance", args=[planning.slug]) + "?from=2026-01-01&to=2026-12-31",
    ):
        assert link in client.get(url).content.decode(), url
    minutes = client.get(reverse("committee:meeting_minutes", args=[meeting.pk])).content.decode()
    assert f'href="{reverse("members:councillor", args=[ada.pk])}#register">Register of interests' in minutes
    assert "Jo Clerk" in minutes
    assert client.get(reverse("members:councillor", args=[officer_person.pk])).status_code == 404


def test_the_committees_attendance_counts_the_period_asked_for(client, council):
    planning, _, ada, _ = council
    attended(meeting_on(planning, D(2026, 3, 1)), ada)
    meeting_on(planning, D(2026, 4, 1))
    url = reverse("members:committee_attendance", args=[planning.slug])
    page = client.get(url + "?from=2026-01-01&to=2026-03-31").content.decode()
    assert "1 meeting counted" in page
    page = client.get(url + "?from=2026-01-01&to=2026-12-31").content.decode()
    assert "2 meetings counted" in page


@pytest.mark.parametrize("query", ["from=x", "to=2026-13-01", "from=2026-05-01&to=2026-01-01", "from=%00", "from[]=1"])
def test_no_query_string_breaks_a_page(client, council, query):
    planning, _, ada, _ = council
    for url in (
        reverse("members:councillor", args=[ada.pk]),
        reverse("members:committee_attendance", args=[planning.slug]),
    ):
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 400)


def test_the_photo_is_served_when_there_is_one(client, council):
    _, _, ada, _ = council
    url = reverse("members:councillor_photo", args=[ada.pk])
    assert client.get(url).status_code == 404
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "JPEG")
    profile = CouncillorProfile(person=ada, postal_address="Town Hall", photo_alt="Ada at her desk")
    profile.photo.save("ada.jpg", ContentFile(buffer.getvalue()))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    page = client.get(reverse("members:councillor", args=[ada.pk])).content.decode()
    assert 'alt="Ada at her desk"' in page and "Town Hall" in page


def test_public_pages_only_read(client, council):
    _, _, ada, _ = council
    assert client.post(reverse("members:councillor", args=[ada.pk])).status_code == 405
