"""What the nightly clean-up commands share: list the generated files nothing will use again, or remove them."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand


class StaleFilesCommand(BaseCommand):
    """``--dry-run`` lists, otherwise removes; ``--older-than-minutes`` spares what a job in progress
    may not have written down yet. A subclass says what it finds (``find``) and how to remove it."""

    in_progress = "a job in progress may not have written its files down yet"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be removed; remove nothing.")
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=60,
            help=f"Leave files younger than this ({self.in_progress}).",
        )

    def find(self, older_than: datetime.timedelta) -> tuple[object, list[str], str]:
        """What to remove, the names of its files, and a summary ("3 unused pack pieces")."""
        raise NotImplementedError

    def remove(self, found: object) -> None:
        raise NotImplementedError

    def handle(self, *args, dry_run: bool = False, older_than_minutes: int = 60, **options):
        found, names, summary = self.find(datetime.timedelta(minutes=older_than_minutes))
        for name in names:
            self.stdout.write(f"{'Would remove' if dry_run else 'Removing'} {name}")
        if dry_run:
            self.stdout.write(f"Dry run: {summary}; nothing removed.")
            return
        self.remove(found)
        self.stdout.write(self.style.SUCCESS(f"Removed {summary}."))
