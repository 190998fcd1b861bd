"""Asking for, confirming and ending alerts: the rules, apart from the pages that ask for them.

- Anybody may ask for an alert for any address; it does nothing until confirmed from that address
  (double opt-in). An address with many unconfirmed alerts gets no more confirmation e-mails, so the
  form cannot be used to flood somebody's inbox.
- Unconfirmed alerts expire with their confirmation link; an address with no alert left is deleted.
- A councillor's alert for their own committees needs no e-mail to confirm it: it is asked for while
  signed in and goes to the account's own address.
- Each alert's e-mails are in the language of the page it was asked for on; the address's alerts page
  changes the language of them all (a councillor's own alert follows their account's e-mail language).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from alerts import links, tasks
from alerts.models import Alert, Subscriber
from committee import correspondence

MAX_UNCONFIRMED = 5


@transaction.atomic
def ask(email: str, **fields) -> Alert | None:
    """Record an unconfirmed alert and have its confirmation e-mail sent; None if the address already has
    too many waiting to be confirmed."""
    subscriber, _ = Subscriber.objects.get_or_create(email=email.lower())
    if subscriber.alerts.filter(confirmed_at__isnull=True).count() >= MAX_UNCONFIRMED:
        return None
    alert = Alert.objects.create(subscriber=subscriber, **fields)
    tasks.queue_confirmation(alert)
    return alert


def confirm(alert: Alert) -> Alert:
    """Confirm the alert; if the address already has the very same alert confirmed, keep that one only."""
    with transaction.atomic():
        same = (
            Alert.objects.confirmed()
            .filter(
                subscriber=alert.subscriber,
                kind=alert.kind,
                committee=alert.committee,
                ward=alert.ward,
                words=alert.words,
                user=alert.user,
                person=alert.person,
            )
            .exclude(pk=alert.pk)
            .first()
        )
        if same is not None:
            # Asked again, perhaps in the other language: the newer request's frequency and language hold.
            if (same.frequency, same.language) != (alert.frequency, alert.language):
                same.frequency, same.language = alert.frequency, alert.language
                same.save(update_fields=["frequency", "language"])
            alert.delete()
            return same
        if alert.confirmed_at is None:
            alert.confirmed_at = timezone.now()
            alert.save(update_fields=["confirmed_at"])
        return alert


def language(subscriber: Subscriber) -> str:
    """The language the address's e-mails are in: its latest alert's (they are all the same once it
    has chosen on its alerts page)."""
    latest = subscriber.alerts.exclude(kind=Alert.Kind.MEMBER_PAPERS).order_by("-created", "-id").first()
    return correspondence.known(latest.language if latest else None)


def write_in(subscriber: Subscriber, language: str) -> None:
    """From now on, e-mail every alert of the address in this language."""
    subscriber.alerts.exclude(kind=Alert.Kind.MEMBER_PAPERS).update(language=correspondence.known(language))


@transaction.atomic
def stop(alert: Alert) -> None:
    """End one alert; the address goes with its last alert (it is kept for nothing else)."""
    subscriber = alert.subscriber
    alert.delete()
    if not subscriber.alerts.exists():
        subscriber.delete()


@transaction.atomic
def forget(subscriber: Subscriber) -> None:
    """Delete the address and everything of it: its alerts and what they matched."""
    subscriber.delete()


def expired_unconfirmed(now=None):
    now = now or timezone.now()
    return Alert.objects.filter(confirmed_at__isnull=True, created__lt=now - links.CONFIRM_WITHIN)


@transaction.atomic
def expire_unconfirmed(now=None) -> tuple[int, int]:
    """Delete unconfirmed alerts whose link has expired, and addresses left with no alert."""
    alerts = expired_unconfirmed(now)
    subscriber_ids = set(alerts.values_list("subscriber_id", flat=True))
    alert_count = alerts.count()
    alerts.delete()
    orphans = Subscriber.objects.filter(pk__in=subscriber_ids, alerts__isnull=True)
    subscriber_count = orphans.count()
    orphans.delete()
    return alert_count, subscriber_count


def member_alert(user) -> Alert | None:
    return Alert.objects.filter(user=user, kind=Alert.Kind.MEMBER_PAPERS).select_related("subscriber").first()


@transaction.atomic
def start_member_alert(user, frequency: str = Alert.Frequency.IMMEDIATE) -> Alert:
    """A signed-in councillor's alert for their committees' papers, to the account's own address."""
    existing = member_alert(user)
    if existing is not None:
        existing.subscriber.alerts.filter(pk=existing.pk).update(frequency=frequency)
        existing.refresh_from_db()
        return existing
    subscriber, _ = Subscriber.objects.get_or_create(email=member_address(user))
    kind, now = Alert.Kind.MEMBER_PAPERS, timezone.now()
    return Alert.objects.create(subscriber=subscriber, kind=kind, user=user, frequency=frequency, confirmed_at=now)


def member_address(user) -> str:
    """The account's address, or else the address on the councillor's record."""
    person = getattr(user, "person", None)
    return (user.email or (person.email if person is not None else "")).strip().lower()
