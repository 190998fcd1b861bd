"""Members keep their own register through the app; the monitoring officer's team publishes it."""

from __future__ import annotations

import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from committee import access
from committee.models import Declaration
from members import register
from members.models import Dispensation, EntryVersion, Gift
from tests.conftest import make_committee, make_user
from tests.members.builders import meeting_on


@pytest.fixture
def people(db):
    return make_user("ada"), make_user("monitoring", access.MONITORING_OFFICERS), make_user("bea")


def add_interest(client, **data):
    fields = {"category": "employment", "description": "Engineer", "arose_on": "2026-01-05", **data}
    return client.post(reverse("members:my_register_add"), {f"interest-{k}": v for k, v in fields.items()})


def test_a_member_registers_an_interest_and_the_monitoring_officer_publishes_it(client, people):
    member, officer, _ = people
    client.force_login(member)
    response = add_interest(client)
    assert response.status_code == 302
    page = client.get(reverse("members:my_register")).content.decode()
    assert "Engineer" in page and "Waiting to be checked" in page
    public = reverse("members:councillor", args=[member.person.pk])
    client.logout()
    assert "Engineer" not in client.get(public).content.decode()

    client.force_login(officer)
    review = client.get(reverse("members:register_review")).content.decode()
    assert "Engineer" in review
    version = EntryVersion.objects.get()
    assert client.post(reverse("members:register_publish", args=[version.pk])).status_code == 302
    client.logout()
    assert "Engineer" in client.get(public).content.decode()


def test_a_change_keeps_the_published_text_until_it_is_published(client, people):
    member, officer, _ = people
    client.force_login(member)
    add_interest(client)
    version = EntryVersion.objects.get()
    client.force_login(officer)
    client.post(reverse("members:register_publish", args=[version.pk]))
    client.force_login(member)
    prefix = f"e{version.entry_id}"
    data = {f"{prefix}-description": "Chief engineer", f"{prefix}-arose_on": "2026-01-05", f"{prefix}-ended_on": ""}
    assert client.post(reverse("members:my_register_change", args=[version.entry_id]), data).status_code == 302
    client.logout()
    page = client.get(reverse("members:councillor", args=[member.person.pk])).content.decode()
    assert "Engineer" in page and "Chief engineer" not in page
    history = client.get(reverse("members:register_history", args=[member.person.pk])).content.decode()
    assert "Chief engineer" not in history


def test_a_form_that_cannot_be_saved_says_why_and_keeps_what_was_typed(client, people):
    member, _, _ = people
    client.force_login(member)
    response = add_interest(client, arose_on="2999-01-01", description="Shares in Acme plc")
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot arise in the future" in page and "Shares in Acme plc" in page
    response = client.post(
        reverse("members:my_gift_add"),
        {"donor": "Acme", "description": "Lunch", "value": "20", "received_on": "2026-01-01"},
    )
    assert response.status_code == 400 and "more than £50" in response.content.decode()
    assert not Gift.objects.exists()


def test_a_member_cannot_change_another_members_interest(client, people):
    member, _, other = people
    client.force_login(member)
    add_interest(client)
    entry_id = EntryVersion.objects.get().entry_id
    client.force_login(other)
    assert client.post(reverse("members:my_register_change", args=[entry_id]), {}).status_code == 404


def test_gifts_and_dispensations(client, people):
    member, officer, _ = people
    client.force_login(member)
    data = {"donor": "Acme Ltd", "description": "Cup final tickets", "value": "120.00", "received_on": "2026-01-01"}
    data = {f"gift-{k}": v for k, v in data.items()}
    assert client.post(reverse("members:my_gift_add"), data).status_code == 302
    client.force_login(officer)
    gift = Gift.objects.get()
    assert client.post(reverse("members:gift_publish", args=[gift.pk])).status_code == 302
    data = {
        "person": member.person.pk,
        "committee": "",
        "scope": "Setting the council tax",
        "granted_on": "2026-01-01",
        "expires_on": "2027-01-01",
        "granted_by": "Standards Committee",
    }
    assert client.post(reverse("members:dispensation_add"), data).status_code == 302
    assert Dispensation.objects.get().committee is None
    bad = client.post(reverse("members:dispensation_add"), {**data, "expires_on": "2031-01-02"})
    assert bad.status_code == 400 and "four years" in bad.content.decode()
    client.logout()
    page = client.get(reverse("members:councillor", args=[member.person.pk])).content.decode()
    assert "Cup final tickets" in page and "£120.00" in page and "Setting the council tax" in page


def test_the_monitoring_officer_sees_declarations_the_register_does_not_explain(client, people):
    member, officer, _ = people
    meeting = meeting_on(make_committee("Planning Committee"), datetime.date(2026, 2, 1))
    Declaration.objects.create(meeting=meeting, person=member.person, interest="pecuniary", detail="Owns the site")
    client.force_login(officer)
    page = client.get(reverse("members:register_review")).content.decode()
    assert "Owns the site" in page


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("members:register_review", [], "get"),
        ("members:register_publish", [1], "post"),
        ("members:gift_publish", [1], "post"),
        ("members:dispensation_add", [], "post"),
    ],
)
def test_only_the_monitoring_officers_team_checks_the_register(client, people, name, args, method):
    member, _, _ = people
    url = reverse(name, args=args)
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(member)
    assert getattr(client, method)(url).status_code == 403
    client.force_login(make_user("governance", access.GOVERNANCE_OFFICERS))
    assert getattr(client, method)(url).status_code == 403


def test_the_steps_take_only_posts(client, people):
    client.force_login(people[1])
    assert client.get(reverse("members:register_publish", args=[1])).status_code == 405
    assert client.get(reverse("members:my_register_add")).status_code == 405


def test_a_welsh_councils_register_names_its_categories_in_welsh_on_welsh_pages(client, people, wales):
    member, _officer, _ = people
    client.force_login(member)
    assert add_interest(client, category="employer", description="Cyngor Tref").status_code == 302
    welsh = client.get("/cy" + reverse("members:my_register")).content.decode()
    assert "Cyflogwr, neu&#x27;r person a&#x27;ch penododd" in welsh or "Cyflogwr, neu'r person a'ch penododd" in welsh
    assert "Aelodaeth neu reolaeth ar gyrff eraill" in welsh  # a choice of the form
    assert "Employer, or person who appointed you" not in welsh
    english = client.get(reverse("members:my_register")).content.decode()
    assert "Employer, or person who appointed you" in english


def test_a_refusal_on_a_welsh_page_reads_welsh(client, people):
    member, _, _ = people
    client.force_login(member)
    fields = {"category": "employment", "description": "Peiriannydd", "arose_on": "2999-01-01"}
    response = client.post("/cy" + reverse("members:my_register_add"), {f"interest-{k}": v for k, v in fields.items()})
    assert response.status_code == 400
    assert "Ni all y buddiant godi yn y dyfodol." in html.unescape(response.content.decode())
    with translation.override("cy"), pytest.raises(register.RegisterError) as refused:
        register.register_gift(
            member.person,
            member,
            donor="Acme",
            description="Cinio",
            value=Decimal(20),
            received_on=datetime.date(2026, 1, 1),
        )
    assert str(refused.value) == "Dim ond rhoddion a lletygarwch gwerth mwy na £50 sy'n cael eu cofrestru."
