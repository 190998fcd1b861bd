# ruff: noqa: F811  (pytest fixtures imported from other test modules are redefined as arguments)
"""The scrutiny clerk is told by e-mail, through a real SMTP server, when a councillor starts a
call-in request and when enough have signed that the decision is called in; the worker sends it
after the signature commits, and tries again later if the mail server is down."""

from __future__ import annotations

import datetime

import pytest
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from committee import call_in, decisions
from tests.alerts.conftest import smtp  # noqa: F401  (the real SMTP server fixture)
from tests.committee.test_call_in import DURING, PUBLISHED, councillors, decided  # noqa: F401
from tests.conftest import make_committee, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def cabinet(db):
    return make_committee("Cabinet", kind="executive")


@pytest.fixture
def scrutiny_meeting(db):
    return make_meeting(make_committee("Overview and Scrutiny Committee", kind="scrutiny"), datetime.date(2026, 4, 21))


def run_call_in_tasks() -> int:
    ran = 0
    while True:
        due = (
            DBTaskResult.objects.ready()
            .filter(task_path__startswith="committee.call_in_mail.")
            .order_by("enqueued_at", "id")
            .first()
        )
        if due is None:
            return ran
        DBTaskResult.objects.filter(pk=due.pk).update(status=TaskResultStatus.SUCCESSFUL)
        import_string(due.task_path).call(*due.args_kwargs["args"], **due.args_kwargs["kwargs"])
        ran += 1


def sign_all(notice, people, django_capture_on_commit_callbacks):
    for person in people:
        with django_capture_on_commit_callbacks(execute=True):
            call_in.sign(notice, person, reasons="The costs are unclear.", now=DURING)


def test_the_clerk_hears_when_a_request_starts_and_when_the_decision_is_called_in(
    smtp,
    settings,
    decided,
    governance_officer,
    councillors,
    scrutiny_meeting,
    django_capture_on_commit_callbacks,
):
    settings.CALL_IN_CLERK_EMAIL = "scrutiny.clerk@example.gov.uk"
    notice = decisions.publish_notice(decided[0], governance_officer, reasons="Demand.", now=PUBLISHED)
    sign_all(notice, councillors, django_capture_on_commit_callbacks)
    assert run_call_in_tasks() == 2
    started, called = smtp.to("scrutiny.clerk@example.gov.uk")
    assert started["Subject"] == "Call-in request started: Library opening hours"
    assert "It is called in once 3 councillors have signed." in started.get_content()
    assert called["Subject"] == "Called in: Library opening hours"
    text = called.get_content()
    assert "Signed by (3 of 3): Ahmed, Bryce, Cole" in text and "Monday 13 April 2026" in text
    assert "Overview and Scrutiny Committee, 21 April 2026" in text
    assert f"/decisions/{notice.pk}/" in text and "costs are unclear" not in text


def test_an_exempt_decisions_mail_carries_its_public_title_only(
    smtp,
    settings,
    decided,
    governance_officer,
    councillors,
    django_capture_on_commit_callbacks,
):
    settings.CALL_IN_CLERK_EMAIL = "scrutiny.clerk@example.gov.uk"
    notice = decisions.publish_notice(decided[1], governance_officer, reasons="Bidder B.", now=PUBLISHED)
    sign_all(notice, councillors[:1], django_capture_on_commit_callbacks)
    run_call_in_tasks()
    (message,) = smtp.messages
    assert "Depot lease" in message["Subject"] and "Bidder B" not in message.get_content()


def test_with_the_mail_server_down_the_worker_tries_again_later(
    smtp,
    settings,
    decided,
    governance_officer,
    councillors,
    django_capture_on_commit_callbacks,
):
    settings.CALL_IN_CLERK_EMAIL = "scrutiny.clerk@example.gov.uk"
    smtp.refuse = True
    notice = decisions.publish_notice(decided[0], governance_officer, reasons="Demand.", now=PUBLISHED)
    sign_all(notice, councillors[:1], django_capture_on_commit_callbacks)
    assert run_call_in_tasks() == 1 and not smtp.messages
    retry = DBTaskResult.objects.filter(task_path__startswith="committee.call_in_mail.").latest("enqueued_at")
    assert retry.args_kwargs["args"][-1] == 2 and retry.run_after is not None


def test_without_a_clerk_address_the_governance_officers_are_told(
    smtp,
    decided,
    governance_officer,
    councillors,
    django_capture_on_commit_callbacks,
):
    governance_officer.email = "governance@example.gov.uk"
    governance_officer.save()
    notice = decisions.publish_notice(decided[0], governance_officer, reasons="Demand.", now=PUBLISHED)
    sign_all(notice, councillors[:1], django_capture_on_commit_callbacks)
    run_call_in_tasks()
    assert [m["To"] for m in smtp.messages] == ["governance@example.gov.uk"]


def test_each_clerk_hears_from_the_worker_in_their_own_email_language(
    smtp,
    settings,
    decided,
    governance_officer,
    councillors,
    scrutiny_meeting,
    django_capture_on_commit_callbacks,
):
    from committee import access, correspondence
    from tests.conftest import make_user
    from tests.web.test_welsh_staff import _english_in_mail, content_strings

    settings.CALL_IN_CLERK_EMAIL = ""
    welsh_clerk = make_user("clerc", access.GOVERNANCE_OFFICERS)
    correspondence.choose(welsh_clerk, "cy")
    notice = decisions.publish_notice(decided[0], governance_officer, reasons="Demand.", now=PUBLISHED)
    sign_all(notice, councillors, django_capture_on_commit_callbacks)
    assert run_call_in_tasks() == 2

    started, called = smtp.to("clerc@example.gov.uk")
    assert started["Subject"] == "Cais i alw i mewn wedi'i ddechrau: Library opening hours"
    text = called.get_content()
    assert "Dydd Llun, 13 Ebrill 2026" in text and f"/cy/decisions/{notice.pk}/" in text
    for message in (started, called):
        assert _english_in_mail(f"{message['Subject']}\n{message.get_content()}", content_strings()) == []
    # The English-speaking clerk's e-mails are as they were.
    started, called = smtp.to("governance@example.gov.uk")
    assert called["Subject"] == "Called in: Library opening hours"
    assert "Monday 13 April 2026" in called.get_content()
