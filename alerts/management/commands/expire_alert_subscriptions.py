"""Delete alerts nobody confirmed, and addresses left with none: an address is personal data, kept
only while it wants alerts."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from alerts import links, subscriptions


class Command(BaseCommand):
    help = (
        f"Delete alerts not confirmed within {links.CONFIRM_WITHIN.days} days of being asked for (their "
        "link has expired), and the addresses left with no alert. Safe to run any time (e.g. nightly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be deleted; delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            count = subscriptions.expired_unconfirmed().count()
            self.stdout.write(f"Would delete {count} unconfirmed alert{'s' if count != 1 else ''}.")
            return
        alerts, addresses = subscriptions.expire_unconfirmed()
        self.stdout.write(
            f"Deleted {alerts} unconfirmed alert{'s' if alerts != 1 else ''} "
            f"and {addresses} address{'es' if addresses != 1 else ''} left with none."
        )
