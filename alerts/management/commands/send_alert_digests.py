"""Once a day (cron): have the worker send each daily alert's e-mail of what it matched since the last."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from alerts import tasks
from alerts.models import Alert, AlertMatch


class Command(BaseCommand):
    help = (
        "Ask the worker to send the daily alerts: one e-mail an alert with everything it matched and has "
        "not sent yet. Run once a day; running it again sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say how many alerts have something to send.")

    def handle(self, *args, dry_run=False, **options):
        waiting = (
            AlertMatch.objects.filter(
                sent_at__isnull=True, alert__confirmed_at__isnull=False, alert__frequency=Alert.Frequency.DAILY
            )
            .values("alert")
            .distinct()
            .count()
        )
        if dry_run:
            self.stdout.write(f"{waiting} daily alert{'s have' if waiting != 1 else ' has'} something to send.")
            return
        tasks.send_alerts.enqueue(Alert.Frequency.DAILY, 1)
        self.stdout.write(f"Asked the worker to send {waiting} daily alert{'s' if waiting != 1 else ''}.")
