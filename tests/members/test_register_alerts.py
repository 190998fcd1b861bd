"""Following a councillor brings each change the monitoring officer publishes on their register of
interests, e-mailed by the worker through a real SMTP server; a change waiting to be checked is
nobody's news, and a sensitive interest's details never reach the e-mail."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from alerts.models import Alert, Subscriber
from committee import access
from members import register
from members.access import WITHHELD
from tests.alerts.conftest import body, subject
from tests.conftest import LONDON, make_user

pytestmark = pytest.mark.django_db

SENSITIVE_SECRET = "CANARYSENSITIVEADDRESS"
NOW = datetime.datetime(2026, 6, 1, 10, tzinfo=LONDON)


@pytest.fixture
def people():
    return make_user("ada"), make_user("monitoring", access.MONITORING_OFFICERS), make_user("bea")


def follow(email: str, person) -> Alert:
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    return Alert.objects.create(
        subscriber=subscriber, kind=Alert.Kind.COUNCILLOR, person=person, confirmed_at=timezone.now()
    )


def submit(user, **extra):
    fields = {"category": "employment", "description": "Solicitor, Smith & Co", "arose_on": datetime.date(2026, 5, 20)}
    return register.submit_entry(user.person, user, now=NOW, **{**fields, **extra})


def test_a_published_change_to_a_followed_councillors_register_is_emailed(people, smtp, worker_runs_at_once):
    member, officer, other = people
    follow("ada-fan@example.com", member.person)
    follow("bea-fan@example.com", other.person)
    version = submit(member)

    with worker_runs_at_once():
        pass  # submitted, not yet checked: nothing to tell
    assert smtp.to("ada-fan@example.com") == []

    with worker_runs_at_once():
        register.publish_version(version, officer)

    [mail] = smtp.to("ada-fan@example.com")
    text = body(mail)
    category = "Employment, office, trade, profession or vocation"
    assert subject(mail) == f"Register of interests: Ada: {category} — New interest"
    assert "has published a change to a register of interests matching your alert" in text
    assert "Solicitor, Smith & Co" in text
    assert "Why you are getting this: you follow Ada, whose register of interests has changed." in text
    page = f"http://127.0.0.1:8000{reverse('members:councillor', args=[member.person.pk])}#register"
    assert f"See the register: {page}" in text
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert smtp.to("bea-fan@example.com") == []

    ended = register.change_entry(
        version.entry,
        member,
        description="Solicitor, Smith & Co",
        arose_on=datetime.date(2026, 5, 20),
        ended_on=datetime.date(2026, 5, 30),
    )
    with worker_runs_at_once():
        register.publish_version(ended, officer)
    assert subject(smtp.to("ada-fan@example.com")[1]).endswith("— Interest ended on 30 May 2026")


def test_a_sensitive_interest_is_emailed_as_withheld(people, smtp, worker_runs_at_once):
    member, officer, _ = people
    follow("ada-fan@example.com", member.person)
    version = submit(member, category="land", description=SENSITIVE_SECRET, sensitive=True)

    with worker_runs_at_once():
        register.publish_version(version, officer)

    [mail] = smtp.to("ada-fan@example.com")
    assert WITHHELD in body(mail)
    assert SENSITIVE_SECRET not in mail.as_string()


def test_a_published_gift_is_emailed_to_the_councillors_followers(people, smtp, worker_runs_at_once):
    member, officer, _ = people
    follow("ada-fan@example.com", member.person)
    gift = register.register_gift(
        member.person,
        member,
        donor="London Councils",
        description="Annual dinner, Guildhall",
        value=Decimal("85"),
        received_on=datetime.date(2026, 5, 1),
        now=NOW,
    )
    with worker_runs_at_once():
        pass  # registered, not yet checked: nothing to tell
    assert smtp.to("ada-fan@example.com") == []

    with worker_runs_at_once():
        register.publish_gift(gift, officer)

    [mail] = smtp.to("ada-fan@example.com")
    text = body(mail)
    assert subject(mail) == "Register of interests: Ada: gifts and hospitality — Gift or hospitality registered"
    assert "Annual dinner, Guildhall, from London Councils, worth £85.00." in text
    assert "Why you are getting this: you follow Ada, whose register of gifts and hospitality has changed." in text
    page = f"http://127.0.0.1:8000{reverse('members:councillor', args=[member.person.pk])}#gifts"
    assert f"See the register: {page}" in text
