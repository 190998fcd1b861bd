"""Following the Forward Plan of key decisions: each key decision added to the published plan, and each
change to one, e-mailed by the worker through a real SMTP server, saying what changed and why it
matched; a private entry says only what the public plan says; nothing before publication, nothing
that is not on the plan."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from alerts import sending
from alerts.models import Alert, AlertMatch, Subscriber
from committee.models import WorkProgrammeChange, WorkProgrammeItem
from tests.alerts.conftest import body, subject
from tests.conftest import LONDON, make_committee, make_meeting
from work_programme import forward_plan, programme

pytestmark = pytest.mark.django_db

PRIVATE_SECRET = "CANARYPRIVATEPLANPURPOSE"
MOVE_SECRET = "CANARYPRIVATEMOVEREASON"
TODAY = datetime.datetime(2030, 3, 1, 10, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def follow_plan(email: str, frequency=Alert.Frequency.IMMEDIATE) -> Alert:
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    return Alert.objects.create(
        subscriber=subscriber, kind=Alert.Kind.FORWARD_PLAN, frequency=frequency, confirmed_at=timezone.now()
    )


@pytest.fixture
def cabinet():
    return make_committee("Cabinet", takes_key_decisions=True)


def plan_item(committee, title, **extra) -> WorkProgrammeItem:
    meeting = make_meeting(committee, datetime.date(2030, 5, 2))
    return WorkProgrammeItem.objects.create(committee=committee, title=title, target_meeting=meeting, **extra)


def test_a_key_decision_put_on_the_plan_is_emailed_with_what_and_why(cabinet, smtp, worker_runs_at_once):
    follow_plan("plan@example.com")
    item = plan_item(cabinet, "Award of the waste collection contract", key_decision=True, purpose="Choose a bidder.")

    with worker_runs_at_once():
        programme.publish_programme(cabinet)

    [mail] = smtp.to("plan@example.com")
    text = body(mail)
    assert subject(mail) == "Forward Plan: Award of the waste collection contract — Added to the programme"
    assert "published a change to the Forward Plan matching your alert for key decisions on the Forward Plan" in text
    assert "Decision-maker: Cabinet; meeting: 2 May 2030." in text
    assert "Choose a bidder." in text
    assert "Why you are getting this: it is a key decision for Cabinet on the Forward Plan." in text
    plan_link = f"http://127.0.0.1:8000{reverse('committee:forward_plan')}#decision-{item.pk}"
    assert f"See it on the Forward Plan: {plan_link}" in text
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_moved_and_a_withdrawn_decision_are_each_emailed(cabinet, smtp, worker_runs_at_once):
    item = plan_item(cabinet, "Library strategy", key_decision=True, first_published_on=datetime.date(2030, 2, 1))
    later = make_meeting(cabinet, datetime.date(2030, 6, 6))
    follow_plan("plan@example.com")

    with worker_runs_at_once():
        programme.move_item(item, later, "Waiting for the consultation")
    with worker_runs_at_once():
        programme.withdraw_item(WorkProgrammeItem.objects.get(pk=item.pk))

    moved, withdrawn = smtp.to("plan@example.com")
    assert "Moved from 2 May 2030 to 6 June 2030." in body(moved)
    assert subject(withdrawn) == "Forward Plan: Library strategy — Withdrawn"
    assert "   See it on the Forward Plan: http://127.0.0.1:8000/forward-plan/" in body(withdrawn).splitlines()


def test_a_private_entry_says_only_what_the_plan_says(cabinet, smtp, worker_runs_at_once):
    item = plan_item(
        cabinet,
        "Sale of the depot",
        is_exempt=True,
        exempt_paragraph=3,
        purpose=PRIVATE_SECRET,
        first_published_on=datetime.date(2030, 2, 1),
    )
    follow_plan("plan@example.com")

    with worker_runs_at_once():
        programme.move_item(item, make_meeting(cabinet, datetime.date(2030, 6, 6)), MOVE_SECRET)

    [mail] = smtp.to("plan@example.com")
    assert "Private: paragraph 3 of Schedule 12A to the Local Government Act 1972." in body(mail)
    assert "Cabinet expects to consider it in private" in body(mail)
    assert PRIVATE_SECRET not in mail.as_string() and MOVE_SECRET not in mail.as_string()


def test_nothing_is_sent_for_what_is_not_on_the_published_plan(cabinet, smtp, worker_runs_at_once):
    follow_plan("plan@example.com")
    scrutiny = make_committee("Scrutiny Committee")
    unpublished = plan_item(cabinet, "Not yet published", key_decision=True)
    not_key = plan_item(cabinet, "Not a key decision", first_published_on=datetime.date(2030, 2, 1))
    published = datetime.date(2030, 2, 1)
    not_executive = plan_item(scrutiny, "Scrutiny's own item", key_decision=True, first_published_on=published)

    with worker_runs_at_once():
        # An edit before publication, and changes to items the plan does not show.
        programme.record_change(unpublished, WorkProgrammeChange.Kind.UPDATED)
        programme.withdraw_item(not_key)
        programme.withdraw_item(not_executive)

    assert smtp.to("plan@example.com") == []
    assert not AlertMatch.objects.exists()


def test_a_decision_taken_without_full_notice_says_the_route_and_reason(cabinet, smtp, worker_runs_at_once):
    item = WorkProgrammeItem.objects.create(
        committee=cabinet,
        title="Emergency housing contract",
        key_decision=True,
        target_meeting=make_meeting(cabinet, datetime.date(2030, 3, 20)),
    )
    follow_plan("plan@example.com")

    with worker_runs_at_once():
        forward_plan.record_route(item, forward_plan.Route.GENERAL_EXCEPTION, "The lease ends in April.")

    [mail] = smtp.to("plan@example.com")
    assert "Taken without full notice." in body(mail)
    assert "General exception. Reason: The lease ends in April." in body(mail)


def test_the_daily_digest_gathers_the_days_changes_into_one_email(cabinet, smtp, worker_runs_at_once):
    follow_plan("daily@example.com", frequency=Alert.Frequency.DAILY)
    plan_item(cabinet, "First decision", key_decision=True)
    plan_item(cabinet, "Second decision", key_decision=True)

    with worker_runs_at_once():
        programme.publish_programme(cabinet)
    assert smtp.to("daily@example.com") == []

    assert sending.send_due(Alert.Frequency.DAILY) == 0
    [digest] = smtp.to("daily@example.com")
    assert subject(digest) == "Today's news: key decisions on the Forward Plan"
    assert "2 changes to the Forward Plan" in body(digest)
    assert "First decision" in body(digest) and "Second decision" in body(digest)


def test_the_forward_plan_page_offers_the_alert_and_the_form_takes_it(client, smtp):
    page = client.get(reverse("committee:forward_plan")).content.decode()
    link = f"{reverse('alerts:subscribe')}?forward_plan=1"
    assert link in page
    form = client.get(link).content.decode()
    assert 'value="forward_plan" aria-describedby="id_kind_forward_plan-hint" checked' in form
    client.post(reverse("alerts:subscribe"), {"email": "a@example.com", "kind": "forward_plan", "frequency": "daily"})
    alert = Alert.objects.get()
    assert (alert.kind, alert.frequency, alert.confirmed_at) == (Alert.Kind.FORWARD_PLAN, "daily", None)
    assert alert.describe() == "key decisions on the Forward Plan"


def test_a_forward_plan_alert_asked_for_in_welsh_is_emailed_in_welsh(cabinet, smtp, worker_runs_at_once):
    from tests.web.test_welsh_staff import _english_in_mail, content_strings

    cabinet.name_cy = "Cabinet y Cyngor"
    cabinet.save(update_fields=["name_cy"])
    alert = follow_plan("cynllun@example.com")
    Alert.objects.filter(pk=alert.pk).update(language="cy")
    plan_item(cabinet, "Award of the waste collection contract", key_decision=True, purpose="Dewis cynigydd.")

    with worker_runs_at_once():
        programme.publish_programme(cabinet)

    [mail] = smtp.to("cynllun@example.com")
    text = body(mail)
    assert subject(mail) == "Blaenraglen: Award of the waste collection contract — Wedi'i ychwanegu at y rhaglen"
    assert "wedi cyhoeddi newid i'r Flaenraglen sy'n cyfateb i'ch hysbysiad am y penderfyniadau allweddol" in text
    assert "Penderfynwr: Cabinet y Cyngor; cyfarfod: 2 Mai 2030." in text
    assert "Pam rydych yn cael hwn: mae'n benderfyniad allweddol i Cabinet y Cyngor ar y Flaenraglen." in text
    assert f"http://127.0.0.1:8000/cy{reverse('committee:forward_plan')}#decision-" in text
    assert _english_in_mail(f"{subject(mail)}\n{text}", content_strings()) == []
