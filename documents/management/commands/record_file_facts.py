from django.core.management.base import BaseCommand

from documents import file_facts
from reports.models import Report


class Command(BaseCommand):
    help = (
        "Record the size, SHA-512 checksum and text of every public report's PDF for open data (OParl "
        "File objects), rendering those not yet recorded. Publication records them in the background; "
        "run this once for reports published before that, e.g. after loading data. Safe to run again: "
        "reports whose facts are up to date are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say which reports need recording; save nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        reports = list(Report.objects.public().order_by("pk"))
        missing = [report for report in reports if not file_facts.report_facts_are_current(report)]
        self.stdout.write(f"{len(reports)} public reports, {len(missing)} to record.")
        for number, report in enumerate(missing, start=1):
            if dry_run:
                self.stdout.write(f"  would record: {report.title}")
                continue
            facts = file_facts.record_report_pdf(report)
            self.stdout.write(f"  {number}/{len(missing)} {report.title}: {facts.size} bytes")
        self.stdout.write(self.style.SUCCESS("Done." if not dry_run else "Dry run: nothing saved."))
