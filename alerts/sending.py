"""Sending what alerts have found: the worker's, in batches over one SMTP connection each, never in
a request. A message that fails stays unsent for the worker's next try (alerts/tasks.py); each row is
locked while it is sent, so two workers never send it twice. Each e-mail is drawn in the language its
reader asked in (alerts/mail.py `language`)."""

from __future__ import annotations

import smtplib
from collections import defaultdict

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone, translation

from alerts import mail
from alerts.models import Alert, AlertMatch

BATCH = 50  # messages a connection; each is one alert's matches


def _due(frequency: str, skip: set[int]):
    return (
        AlertMatch.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(sent_at__isnull=True, alert__confirmed_at__isnull=False, alert__frequency=frequency)
        .exclude(alert_id__in=skip)
        .select_related(
            "alert__subscriber",
            "alert__committee",
            "alert__ward",
            "alert__user__email_language",
            "alert__person",
            "agenda_item__meeting__committee",
            "agenda_item__publication",
            "plan_change__item__committee",
            "plan_change__item__target_meeting",
            "plan_change__deferral",
            "register_version__entry__person",
            "gift__person",
        )
        .order_by("alert_id", "id")
    )


def send_due(frequency: str = Alert.Frequency.IMMEDIATE) -> int:
    """Send every confirmed alert's unsent matches of this frequency, one e-mail an alert; the
    number of e-mails that failed (left for the next try)."""
    failed: set[int] = set()
    while True:
        with transaction.atomic():
            rows = list(_due(frequency, failed)[: BATCH * 20])
            if not rows:
                return len(failed)
            by_alert: dict[int, list[AlertMatch]] = defaultdict(list)
            for row in rows:
                if len(by_alert) < BATCH or row.alert_id in by_alert:
                    by_alert[row.alert_id].append(row)
            _send_batch(by_alert, frequency, failed)


def _send_batch(by_alert: dict[int, list[AlertMatch]], frequency: str, failed: set[int]) -> None:
    now = timezone.now()
    with get_connection() as connection:
        for alert_id, matches in by_alert.items():
            alert = matches[0].alert
            ok, dropped = mail.sendable(alert, matches)
            AlertMatch.objects.filter(pk__in=[m.pk for m in dropped]).delete()
            if not ok:
                continue
            # Each e-mail in its reader's language, whatever language the worker runs in.
            with translation.override(mail.language(alert)):
                message = mail.alert_message(alert, ok, digest=frequency == Alert.Frequency.DAILY)
            message.connection = connection
            try:
                message.send()
            except (smtplib.SMTPException, OSError):
                failed.add(alert_id)
                continue
            AlertMatch.objects.filter(pk__in=[m.pk for m in ok]).update(sent_at=now)


def send_confirmation(alert: Alert) -> bool:
    """The double opt-in's e-mail; False if it could not be sent (the worker tries again)."""
    with translation.override(mail.language(alert)):
        message = mail.confirmation_message(alert)
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        return False
    return True
