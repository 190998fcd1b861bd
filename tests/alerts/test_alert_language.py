"""Each alert's e-mails in the language its reader asked in (Welsh Language Standards: correspondence in
the person's language), sent by the worker through a real SMTP server and read back."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from alerts.models import Alert
from committee.models import AgendaItem
from tests.alerts.builders import agenda_ready, publish
from tests.alerts.conftest import body, run_alert_tasks, subject
from tests.web.test_welsh_staff import _english_in_mail, content_strings

pytestmark = pytest.mark.django_db
SITE = "http://127.0.0.1:8000"


def _path(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _subscribe(client, worker_runs_at_once, smtp, email: str, language: str, committee):
    """Ask for a daily committee alert on the page in this language, and confirm it from its e-mail."""
    with worker_runs_at_once():
        client.post(
            _path("alerts:subscribe", language),
            {"email": email, "kind": "committee", "committee": committee.pk, "frequency": "daily"},
        )
    [confirmation] = smtp.to(email)
    confirm = re.search(rf"{SITE}(/\S*/confirm/\S+)", body(confirmation)).group(1)
    assert client.post(confirm).status_code == 302
    return confirmation


def test_a_welsh_subscriber_gets_the_digest_in_welsh_and_an_english_one_in_english(client, smtp, worker_runs_at_once):
    built = agenda_ready()
    built.committee.name_cy = "Pwyllgor yr Amgylchedd"
    built.committee.save(update_fields=["name_cy"])
    AgendaItem.objects.filter(report=built.public_report).update(title_cy="Oriau agor y llyfrgell yn Hale")

    committee = built.committee
    welsh_confirmation = _subscribe(client, worker_runs_at_once, smtp, "cymraeg@example.com", "cy", committee)
    english_confirmation = _subscribe(client, worker_runs_at_once, smtp, "english@example.com", "en-gb", committee)
    assert subject(welsh_confirmation) == "Cadarnhewch eich hysbysiad: y papurau ar gyfer Pwyllgor yr Amgylchedd"
    assert f"{SITE}/cy/alerts/confirm/" in body(welsh_confirmation)
    assert subject(english_confirmation) == "Confirm your alert: papers for Environment Committee"
    assert Alert.objects.get(subscriber__email="cymraeg@example.com").language == "cy"

    with worker_runs_at_once():
        publish(built)
    call_command("send_alert_digests", stdout=io.StringIO())
    run_alert_tasks()

    [welsh] = smtp.to("cymraeg@example.com")[1:]
    [english] = smtp.to("english@example.com")[1:]
    text = body(welsh)
    assert subject(welsh) == "Papurau heddiw: y papurau ar gyfer Pwyllgor yr Amgylchedd"
    assert "Oriau agor y llyfrgell yn Hale" in text
    assert "Agenda ar gyfer Pwyllgor yr Amgylchedd, cyfarfod ar Dydd Iau, 21 Mawrth 2030." in text
    assert "Pam rydych yn cael hwn: mae ar gyfer Pwyllgor yr Amgylchedd." in text
    assert f"Atal yr hysbysiad hwn (un clic): {SITE}/cy/alerts/unsubscribe/" in text
    assert welsh["List-Unsubscribe"].strip().startswith(f"<{SITE}/cy/alerts/unsubscribe/")
    assert _english_in_mail(f"{subject(welsh)}\n{text}", content_strings()) == []

    # The English subscriber's digest, of the same change, is as it always was.
    text = body(english)
    assert subject(english) == "Today's papers: papers for Environment Committee"
    assert "Library opening hours in Hale" in text and "Oriau agor" not in text
    assert "Agenda for Environment Committee, meeting on Thursday 21 March 2030." in text
    assert "Why you are getting this: it is for Environment Committee." in text
    assert f"Stop this alert (one click): {SITE}/alerts/unsubscribe/" in text


def test_the_alerts_page_changes_the_language_of_every_email(client, smtp, worker_runs_at_once):
    built = agenda_ready()
    confirmation = _subscribe(client, worker_runs_at_once, smtp, "reader@example.com", "en-gb", built.committee)
    manage = client.get(re.search(rf"{SITE}(/alerts/confirm/\S+)", body(confirmation)).group(1))
    alert = Alert.objects.get()
    from alerts import links

    token = links.manage_token(alert.subscriber)
    page = client.get(_path("alerts:manage", "en-gb", token)).content.decode()
    assert manage.status_code == 200 and 'value="en-gb" checked' in page

    response = client.post(_path("alerts:manage_language", "en-gb", token), {"language": "cy"})
    assert response.status_code == 302 and response["Location"] == _path("alerts:manage", "cy", token)
    page = client.get(response["Location"]).content.decode()
    assert "O hyn ymlaen byddwn yn anfon e-bost atoch yn iaith y dudalen hon." in page
    assert 'value="cy" checked' in page
    alert.refresh_from_db()
    assert alert.language == "cy"

    with worker_runs_at_once():
        publish(built)
    call_command("send_alert_digests", stdout=io.StringIO())
    run_alert_tasks()
    digest = smtp.to("reader@example.com")[-1]
    assert subject(digest) == "Papurau heddiw: y papurau ar gyfer Environment Committee"
    assert "Dydd Iau, 21 Mawrth 2030" in body(digest)

    # A language the site does not have changes nothing.
    response = client.post(_path("alerts:manage_language", "en-gb", token), {"language": "fr"})
    alert.refresh_from_db()
    assert response.status_code == 302 and alert.language == "cy"
