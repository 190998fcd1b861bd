"""The signed links an alert's e-mails carry: an address without an account proves it is itself by
holding them. Signed with the site's secret (django.core.signing), each for one purpose (its salt),
bound to the address, so a link for one alert or address opens nothing else."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from alerts.models import Alert, Subscriber

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
MANAGE_SALT = "alerts.manage"
# How long a confirmation link works; unconfirmed alerts are deleted a little after (expire_alert_subscriptions).
CONFIRM_WITHIN = datetime.timedelta(days=7)


def _sign(salt: str, pk: int, email: str) -> str:
    return signing.dumps([pk, email.lower()], salt=salt, compress=True)


def _unsign(salt: str, token: str, max_age: datetime.timedelta | None = None) -> tuple[int, str] | None:
    try:
        pk, email = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (pk, email) if isinstance(pk, int) and isinstance(email, str) else None


def confirm_token(alert: Alert) -> str:
    return _sign(CONFIRM_SALT, alert.pk, alert.subscriber.email)


def unsubscribe_token(alert: Alert) -> str:
    return _sign(UNSUBSCRIBE_SALT, alert.pk, alert.subscriber.email)


def manage_token(subscriber: Subscriber) -> str:
    return _sign(MANAGE_SALT, subscriber.pk, subscriber.email)


def alert_to_confirm(token: str) -> Alert | None:
    found = _unsign(CONFIRM_SALT, token, max_age=CONFIRM_WITHIN)
    if found is None:
        return None
    return Alert.objects.select_related("subscriber").filter(pk=found[0], subscriber__email=found[1]).first()


def alert_to_unsubscribe(token: str) -> Alert | None:
    found = _unsign(UNSUBSCRIBE_SALT, token)
    if found is None:
        return None
    return Alert.objects.select_related("subscriber").filter(pk=found[0], subscriber__email=found[1]).first()


def subscriber_to_manage(token: str) -> Subscriber | None:
    found = _unsign(MANAGE_SALT, token)
    if found is None:
        return None
    return Subscriber.objects.filter(pk=found[0], email=found[1]).first()


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def confirm_url(alert: Alert) -> str:
    return absolute(reverse("alerts:confirm", args=[confirm_token(alert)]))


def unsubscribe_url(alert: Alert) -> str:
    return absolute(reverse("alerts:unsubscribe", args=[unsubscribe_token(alert)]))


def manage_url(subscriber: Subscriber) -> str:
    return absolute(reverse("alerts:manage", args=[manage_token(subscriber)]))


def is_unsubscribe_token(token: str) -> bool:
    """A genuine unsubscribe link, whether or not its alert still exists."""
    return _unsign(UNSUBSCRIBE_SALT, token) is not None
