"""Warn the monitoring officer of councillors nearing the six-month rule (LGA 1972 s.85). Run daily."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from committee import access, correspondence
from core.council import current_council
from members import six_month_rule
from members.models import SixMonthWarning


def monitoring_officer_addresses_by_language() -> dict[str, list[str]]:
    """The monitoring officers' addresses by the language each is written to in (committee/correspondence.py);
    the settings' address in the site's language."""
    officers = User.objects.filter(groups__name=access.MONITORING_OFFICERS, is_active=True).exclude(email="")
    grouped = {
        language: {user.email for user in users}
        for language, users in correspondence.by_language(officers.distinct()).items()
    }
    if settings.MONITORING_OFFICER_EMAIL:
        site = correspondence.known(None)
        already = any(settings.MONITORING_OFFICER_EMAIL in addresses for addresses in grouped.values())
        if not already:
            grouped.setdefault(site, set()).add(settings.MONITORING_OFFICER_EMAIL)
    return {language: sorted(addresses) for language, addresses in grouped.items()}


def monitoring_officer_addresses() -> list[str]:
    return sorted({a for addresses in monitoring_officer_addresses_by_language().values() for a in addresses})


class Command(BaseCommand):
    help = (
        "E-mail the monitoring officer about each councillor who has attended no meeting for four, five or six "
        "months (Local Government Act 1972 s.85), once a stage."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the warnings due; send and record nothing.")
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="Count to this day (YYYY-MM-DD).")

    def handle(self, *args, dry_run: bool = False, today: datetime.date | None = None, **options):
        today = today or timezone.localdate()
        due = []
        for absence in six_month_rule.absences(today):
            months = six_month_rule.stage(absence.counted_from, today)
            sent = SixMonthWarning.objects.filter(
                person=absence.person, counted_from=absence.counted_from, months=months
            ).exists()
            if not sent:
                due.append((absence, months))
        for absence, months in due:
            self.stdout.write(f"{absence.person.name}: {months} months without attending since {absence.counted_from}")
        if dry_run or not due:
            self.stdout.write(f"{len(due)} warning(s) due{' (dry run: none sent)' if dry_run and due else ''}.")
            return
        recipients = monitoring_officer_addresses_by_language()
        if not recipients:
            self.stderr.write("No monitoring officer has an e-mail address: nothing sent.")
            return
        for absence, months in due:
            with transaction.atomic():
                _, created = SixMonthWarning.objects.get_or_create(
                    person=absence.person,
                    counted_from=absence.counted_from,
                    months=months,
                    defaults={"sent_at": timezone.now()},
                )
                if not created:
                    continue
                # One message a language, each in its readers' e-mail language.
                for language, addresses in sorted(recipients.items()):
                    with translation.override(language):
                        context = {"absence": absence, "months": months, "council": current_council().reader_name}
                        subject = render_to_string("emails/six_month_rule_subject.txt", context).strip()
                        body = render_to_string("emails/six_month_rule.txt", context)
                    EmailMessage(subject=subject, body=body, to=addresses).send()
        self.stdout.write(f"{len(due)} warning(s) sent.")
