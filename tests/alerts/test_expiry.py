"""Unconfirmed alerts expire with their link, and the addresses left with none go with them."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from alerts.models import Alert, Subscriber

pytestmark = pytest.mark.django_db
START = datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC)


def run(*args) -> str:
    out = io.StringIO()
    call_command("expire_alert_subscriptions", *args, stdout=out)
    return out.getvalue()


def test_unconfirmed_alerts_expire_after_their_link_and_take_lone_addresses_with_them():
    with time_machine.travel(START, tick=False):
        lone = Subscriber.objects.create(email="lone@example.com")
        Alert.objects.create(subscriber=lone, kind="words", words="library")
        kept = Subscriber.objects.create(email="kept@example.com")
        Alert.objects.create(subscriber=kept, kind="words", words="parks")
        confirmed = Alert.objects.create(subscriber=kept, kind="words", words="roads", confirmed_at=START)
    with time_machine.travel(START + datetime.timedelta(days=7) - datetime.timedelta(minutes=1), tick=False):
        assert run() == "Deleted 0 unconfirmed alerts and 0 addresses left with none.\n"
    with time_machine.travel(START + datetime.timedelta(days=7, minutes=1), tick=False):
        assert run("--dry-run") == "Would delete 2 unconfirmed alerts.\n"
        assert Alert.objects.count() == 3
        assert run() == "Deleted 2 unconfirmed alerts and 1 address left with none.\n"
        assert list(Alert.objects.all()) == [confirmed]
        assert list(Subscriber.objects.all()) == [kept]
        assert run() == "Deleted 0 unconfirmed alerts and 0 addresses left with none.\n"
