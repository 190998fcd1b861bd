"""Alerts found by a publication and sent by the worker through a real SMTP server, read back."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts import sending, tasks
from alerts.models import Alert, AlertMatch, Subscriber
from tests.alerts.builders import EXEMPT_SECRET, agenda_ready, publish
from tests.alerts.conftest import body, run_alert_tasks

pytestmark = pytest.mark.django_db


def confirmed_alert(email: str, frequency=Alert.Frequency.IMMEDIATE, **fields) -> Alert:
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    return Alert.objects.create(subscriber=subscriber, confirmed_at=timezone.now(), frequency=frequency, **fields)


def test_publishing_an_agenda_emails_the_ward_and_the_words_with_why_and_links(smtp, worker_runs_at_once):
    built = agenda_ready()
    confirmed_alert("ward@example.com", kind=Alert.Kind.WARD, ward=built.ward)
    confirmed_alert("words@example.com", kind=Alert.Kind.WORDS, words="library")
    confirmed_alert("committee@example.com", kind=Alert.Kind.COMMITTEE, committee=built.committee)

    with worker_runs_at_once():
        publish(built)

    [ward_mail] = smtp.to("ward@example.com")
    [words_mail] = smtp.to("words@example.com")
    [committee_mail] = smtp.to("committee@example.com")
    report_link = f"http://127.0.0.1:8000{built.public_report.get_absolute_url()}"
    meeting_link = f"http://127.0.0.1:8000{built.meeting.get_absolute_url()}"
    text = body(ward_mail)
    assert ward_mail["Subject"] == "Agenda published: Environment Committee, Thursday 21 March 2030"
    assert "Library opening hours in Hale" in text
    assert "Agenda for Environment Committee, meeting on Thursday 21 March 2030." in text
    assert "Why you are getting this: it is about Hale ward." in text
    assert f"Read it: {report_link}" in text
    assert meeting_link in text
    assert "Why you are getting this: it mentions “library”." in body(words_mail)
    assert "Why you are getting this: it is for Environment Committee." in body(committee_mail)
    # The committee's alert has its public items; nothing exempt reaches any public subscriber.
    assert "Apologies for absence" in body(committee_mail)
    for message in smtp.messages:
        if message["To"].endswith("@example.gov.uk"):
            continue  # the officers' own notice that their report was published
        assert "Disposal of the depot" not in body(message)
        assert EXEMPT_SECRET not in message.as_string()


def test_every_alert_email_has_a_one_click_unsubscribe_and_a_link_to_manage_all(smtp, worker_runs_at_once, client):
    built = agenda_ready()
    alert = confirmed_alert("ward@example.com", kind=Alert.Kind.WARD, ward=built.ward)
    other = confirmed_alert("ward@example.com", kind=Alert.Kind.WORDS, words="opening hours")
    with worker_runs_at_once():
        publish(built)

    messages = smtp.to("ward@example.com")
    assert len(messages) == 2  # one a matching alert, so each one's unsubscribe stops that alert only
    message = next(m for m in messages if "Hale ward" in body(m))
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip().removeprefix("<").removesuffix(">")
    assert unsubscribe.startswith("http://127.0.0.1:8000/alerts/unsubscribe/")
    assert f"Stop this alert (one click): {unsubscribe}" in body(message)
    manage = next(line for line in body(message).splitlines() if line.startswith("See all your alerts"))
    manage_path = manage.split("http://127.0.0.1:8000", 1)[1]
    assert client.get(manage_path).status_code == 200

    # What a mail program does (RFC 8058): a POST, no cookie, no CSRF token.
    from django.test import Client

    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        unsubscribe.removeprefix("http://127.0.0.1:8000"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Alert.objects.filter(pk=alert.pk).exists()
    assert Alert.objects.filter(pk=other.pk).exists()


def test_nothing_is_sent_for_an_unconfirmed_alert_or_an_unpublished_agenda(smtp, worker_runs_at_once):
    built = agenda_ready()
    Alert.objects.create(
        subscriber=Subscriber.objects.create(email="unconfirmed@example.com"), kind=Alert.Kind.WARD, ward=built.ward
    )
    confirmed_alert("ward@example.com", kind=Alert.Kind.WARD, ward=built.ward)
    assert AlertMatch.objects.count() == 0  # agenda built, not published: nothing to match
    with worker_runs_at_once():
        publish(built)
    assert [m["To"] for m in smtp.to_public()] == ["ward@example.com"]


def test_a_rolled_back_publication_queues_nothing(smtp, django_capture_on_commit_callbacks):
    built = agenda_ready()
    confirmed_alert("ward@example.com", kind=Alert.Kind.WARD, ward=built.ward)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(built)
    # The matching waits for the commit: before it, no task ran and no e-mail went.
    assert smtp.to_public() == [] and AlertMatch.objects.count() == 0
    assert any(getattr(c, "func", None) is tasks.queue_matching for c in callbacks)


def test_the_worker_sends_in_the_background_not_during_the_publication(smtp, django_capture_on_commit_callbacks):
    """With the real queue, publishing only queues the matching; the worker's run sends."""
    built = agenda_ready()
    confirmed_alert("ward@example.com", kind=Alert.Kind.WARD, ward=built.ward)
    with django_capture_on_commit_callbacks(execute=True):
        publication = publish(built)
    assert smtp.to_public() == []
    queued = DBTaskResult.objects.get(task_path="alerts.tasks.match_publication")
    assert queued.args_kwargs["args"] == [publication.pk]
    tasks.match_publication.call(publication.pk)
    tasks.send_alerts.call(Alert.Frequency.IMMEDIATE, 1)
    assert [m["To"] for m in smtp.to_public()] == ["ward@example.com"]
    tasks.send_alerts.call(Alert.Frequency.IMMEDIATE, 1)  # again: nothing is sent twice
    assert len(smtp.to_public()) == 1


def test_a_refused_message_is_retried_later_and_then_sent(smtp, django_capture_on_commit_callbacks):
    built = agenda_ready()
    confirmed_alert("ward@example.com", kind=Alert.Kind.WARD, ward=built.ward)
    with django_capture_on_commit_callbacks(execute=True):
        publication = publish(built)
    tasks.match_publication.call(publication.pk)
    smtp.refuse = True
    tasks.send_alerts.call(Alert.Frequency.IMMEDIATE, 1)
    assert smtp.to_public() == []
    assert AlertMatch.objects.filter(sent_at__isnull=True).count() == 1
    retry = DBTaskResult.objects.filter(task_path="alerts.tasks.send_alerts").latest("enqueued_at")
    assert retry.args_kwargs["args"] == [Alert.Frequency.IMMEDIATE, 2]
    assert retry.run_after > timezone.now() + datetime.timedelta(minutes=4)

    smtp.refuse = False
    tasks.send_alerts.call(Alert.Frequency.IMMEDIATE, 2)
    assert [m["To"] for m in smtp.to_public()] == ["ward@example.com"]
    assert AlertMatch.objects.filter(sent_at__isnull=True).count() == 0


def test_sending_is_batched_over_few_connections(smtp, worker_runs_at_once):
    built = agenda_ready()
    for n in range(sending.BATCH + 3):
        confirmed_alert(f"reader{n}@example.com", kind=Alert.Kind.WARD, ward=built.ward)
    with worker_runs_at_once():
        publish(built)
    assert len(smtp.to_public()) == sending.BATCH + 3
    assert len(smtp.connections) == 2  # the officers' notices aside: one connection a batch
    assert AlertMatch.objects.filter(sent_at__isnull=True).count() == 0


def test_daily_alerts_wait_for_the_digest_and_come_in_one_email(smtp, worker_runs_at_once):
    built = agenda_ready()
    daily = Alert.Frequency.DAILY
    confirmed_alert("daily@example.com", frequency=daily, kind=Alert.Kind.COMMITTEE, committee=built.committee)
    with worker_runs_at_once():
        publish(built)
    assert smtp.to_public() == []
    out = io.StringIO()
    call_command("send_alert_digests", "--dry-run", stdout=out)
    assert out.getvalue() == "1 daily alert has something to send.\n"
    assert run_alert_tasks() == 0 and smtp.to_public() == []
    call_command("send_alert_digests", stdout=io.StringIO())
    run_alert_tasks()
    [digest] = smtp.to_public()
    assert digest["Subject"] == "Today's papers: papers for Environment Committee"
    assert "Library opening hours in Hale" in body(digest) and "Apologies for absence" in body(digest)
    call_command("send_alert_digests", stdout=io.StringIO())
    run_alert_tasks()
    assert len(smtp.to_public()) == 1


def test_an_item_made_exempt_before_the_digest_is_not_sent(smtp, worker_runs_at_once):
    built = agenda_ready()
    confirmed_alert("daily@example.com", frequency=Alert.Frequency.DAILY, kind=Alert.Kind.WARD, ward=built.ward)
    with worker_runs_at_once():
        publish(built)
    assert AlertMatch.objects.count() == 1
    from reports.models import Report

    Report.objects.filter(pk=built.public_report.pk).update(is_exempt=True, exempt_paragraph=3)
    call_command("send_alert_digests", stdout=io.StringIO())
    run_alert_tasks()
    assert smtp.to_public() == []
    assert AlertMatch.objects.count() == 0
