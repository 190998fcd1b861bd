"""Following a councillor: the public papers of the committees they sit on, e-mailed through a real
SMTP server with why they matched; nothing exempt."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alerts.models import Alert, Subscriber
from committee.models import Membership
from tests.alerts.builders import EXEMPT_SECRET, agenda_ready, publish
from tests.alerts.conftest import body
from tests.conftest import make_committee
from tests.members.builders import councillor

pytestmark = pytest.mark.django_db


def follow(email: str, person) -> Alert:
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    return Alert.objects.create(
        subscriber=subscriber, kind=Alert.Kind.COUNCILLOR, person=person, confirmed_at=timezone.now()
    )


def test_a_councillors_followers_get_their_committees_public_papers(smtp, worker_runs_at_once):
    built = agenda_ready()
    ada = councillor("Cllr Ada", built.committee)
    elsewhere = councillor("Cllr Bea", make_committee("Licensing Committee"))
    former = councillor("Cllr Cy", built.committee, end_date=datetime.date(2020, 1, 1))
    clerk = councillor("Jo Clerk", built.committee, role=Membership.Role.CLERK)
    for person in (ada, elsewhere, former, clerk):
        follow(f"{person.pk}@example.com", person)

    with worker_runs_at_once():
        publish(built)

    [mail] = smtp.to(f"{ada.pk}@example.com")
    text = body(mail)
    assert "Why you are getting this: Cllr Ada sits on Environment Committee." in text
    assert "Library opening hours in Hale" in text
    assert "Disposal of the depot" not in text and EXEMPT_SECRET not in mail.as_string()
    for person in (elsewhere, former, clerk):
        assert smtp.to(f"{person.pk}@example.com") == []


def test_the_councillors_page_offers_the_alert_and_the_form_asks_for_one(client, smtp):
    ada = councillor("Cllr Ada", make_committee("Planning Committee"))
    page = client.get(reverse("members:councillor", args=[ada.pk])).content.decode()
    link = f"{reverse('alerts:subscribe')}?councillor={ada.pk}"
    assert link in page
    form = client.get(link).content.decode()
    assert 'value="councillor" checked' in form and f'<option value="{ada.pk}" selected>' in form
    missing = client.post(reverse("alerts:subscribe"), {"email": "a@example.com", "kind": "councillor"})
    assert "Choose the councillor to follow." in missing.content.decode()
    asked = {"email": "a@example.com", "kind": "councillor", "person": ada.pk, "frequency": "immediate"}
    client.post(reverse("alerts:subscribe"), asked)
    alert = Alert.objects.get()
    assert (alert.kind, alert.person, alert.confirmed_at) == (Alert.Kind.COUNCILLOR, ada, None)
    assert alert.describe() == "papers for the committees Cllr Ada sits on, and their register of interests"
