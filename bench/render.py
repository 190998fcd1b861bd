"""Rendering benchmark (not a timed test): how long a report's PDF takes, and what the app adds.

    DATABASE_URL=... .venv/bin/python bench/render.py [--pages 100]

For the demo council's example report and a synthetic report of about 100 pages, prints:
seconds to render, pages per second, peak memory (resident set of a fresh process per case), the
app's overhead as a ratio against WeasyPrint alone on the same HTML and stylesheet, the worker's
render of the published revision, and the time of a request through the download view after it (and
of a conditional request answered 304).
bench/run.py runs the two cases as one of its steps (``--case``, one JSON line each).

Each case runs in its own subprocess so peak memory is that case's alone. The synthetic report is
created inside a transaction that is rolled back: the database is left as it was. PDFs are cached
in a temporary folder, not the configured media storage.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The app's modules are imported inside functions, after django.setup(): Django must be configured
# (which settings and which database, chosen per run) before any model loads, which is Django's rule.

ROOT = Path(__file__).resolve().parent.parent


def setup_django(media_root: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["MEDIA_ROOT"] = media_root
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = media_root
    settings.ALLOWED_HOSTS = ["*"]


def synthetic_report(pages: int):
    """A report of about `pages` A4 pages: sections of paragraphs with bullet lists and tables."""
    from committee.models import Committee, Meeting
    from reports.models import BackgroundPaper, Paragraph, Recommendation, Report, Section

    committee = Committee.objects.order_by("pk").first()
    meeting = Meeting.objects.filter(committee=committee).order_by("starts_at").first()
    report = Report.objects.create(
        committee=committee,
        meeting=meeting,
        title="Annual performance review (benchmark)",
        report_of="Director of Resources",
        status=Report.Status.PUBLISHED,
        summary="<p>" + "A synthetic report for the rendering benchmark. " * 10 + "</p>",
    )
    for position in range(5):
        Recommendation.objects.create(report=report, position=position, text=f"<p>Recommendation {position + 1}.</p>")
    words = "The service met most of its targets this year, with some exceptions set out below. " * 6
    bullets = "<ul>" + "".join(f"<li>Point {n}: {words[:120]}</li>" for n in range(4)) + "</ul>"
    rows = "".join(f"<tr><td>Measure {n}</td><td>{n * 7}%</td><td>{n * 5}%</td></tr>" for n in range(12))
    table = (
        "<table><caption>Performance against target</caption><thead><tr><th scope='col'>Measure</th>"
        f"<th scope='col'>Target</th><th scope='col'>Actual</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    sections = max(1, round(pages / 3.3))  # about 3.3 pages a section as the print stylesheet lays it out
    for s in range(sections):
        section = Section.objects.create(report=report, position=s, heading=f"Service area {s + 1}")
        for p in range(12):
            text = f"<p>{words}</p>" + (bullets if p % 4 == 1 else "") + (table if p == 6 else "")
            heading = Paragraph.objects.create(section=section, position=p * 2, heading=f"Topic {p + 1}")
            Paragraph.objects.create(section=section, parent=heading, position=0, text=text)
    papers = Section.objects.create(report=report, position=sections, heading="Background papers")
    papers.is_background_papers = True
    papers.save()
    BackgroundPaper.objects.create(report=report, title="Corporate plan", url="https://example.gov.uk/plan.pdf")
    return report


def measure(case: str, pages: int) -> dict:
    """Runs inside a fresh process: one case, all its timings."""
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment
    from pypdf import PdfReader

    from documents import pdf
    from reports.models import Report
    from reports.structure import prefetch_report, report_structure

    setup_test_environment()
    result: dict = {"case": case}
    with transaction.atomic():
        report = Report.objects.get(title__startswith="HMIC") if case == "example" else synthetic_report(pages)

        # The app, uncached, as the download view does it: load, number, render HTML, lay out, write;
        # against WeasyPrint alone on the same HTML, stylesheet and options, as a bare call makes it
        # (bench/pdfbench.py). Fonts warmed first, the order alternated, the best of two each.
        from bench.pdfbench import raw_weasyprint

        raw_weasyprint("<!DOCTYPE html><html lang='en-GB'><title>Warm</title><p>Warm up.</p></html>")
        html = pdf.report_print_html(report_structure(prefetch_report().get(pk=report.pk)))
        app_times, raw_times = [], []
        for attempt in range(2):
            for which in ("app", "raw") if attempt % 2 == 0 else ("raw", "app"):
                start = time.perf_counter()
                if which == "app":
                    data = pdf.render_report_pdf(report_structure(prefetch_report().get(pk=report.pk)))
                    app_times.append(time.perf_counter() - start)
                else:
                    raw_weasyprint(html)
                    raw_times.append(time.perf_counter() - start)
        app_seconds, weasy_seconds = min(app_times), min(raw_times)

        page_count = len(PdfReader(io.BytesIO(data)).pages)

        # Through the view, as for a published report: a request before the worker has rendered it is
        # told it is being prepared (nothing renders in a request); the worker renders it; the next
        # request is served from the stored file.
        from django.core.files.storage import default_storage

        from documents import pdf_store, tasks
        from reports import revisions
        from reports.models import RenderedPdf

        if not report.revisions.filter(is_published=True).exists():
            revisions.record(report, None, published=True)
        revision = report.revisions.filter(is_published=True).order_by("-number").first()
        RenderedPdf.objects.filter(report=report).delete()
        # A file left by an earlier run would be kept as "frozen before PDFs were recorded", unrendered.
        default_storage.delete(pdf_store.frozen_pdf_path(revision))
        client = Client()
        url = f"/reports/{report.pk}/pdf/"
        start = time.perf_counter()
        early = client.get(url)
        before_worker_seconds = time.perf_counter() - start
        start = time.perf_counter()
        tasks.render_published_report.call(revision.pk)
        worker_seconds = time.perf_counter() - start
        start = time.perf_counter()
        second = client.get(url)
        cached_seconds = time.perf_counter() - start
        start = time.perf_counter()
        conditional = client.get(url, HTTP_IF_NONE_MATCH=second["ETag"])
        conditional_seconds = time.perf_counter() - start
        assert early.status_code == 503 and second.status_code == 200 and conditional.status_code == 304
        transaction.set_rollback(True)

    result.update(
        pages=page_count,
        pdf_bytes=len(data),
        app_seconds=round(app_seconds, 3),
        pages_per_second=round(page_count / app_seconds, 1),
        weasyprint_seconds=round(weasy_seconds, 3),
        overhead_ratio=round(app_seconds / weasy_seconds, 3),
        before_worker_seconds=round(before_worker_seconds, 4),
        worker_seconds=round(worker_seconds, 3),
        cached_request_seconds=round(cached_seconds, 4),
        not_modified_request_seconds=round(conditional_seconds, 4),
        peak_rss_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="size of the synthetic report (about)")
    parser.add_argument("--case", choices=["example", "synthetic"], help=argparse.SUPPRESS)
    parser.add_argument("--media", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.case:  # the child process
        setup_django(args.media)
        print(json.dumps(measure(args.case, args.pages)))
        return

    with tempfile.TemporaryDirectory(prefix="bench-render-") as media:
        setup_django(media)
        from django.core.management import call_command

        call_command("loaddemo", stdout=open(os.devnull, "w"))  # noqa: SIM115 (idempotent; makes the example)
        rows = []
        for case in ("example", "synthetic"):
            output = subprocess.run(
                [sys.executable, __file__, "--case", case, "--pages", str(args.pages), "--media", media],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            rows.append(json.loads(output.strip().splitlines()[-1]))

    import weasyprint

    print(f"WeasyPrint {weasyprint.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    header = (
        f"{'case':<10} {'pages':>5} {'seconds':>8} {'pages/s':>8} {'peak MiB':>9} {'WeasyPrint s':>13} "
        f"{'overhead':>9} {'worker s':>9} {'cached s':>9} {'304 s':>7}"
    )
    print(header)
    for r in rows:
        print(
            f"{r['case']:<10} {r['pages']:>5} {r['app_seconds']:>8} {r['pages_per_second']:>8} "
            f"{r['peak_rss_mib']:>9} {r['weasyprint_seconds']:>13} {r['overhead_ratio']:>8}x "
            f"{r['worker_seconds']:>9} {r['cached_request_seconds']:>9} {r['not_modified_request_seconds']:>7}"
        )


if __name__ == "__main__":
    main()
