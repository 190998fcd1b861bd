"""E-mail to the scrutiny clerk about online call-in: when the first councillor signs a request, and
when enough have signed that the decision is called in. Sent by the worker (django-tasks) once the
signature has committed, and retried if the mail server is down; nothing is sent inside a request.
Each clerk is written to in their own e-mail language (committee/correspondence.py).
Only the decision's public title and a link: the members' reasons stay on the notice's page."""

from __future__ import annotations

import datetime
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from committee import access, correspondence, decisions
from committee.models import DecisionNotice
from core.council import current_council
from core.plain_text import render_plain_text

STARTED, CALLED_IN = "started", "called_in"
MAX_ATTEMPTS = 5
RETRY_AFTER = datetime.timedelta(minutes=5)


def clerk_addresses_by_language() -> dict[str, list[str]]:
    """The clerk's addresses, grouped by the language each is written to in (committee/correspondence.py):
    the settings' one address in the site's language, each governance officer in their own."""
    if settings.CALL_IN_CLERK_EMAIL:
        return {correspondence.known(None): [settings.CALL_IN_CLERK_EMAIL]}
    officers = get_user_model().objects.filter(is_active=True, groups__name=access.GOVERNANCE_OFFICERS)
    officers = officers.exclude(email="")
    grouped = correspondence.by_language(officers.distinct())
    return {language: sorted({user.email for user in users}) for language, users in grouped.items()}


def clerk_addresses() -> list[str]:
    return sorted({address for addresses in clerk_addresses_by_language().values() for address in addresses})


def queue(notice: DecisionNotice, event: str) -> None:
    """Once the signature commits, have the worker tell the clerk."""
    transaction.on_commit(lambda: tell_clerk.enqueue(notice.pk, event, 1))


@task()
def tell_clerk(notice_id: int, event: str, attempt: int = 1) -> None:
    notice = DecisionNotice.objects.select_related(*decisions.NOTICE_RELATED).filter(pk=notice_id).first()
    if notice is None:
        return
    about = decisions.subject(notice)
    signatures = list(notice.signatures.select_related("person"))
    call = getattr(notice, "call_in", None)
    context = {
        "event": event,
        "subject": about,
        "notice": notice,
        "signatories": [s.person.name for s in signatures],
        "members_required": max(settings.CALL_IN_MEMBERS_REQUIRED, 1),
        "scrutiny_meeting": call.scrutiny_item.meeting if call and call.scrutiny_item else None,
    }
    try:
        for language, addresses in sorted(clerk_addresses_by_language().items()):
            with translation.override(language):
                drawn = {
                    **context,
                    "council_name": current_council().reader_name,
                    "link": settings.SITE_URL + reverse("committee:decision_notice", args=[notice.pk]),
                }
                subject = " ".join(render_plain_text("emails/call_in_subject.txt", drawn).split())
                body = render_plain_text("emails/call_in.txt", drawn)
            for address in addresses:
                send_mail(subject, body, None, [address])
    except (smtplib.SMTPException, OSError):
        if attempt < MAX_ATTEMPTS:
            tell_clerk.using(run_after=timezone.now() + RETRY_AFTER * attempt).enqueue(notice_id, event, attempt + 1)
