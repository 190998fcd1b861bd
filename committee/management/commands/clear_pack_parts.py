"""Remove cached agenda pack pieces no current pack uses."""

from __future__ import annotations

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from committee import packs


class Command(BaseCommand):
    help = (
        "Remove cached agenda pack pieces (rendered reports, appendix title pages, page number specimens) "
        "that no pack's latest build used. A removed piece is only rendered again if a pack needs it. "
        "Safe to run any time (e.g. nightly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be removed; remove nothing.")
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=60,
            help="Leave pieces younger than this (a build in progress has not written down its pieces yet).",
        )

    def handle(self, *args, dry_run: bool = False, older_than_minutes: int = 60, **options):
        stale = packs.stale_parts(older_than=datetime.timedelta(minutes=older_than_minutes))
        for name in stale:
            self.stdout.write(f"{'Would remove' if dry_run else 'Removing'} {name}")
        if dry_run:
            self.stdout.write(f"Dry run: {len(stale)} unused pack pieces; nothing removed.")
            return
        for name in stale:
            default_storage.delete(name)
        self.stdout.write(self.style.SUCCESS(f"Removed {len(stale)} unused pack pieces."))
