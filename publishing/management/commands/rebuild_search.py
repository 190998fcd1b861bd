"""Rebuild the public search index from what is published now."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from committee.models import SearchDocument
from publishing import search


class Command(BaseCommand):
    help = "Rebuild the search index of published reports, agenda items and minutes. Safe to run any time."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say how many entries there are; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        if dry_run:
            self.stdout.write(f"The index holds {SearchDocument.objects.count()} entries.")
            return
        meetings = search.reindex_all()
        self.stdout.write(self.style.SUCCESS(f"Indexed {meetings} meetings: {SearchDocument.objects.count()} entries."))
