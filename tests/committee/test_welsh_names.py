"""Wards, people's roles and parties, and venues carry Welsh beside the English (issue 21): kept in the
admin (its Welsh labels at /cy/admin/), offered in Welsh by the staff forms that choose them, and a
councillor's "Cllr" read in Welsh while their name stays as written."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from committee.models import Person, Venue, Ward
from core.bilingual import name_in_welsh, person_name
from reports.forms import TitleBlockForm, in_reader_language
from tests.conftest import make_report
from web.meeting_forms import MeetingForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def ruthin(db) -> Ward:
    return Ward.objects.create(name="Ruthin", name_cy="Rhuthun", slug="ruthin")


@pytest.fixture
def officer(db) -> Person:
    return Person.objects.create(
        name="Eleri Roberts", kind=Person.Kind.OFFICER, job_title="Translator", job_title_cy="Cyfieithydd"
    )


def test_the_welsh_fields_are_blank_until_written():
    ward = Ward.objects.create(name="Llandyrnog", slug="llandyrnog")
    person = Person.objects.create(name="Ann Jones", party="Plaid Cymru")
    venue = Venue.objects.create(name="Town Hall")
    assert (ward.name_cy, person.party_cy, person.job_title_cy, venue.name_cy, venue.address_cy) == ("",) * 5


def test_the_welsh_admin_keeps_the_welsh_under_welsh_labels(admin_client, ruthin, officer):
    ward = admin_client.get("/cy" + reverse("admin:committee_ward_change", args=[ruthin.pk])).content.decode()
    assert "Enw yn Gymraeg" in ward and 'value="Rhuthun"' in ward
    person = admin_client.get("/cy" + reverse("admin:committee_person_change", args=[officer.pk])).content.decode()
    assert "Rôl neu deitl swydd yn Gymraeg" in person and "Plaid yn Gymraeg" in person
    assert 'value="Cyfieithydd"' in person
    venue = admin_client.get("/cy" + reverse("admin:committee_venue_add")).content.decode()
    assert "Enw yn Gymraeg" in venue and "Cyfeiriad yn Gymraeg" in venue
    found = admin_client.get(reverse("admin:committee_person_changelist"), {"q": "Cyfieithydd"}).content.decode()
    assert "Eleri Roberts" in found


def test_the_admin_saves_a_venues_welsh(admin_client):
    response = admin_client.post(
        reverse("admin:committee_venue_add"),
        {
            "name": "County Hall",
            "name_cy": "Neuadd y Sir",
            "address": "Wynnstay Road\r\nRuthin",
            "address_cy": "Ffordd Wynnstay\r\nRhuthun",
            "postcode": "LL15 1YN",
        },
    )
    assert response.status_code == 302
    venue = Venue.objects.get()
    assert (venue.name_cy, venue.address_cy) == ("Neuadd y Sir", "Ffordd Wynnstay\nRhuthun")


def test_the_meeting_form_offers_venues_by_their_name_in_the_readers_language():
    Venue.objects.create(name="County Hall", name_cy="Neuadd y Sir")
    Venue.objects.create(name="Town Hall")
    with translation.override("cy"):
        assert [label for _value, label in MeetingForm().fields["venue"].choices][1:] == ["Neuadd y Sir", "Town Hall"]
    assert [label for _value, label in MeetingForm().fields["venue"].choices][1:] == ["County Hall", "Town Hall"]


def test_the_report_form_offers_wards_and_contacts_in_the_readers_language(committee, ruthin, officer):
    form_of = lambda: TitleBlockForm(instance=make_report(committee))  # noqa: E731
    with translation.override("cy"):
        form = form_of()
        assert [label for _value, label in form.fields["wards"].choices] == ["Rhuthun"]
        assert [label for _value, label in form.fields["contact_officers"].choices] == ["Eleri Roberts, Cyfieithydd"]
    form = form_of()
    assert [label for _value, label in form.fields["wards"].choices] == ["Ruthin"]
    assert in_reader_language(officer) == "Eleri Roberts, Translator"


def test_a_councillors_name_is_the_same_in_welsh_but_not_the_word_before_it():
    assert name_in_welsh("Cllr Ann Jones") == "Cyng. Ann Jones"
    assert name_in_welsh("Councillor Ann Jones") == "Cynghorydd Ann Jones"
    assert name_in_welsh("Cllrs Ann") == "Cllrs Ann" and name_in_welsh("Ann Jones") == "Ann Jones"
    person = Person(name="Cllr Ann Jones")
    with translation.override("cy"):
        assert person_name(person) == "Cyng. Ann Jones"
    assert person_name(person) == "Cllr Ann Jones"
