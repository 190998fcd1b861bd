"""Remove rendered report PDFs that no download will use again."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand

from reports import pdf_store


class Command(BaseCommand):
    help = (
        "Remove report PDFs no download will use again: earlier renders of drafts that have changed since, "
        "drafts' PDFs of reports now published, and files nothing refers to. Published revisions' PDFs are "
        "never removed. Safe to run any time (e.g. nightly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be removed; remove nothing.")
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=60,
            help="Leave files younger than this (a render in progress may not have recorded its file yet).",
        )

    def handle(self, *args, dry_run: bool = False, older_than_minutes: int = 60, **options):
        stale = pdf_store.stale_files(older_than=datetime.timedelta(minutes=older_than_minutes))
        for name in stale.files:
            self.stdout.write(f"{'Would remove' if dry_run else 'Removing'} {name}")
        summary = f"{len(stale.files)} stale PDF files, {len(stale.rows)} superseded draft PDFs"
        if dry_run:
            self.stdout.write(f"Dry run: {summary}; nothing removed.")
            return
        pdf_store.clear_stale(stale)
        self.stdout.write(self.style.SUCCESS(f"Removed {summary}."))
