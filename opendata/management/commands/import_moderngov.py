"""python manage.py import_moderngov https://democracy.example.gov.uk"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from opendata.importer import Importer, ImportFailed, http_fetcher


class Command(BaseCommand):
    help = (
        "Import committees, wards, councillors, memberships, meetings, agenda items and document links from a "
        "Modern.gov site's web service, keeping the old ids. Safe to run again: it updates rather than duplicates, "
        "and carries on after a failure."
    )

    def add_arguments(self, parser):
        parser.add_argument("site_url", help="The Modern.gov site, e.g. https://democracy.example.gov.uk")
        parser.add_argument("--from", dest="start", default="", help="First meeting date, dd/mm/yyyy (default: all)")
        parser.add_argument("--to", dest="end", default="", help="Last meeting date, dd/mm/yyyy (default: all)")
        parser.add_argument("--dry-run", action="store_true", help="Read everything, report, and save nothing.")

    def handle(self, *args, site_url: str, start: str, end: str, dry_run: bool, **options):
        importer = Importer(http_fetcher(site_url), progress=self.stdout.write)
        try:
            if dry_run:
                with transaction.atomic():
                    report = importer.run(start, end)
                    transaction.set_rollback(True)
            else:
                # No transaction around the whole run: each meeting is saved as it is read, so a run
                # that fails half way keeps what it did, and the next run carries on from there.
                report = importer.run(start, end)
        except ImportFailed as error:
            raise CommandError(str(error)) from error
        verb = "Would import" if dry_run else "Imported"
        for kind in sorted(set(report.created) | set(report.updated)):
            self.stdout.write(
                f"{verb} {kind}: {report.created.get(kind, 0)} new, {report.updated.get(kind, 0)} updated"
            )
        if report.skipped:
            self.stdout.write(self.style.WARNING(f"Skipped {len(report.skipped)}:"))
            for line in report.skipped:
                self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Done." if not dry_run else "Dry run: nothing was saved."))
