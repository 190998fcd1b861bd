"""Asking for an alert without an account, confirming it from the e-mail (double opt-in), managing
one's alerts and deleting one's address; the confirmation e-mail read back from a real SMTP server."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from alerts import links, subscriptions
from alerts.models import Alert, AlertMatch, Subscriber
from committee.models import Ward
from tests.alerts.builders import agenda_ready, publish
from tests.alerts.conftest import body
from tests.conftest import make_committee

pytestmark = pytest.mark.django_db


def ask(client, worker_runs_at_once, **data):
    with worker_runs_at_once():
        return client.post(reverse("alerts:subscribe"), {"frequency": "immediate", **data})


def link_in(message, path_start: str) -> str:
    return re.search(rf"http://127\.0\.0\.1:8000({re.escape(path_start)}\S+)", body(message)).group(1)


def test_the_form_is_prefilled_from_a_search_a_committee_or_a_ward(client):
    committee = make_committee()
    Ward.objects.create(name="Hale", slug="hale")
    page = client.get(reverse("alerts:subscribe"), {"q": "  library   closures "}).content.decode()
    assert 'value="library closures"' in page and 'value="words" checked' in page
    page = client.get(reverse("alerts:subscribe"), {"committee": committee.pk}).content.decode()
    assert f'<option value="{committee.pk}" selected>' in page and 'value="committee" checked' in page
    page = client.get(reverse("alerts:subscribe"), {"ward": "hale"}).content.decode()
    assert '<option value="hale" selected>' in page


def test_asking_sends_a_confirmation_and_nothing_is_on_until_it_is_confirmed(client, smtp, worker_runs_at_once):
    response = ask(client, worker_runs_at_once, email="Reader@Example.com", kind="words", words="library")
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    alert = Alert.objects.get()
    assert alert.subscriber.email == "reader@example.com" and alert.confirmed_at is None
    [message] = smtp.messages
    assert message["To"] == "reader@example.com"
    assert message["Subject"].strip() == "Confirm your alert: papers mentioning “library”"
    confirm = link_in(message, "/alerts/confirm/")

    # A mail scanner following the link confirms nothing: the page asks for a press of the button.
    page = client.get(confirm)
    assert page.status_code == 200 and "Start this alert" in page.content.decode()
    alert.refresh_from_db()
    assert alert.confirmed_at is None

    response = client.post(confirm)
    alert.refresh_from_db()
    assert alert.confirmed_at is not None
    assert response.status_code == 302 and response["Location"] == reverse(
        "alerts:manage", args=[links.manage_token(alert.subscriber)]
    )
    assert "papers mentioning “library”" in client.get(response["Location"]).content.decode()


def test_a_form_with_a_missing_choice_keeps_what_was_typed(client, smtp, worker_runs_at_once):
    response = ask(client, worker_runs_at_once, email="reader@example.com", kind="ward", ward="")
    page = response.content.decode()
    assert response.status_code == 200 and "Choose the ward to follow." in page
    assert 'value="reader@example.com"' in page
    assert not Alert.objects.exists() and smtp.messages == []


def test_a_confirmation_link_expires_and_a_forged_one_is_refused(client, smtp, worker_runs_at_once):
    with time_machine.travel(datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC), tick=False):
        ask(client, worker_runs_at_once, email="reader@example.com", kind="words", words="library")
    confirm = link_in(smtp.messages[0], "/alerts/confirm/")
    with time_machine.travel(datetime.datetime(2030, 1, 9, 9, tzinfo=datetime.UTC), tick=False):
        assert client.get(confirm).status_code == 404
        assert client.post(confirm).status_code == 404
    assert client.get(confirm[:-3] + "abc/").status_code == 404
    alert = Alert.objects.get()
    forged = links.unsubscribe_token(alert)  # signed, but for another purpose
    assert client.post(reverse("alerts:confirm", args=[forged])).status_code == 404
    assert Alert.objects.get().confirmed_at is None


def test_an_address_cannot_be_flooded_with_confirmations(client, smtp, worker_runs_at_once):
    for n in range(subscriptions.MAX_UNCONFIRMED + 2):
        ask(client, worker_runs_at_once, email="victim@example.com", kind="words", words=f"word{n}")
    assert len(smtp.messages) == subscriptions.MAX_UNCONFIRMED


def test_one_click_unsubscribe_needs_no_csrf_token_and_stops_only_that_alert(client):
    subscriber = Subscriber.objects.create(email="reader@example.com")
    one = Alert.objects.create(subscriber=subscriber, kind="words", words="library", confirmed_at="2030-01-01T00:00Z")
    two = Alert.objects.create(subscriber=subscriber, kind="words", words="parks", confirmed_at="2030-01-01T00:00Z")
    url = reverse("alerts:unsubscribe", args=[links.unsubscribe_token(one)])
    mail_program = Client(enforce_csrf_checks=True)
    assert "Stop this alert" in mail_program.get(url).content.decode()  # GET stops nothing
    assert Alert.objects.filter(pk=one.pk).exists()
    response = mail_program.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "no more e-mails about papers mentioning “library”" in response.content.decode()
    assert list(subscriber.alerts.all()) == [two]
    # The mail program's POST and then the reader's click: the second says it is done already.
    assert "stopped already" in mail_program.post(url).content.decode()
    assert mail_program.put(url).status_code == 405


def test_stopping_the_last_alert_deletes_the_address(client):
    subscriber = Subscriber.objects.create(email="reader@example.com")
    alert = Alert.objects.create(subscriber=subscriber, kind="words", words="library", confirmed_at="2030-01-01T00:00Z")
    client.post(reverse("alerts:unsubscribe", args=[links.unsubscribe_token(alert)]))
    assert not Subscriber.objects.exists()


def test_the_manage_page_stops_one_alert_and_deletes_the_address_with_everything(client, smtp, worker_runs_at_once):
    built = agenda_ready()
    subscriber = Subscriber.objects.create(email="reader@example.com")
    ward = Alert.objects.create(subscriber=subscriber, kind="ward", ward=built.ward, confirmed_at="2030-01-01T00:00Z")
    words = Alert.objects.create(subscriber=subscriber, kind="words", words="library", confirmed_at="2030-01-01T00:00Z")
    with worker_runs_at_once():
        publish(built)
    assert AlertMatch.objects.filter(alert__subscriber=subscriber).count() == 2
    token = links.manage_token(subscriber)
    page = client.get(reverse("alerts:manage", args=[token])).content.decode()
    assert "Papers about Hale ward" in page and "Papers mentioning “library”" in page

    client.post(reverse("alerts:stop_alert", args=[token]), {"alert": ward.pk})
    assert list(subscriber.alerts.all()) == [words]
    other = Alert.objects.create(subscriber=Subscriber.objects.create(email="x@example.com"), kind="words", words="x")
    client.post(reverse("alerts:stop_alert", args=[token]), {"alert": other.pk})  # not this address's
    assert Alert.objects.filter(pk=other.pk).exists()

    response = client.post(reverse("alerts:delete_address", args=[token]))
    assert response.status_code == 200 and "deleted your e-mail address" in response.content.decode()
    assert not Subscriber.objects.filter(email="reader@example.com").exists()
    assert not Alert.objects.filter(subscriber_id=subscriber.pk).exists()
    assert not AlertMatch.objects.exists()
    assert client.get(reverse("alerts:manage", args=[token])).status_code == 404


def test_the_manage_pages_refuse_a_bad_link_and_the_wrong_method(client):
    assert client.get(reverse("alerts:manage", args=["nonsense"])).status_code == 404
    assert client.post(reverse("alerts:delete_address", args=["nonsense"])).status_code == 404
    subscriber = Subscriber.objects.create(email="reader@example.com")
    token = links.manage_token(subscriber)
    assert client.get(reverse("alerts:delete_address", args=[token])).status_code == 405
    assert client.post(reverse("alerts:manage", args=[token])).status_code == 405
    # A manage link for one address opens no other: it is bound to the address, not only its id.
    Subscriber.objects.filter(pk=subscriber.pk).update(email="someone-else@example.com")
    assert client.get(reverse("alerts:manage", args=[token])).status_code == 404


def test_confirming_the_same_alert_twice_keeps_one(client):
    subscriber = Subscriber.objects.create(email="reader@example.com")
    first = Alert.objects.create(subscriber=subscriber, kind="words", words="library", confirmed_at="2030-01-01T00:00Z")
    again = Alert.objects.create(subscriber=subscriber, kind="words", words="library", frequency="daily")
    client.post(reverse("alerts:confirm", args=[links.confirm_token(again)]))
    assert list(subscriber.alerts.values_list("pk", "frequency")) == [(first.pk, "daily")]


def test_the_search_and_committee_pages_offer_an_alert_for_what_is_shown(client):
    committee = make_committee()
    page = client.get(reverse("committee:search"), {"q": "library hours", "committee": committee.pk}).content.decode()
    link = f"{reverse('alerts:subscribe')}?q=library%20hours&amp;committee={committee.pk}"
    assert link in page
    form = client.get(f"{reverse('alerts:subscribe')}?q=library%20hours&committee={committee.pk}").content.decode()
    assert 'value="words" checked' in form and f'<option value="{committee.pk}" selected>' in form
    page = client.get(committee.get_absolute_url()).content.decode()
    assert f"{reverse('alerts:subscribe')}?committee={committee.pk}" in page


def test_words_narrowed_to_a_committee_match_only_its_papers(client, smtp, worker_runs_at_once):
    built = agenda_ready()
    other = make_committee("Planning Committee")
    ask(
        client,
        worker_runs_at_once,
        email="here@example.com",
        kind="words",
        words="library",
        committee=built.committee.pk,
    )
    ask(client, worker_runs_at_once, email="there@example.com", kind="words", words="library", committee=other.pk)
    for alert in Alert.objects.all():
        subscriptions.confirm(alert)
    assert Alert.objects.get(subscriber__email="here@example.com").describe() == (
        "papers mentioning “library” for Environment Committee"
    )
    with worker_runs_at_once():
        publish(built)
    assert len(smtp.to("here@example.com")) == 2  # the confirmation, then the alert
    assert len(smtp.to("there@example.com")) == 1


@pytest.mark.parametrize("value", ["²", "9" * 30, "-1", "abc"])
def test_an_id_no_committee_or_alert_can_have_is_refused_plainly(client, value):
    assert client.get(reverse("alerts:subscribe"), {"committee": value}).status_code == 400
    data = {"email": "reader@example.com", "kind": "committee", "committee": value, "frequency": "immediate"}
    response = client.post(reverse("alerts:subscribe"), data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    subscriber = Subscriber.objects.create(email="reader@example.com")
    Alert.objects.create(subscriber=subscriber, kind="words", words="library", confirmed_at="2030-01-01T00:00Z")
    response = client.post(reverse("alerts:stop_alert", args=[links.manage_token(subscriber)]), {"alert": value})
    assert response.status_code == 302 and subscriber.alerts.count() == 1
