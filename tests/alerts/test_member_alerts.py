"""Councillors' alerts: their committees' new and supplementary papers, a Part 2 paper as a line saying
it is waiting, with a link that asks them to sign in, and never its content."""

from __future__ import annotations

import datetime
import io
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import reverse

from alerts.models import Alert
from committee import access, agenda
from publishing import publication
from tests.alerts.builders import EXEMPT_SECRET, agenda_ready, approved_report, publish
from tests.alerts.conftest import body, run_alert_tasks
from tests.conftest import LONDON, make_user

pytestmark = pytest.mark.django_db


def test_the_page_needs_a_sign_in_and_says_when_there_is_no_committee(client):
    url = reverse("alerts:member_papers")
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(make_user("officer", access.REPORT_AUTHORS))
    assert "You do not sit on any committee" in client.get(url).content.decode()
    client.post(url, {"action": "start"})
    assert not Alert.objects.exists()
    assert client.put(url).status_code == 405


def test_a_councillor_gets_their_committees_papers_with_part_2_only_as_a_sign_in_link(
    client, smtp, worker_runs_at_once
):
    built = agenda_ready()
    councillor = make_user("cllr", access.COMMITTEE_MEMBERS, committee=built.committee)
    elsewhere = make_user("other", access.COMMITTEE_MEMBERS, committee=agenda_ready("Planning Committee").committee)
    for user in (councillor, elsewhere):
        client.force_login(user)
        client.post(reverse("alerts:member_papers"), {"action": "start", "frequency": "immediate"})
    alert = Alert.objects.get(user=councillor)
    assert alert.confirmed_at is not None and alert.subscriber.email == "cllr@example.gov.uk"

    with worker_runs_at_once():
        publish(built)

    [message] = smtp.to("cllr@example.gov.uk")
    text = body(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Library opening hours in Hale" in text
    assert "Why you are getting this: you sit on Environment Committee." in text
    assert "Disposal of the depot" in text  # an exempt item's title is public
    assert "A Part 2 (exempt) paper is waiting for you (paragraph 3 of Schedule 12A)." in text
    report = built.exempt_report.get_absolute_url()
    assert f"sign in to read it: http://127.0.0.1:8000{reverse('login')}?next={quote(report, safe='')}" in text
    assert EXEMPT_SECRET not in message.as_string()
    assert smtp.to("other@example.gov.uk") == []  # not their committee


def test_a_supplementary_agenda_is_sent_as_such(client, smtp, worker_runs_at_once):
    built = agenda_ready()
    councillor = make_user("cllr", access.COMMITTEE_MEMBERS, committee=built.committee)
    client.force_login(councillor)
    client.post(reverse("alerts:member_papers"), {"action": "start", "frequency": "immediate"})
    with worker_runs_at_once():
        publish(built)
    approver, author = built.public_report.signoffs.first().approver, built.public_report.author
    late = approved_report(built.committee, built.officer, approver, author, title="Late report on bins")
    agenda.add_report_item(built.meeting, built.officer, late)
    with worker_runs_at_once():
        publication.publish_supplementary(
            built.meeting, built.officer, now=datetime.datetime(2030, 3, 2, 12, tzinfo=LONDON)
        )
    first, second = smtp.to("cllr@example.gov.uk")
    assert second["Subject"] == "Supplementary agenda published: Environment Committee, Thursday 21 March 2030"
    assert "Late report on bins" in body(second) and "Library opening hours" not in body(second)


def test_a_councillor_who_leaves_the_committee_is_sent_nothing_more(client, smtp, worker_runs_at_once):
    built = agenda_ready()
    councillor = make_user("cllr", access.COMMITTEE_MEMBERS, committee=built.committee)
    client.force_login(councillor)
    client.post(reverse("alerts:member_papers"), {"action": "start", "frequency": "daily"})
    with worker_runs_at_once():
        publish(built)
    councillor.person.memberships.update(end_date=datetime.date(2000, 1, 1))
    call_command("send_alert_digests", stdout=io.StringIO())
    run_alert_tasks()
    assert smtp.to("cllr@example.gov.uk") == []


def test_a_councillor_whose_email_language_is_welsh_gets_their_papers_in_welsh(client, smtp, worker_runs_at_once):
    from committee import correspondence

    built = agenda_ready()
    councillor = make_user("cllr", access.COMMITTEE_MEMBERS, committee=built.committee)
    client.force_login(councillor)
    client.post(reverse("alerts:member_papers"), {"action": "start", "frequency": "immediate"})
    # Chosen after the alert was made: the councillor's own alert follows the account's language.
    correspondence.choose(councillor, "cy")

    with worker_runs_at_once():
        publish(built)

    [message] = smtp.to("cllr@example.gov.uk")
    text = body(message)
    assert "Pam rydych yn cael hwn: rydych yn aelod o Environment Committee." in text
    assert "Mae papur Rhan 2 (eithriedig) yn aros amdanoch (paragraff 3 o Atodlen 12A)." in text
    assert "mewngofnodwch i'w ddarllen: http://127.0.0.1:8000/cy/accounts/login/?next=%2Fcy%2Freports%2F" in text
    assert "Why you are getting this" not in text and EXEMPT_SECRET not in message.as_string()
