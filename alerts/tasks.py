"""What the worker does for alerts (django-tasks, like documents/tasks.py): match each publication
once it has committed, send what was matched, retry what failed. Nothing is sent inside a request."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from alerts import matching, sending
from alerts.models import Alert
from committee.models import AgendaItem

MAX_ATTEMPTS = 5
RETRY_AFTER = datetime.timedelta(minutes=5)  # times the attempt: 5, 10, 15, 20 minutes


def _retry_later(a_task, attempt: int, *args) -> None:
    if attempt < MAX_ATTEMPTS:
        a_task.using(run_after=timezone.now() + RETRY_AFTER * attempt).enqueue(*args, attempt + 1)


@task()
def match_publication(publication_id: int) -> None:
    """Find the alerts an agenda or supplementary agenda publication matches; send the immediate ones."""
    item_ids = list(AgendaItem.objects.filter(publication_id=publication_id).values_list("pk", flat=True))
    _send_immediate(matching.record_matches(item_ids))


@task()
def match_plan_change(change_id: int) -> None:
    """Find the Forward Plan alerts a change to the plan matches; send the immediate ones."""
    _send_immediate(matching.record(matching.find_plan_matches(change_id)))


@task()
def match_register_version(version_id: int) -> None:
    """Find the alerts following a councillor whose register change was published; send the immediate ones."""
    _send_immediate(matching.record(matching.find_register_matches(version_id)))


@task()
def match_gift(gift_id: int) -> None:
    """Find the alerts following a councillor whose gift or hospitality was published; send the immediate ones."""
    _send_immediate(matching.record(matching.find_gift_matches(gift_id)))


def _send_immediate(matched: dict[str, set[int]]) -> None:
    if matched.get(Alert.Frequency.IMMEDIATE):
        send_alerts.enqueue(Alert.Frequency.IMMEDIATE, 1)


@task()
def send_alerts(frequency: str, attempt: int = 1) -> None:
    if sending.send_due(frequency):
        _retry_later(send_alerts, attempt, frequency)


@task()
def send_confirmation(alert_id: int, attempt: int = 1) -> None:
    alert = Alert.objects.select_related("subscriber", "committee", "ward", "person").filter(pk=alert_id).first()
    if alert is None or alert.confirmed_at is not None:
        return
    if not sending.send_confirmation(alert):
        _retry_later(send_confirmation, attempt, alert_id)


def queue_matching(publication_id: int) -> None:
    """publishing/publication.py calls this once a publication has committed (alerts/apps.py)."""
    match_publication.enqueue(publication_id)


def queue_plan_matching(change_id: int) -> None:
    """work_programme/programme.py calls this once a change to a programme has committed (alerts/apps.py)."""
    match_plan_change.enqueue(change_id)


def queue_register_matching(version_id: int) -> None:
    """members/register.py calls this once a register change is published and committed (alerts/apps.py)."""
    match_register_version.enqueue(version_id)


def queue_gift_matching(gift_id: int) -> None:
    """members/register.py calls this once a gift is published and committed (alerts/apps.py)."""
    match_gift.enqueue(gift_id)


def queue_confirmation(alert: Alert) -> None:
    """Once the new alert is committed, have the worker send its confirmation e-mail."""
    transaction.on_commit(lambda: send_confirmation.enqueue(alert.pk, 1))
