"""PDF rendering, one case per process (so its peak memory is its own):

    DATABASE_URL=… python -m bench.pdfbench example|long [--pages 100] [--save PATH]

Times the app rendering the document (loading the report, building the HTML, laying it out, writing
the tagged PDF) against WeasyPrint alone on the same HTML and stylesheet with the same options, and
prints one JSON line. The long report is written for the run and rolled back afterwards.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import time

# The app's modules are imported inside functions, after django.setup(): Django must be configured
# (which settings and which database, chosen per run) before any model loads, which is Django's rule.


def _pages(data: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def raw_weasyprint(html: str) -> bytes:
    """WeasyPrint by itself: the same HTML, stylesheet, fetcher and PDF options as the app uses."""
    import weasyprint
    from django.contrib.staticfiles import finders

    from documents import pdf

    return weasyprint.HTML(string=html, base_url=pdf._base_url(), url_fetcher=pdf.StaticOnlyFetcher()).write_pdf(
        stylesheets=[weasyprint.CSS(filename=finders.find(pdf.PRINT_CSS), url_fetcher=pdf.StaticOnlyFetcher())],
        pdf_variant=pdf.PDF_VARIANT,
        pdf_tags=True,
    )


def make_long_report(pages: int):
    """A published report of about `pages` pages, like the seeded ones but longer."""
    from bench.seed import PARAGRAPH_WORDS, WORDS_PER_PAGE
    from bench.text import Prose
    from committee.models import Meeting
    from reports.models import Paragraph, Recommendation, Report, Section

    prose = Prose(seed=100)
    topic = prose.topics[0]
    meeting = Meeting.objects.filter(agenda_published_at__isnull=False).order_by("-starts_at").first()
    report = Report.objects.create(
        committee=meeting.committee,
        meeting=meeting,
        title=f"{topic.title}: a long report for the benchmark",
        report_of="Director of Resources",
        status=Report.Status.PUBLISHED,
        summary=f"<p>{prose.paragraph(60, topic)}</p>",
    )
    for position in range(3):
        Recommendation.objects.create(report=report, position=position, text=f"<p>{prose.paragraph(25)}</p>")
    words = pages * WORDS_PER_PAGE
    per_section = words // 8
    for position in range(8):
        section = Section.objects.create(report=report, position=position, heading=f"Part {position + 1}")
        Paragraph.objects.bulk_create(
            Paragraph(section=section, position=i, text=f"<p>{prose.paragraph(PARAGRAPH_WORDS, topic)}</p>")
            for i in range(per_section // PARAGRAPH_WORDS)
        )
    return report


def measure(report, repeats: int) -> dict:
    from documents import pdf
    from reports.structure import prefetch_report, report_structure

    app_times, raw_times = [], []
    data = b""
    peak_after_app = 0
    html = pdf.report_print_html(report_structure(prefetch_report().get(pk=report.pk)))
    # Warm up: fonts and the stylesheet's files are loaded once per process.
    raw_weasyprint("<!DOCTYPE html><html lang='en-GB'><title>Warm</title><p>Warm up.</p></html>")
    for attempt in range(repeats):
        # Alternate which goes first, so neither always meets a warmer (or busier) machine.
        order = ["app", "raw"] if attempt % 2 == 0 else ["raw", "app"]
        for which in order:
            started = time.perf_counter()
            if which == "app":
                data = pdf.render_report_pdf(report_structure(prefetch_report().get(pk=report.pk)))
                app_times.append(time.perf_counter() - started)
                peak_after_app = max(peak_after_app, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            else:
                raw_weasyprint(html)
                raw_times.append(time.perf_counter() - started)
    pages = _pages(data)
    return {
        "pages": pages,
        "seconds": round(min(app_times), 3),
        "raw_seconds": round(min(raw_times), 3),
        "pages_per_second": round(pages / min(app_times), 2),
        "overhead": round(min(app_times) / min(raw_times), 3),
        # On a shared machine one slow run moves the best-of figure; the medians are the steadier pair.
        "overhead_median": round(statistics.median(app_times) / statistics.median(raw_times), 3),
        "load_average": round(os.getloadavg()[0], 2),
        "peak_mb": round(peak_after_app / 1024, 1),
        "bytes": len(data),
        "pdf": data,
    }


def make_pack_meeting(pages: int):
    """A meeting whose published agenda carries public reports adding up to about `pages` pages."""
    from django.db.models import Sum
    from django.db.models.functions import Length
    from django.utils import timezone

    from bench.seed import WORDS_PER_PAGE
    from committee.models import AgendaItem, AgendaPublication, Meeting
    from reports.models import Paragraph, Report

    candidates = list(Report.objects.public().order_by("-pk").values_list("pk", flat=True)[:400])
    sizes = dict(
        Paragraph.objects.filter(section__report__in=candidates)
        .values_list("section__report")
        .annotate(chars=Sum(Length("text")))
    )
    chosen, estimate = [], 2  # the cover and agenda
    for pk in candidates:
        if estimate >= pages:
            break
        chosen.append(pk)
        estimate += 1 + sizes.get(pk, 0) / (WORDS_PER_PAGE * 6.6)
    reports = Report.objects.in_bulk(chosen)
    now = timezone.now()
    first = reports[chosen[0]]
    meeting = Meeting.objects.create(
        committee_id=first.committee_id, starts_at=now + timezone.timedelta(days=14), agenda_published_at=now
    )
    publication = AgendaPublication.objects.create(
        meeting=meeting, kind=AgendaPublication.Kind.AGENDA, published_at=now
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=position,
            title=reports[pk].title,
            kind=AgendaItem.Kind.REPORT,
            report=reports[pk],
            publication=publication,
        )
        for position, pk in enumerate(chosen)
    )
    return meeting, [reports[pk] for pk in chosen]


def measure_pack(pages: int) -> dict:
    """A full build of the public pack; then one report is corrected as governance corrects a published
    report (edit it, then ``publish_correction``), and the pack is built again: once after a one-word
    correction (the report keeps its length), once after one that adds a page (every later page number
    moves). The yardstick is rendering that report's published revision alone, as the worker does
    when a correction is published. Measured as ``bench/packbench.py`` measures it."""
    from django.contrib.auth.models import Group, User

    from bench.packbench import correct, cpu_timed
    from documents import packs, pdf
    from reports import revisions
    from reports.models import ReportRevision

    meeting, reports = make_pack_meeting(pages)
    # As publishing leaves them: each report in the pack has a published revision (bulk-seeded ones
    # may not), which is what the pack prints and what its cached piece is keyed by.
    with_revision = set(
        ReportRevision.objects.filter(report__in=reports, is_published=True).values_list("report_id", flat=True)
    )
    for report in reports:
        if report.pk not in with_revision:
            revisions.record(report, None, published=True)
    officer = User.objects.create_user("bench-pack-governance")
    officer.groups.add(Group.objects.get_or_create(name="Governance officers")[0])
    started = time.perf_counter()
    data, page_count = packs.build_pack_pdf(meeting, "public")
    full = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    changed = reports[len(reports) // 2]

    def one_report() -> tuple[float, float]:
        revision = ReportRevision.objects.filter(report=changed, is_published=True).order_by("-number").first()
        doc = revisions.structure_from_snapshot(revision.content)
        wall, cpu, _pdf = cpu_timed(lambda: pdf.render_report_pdf(doc))
        return wall, cpu

    def rebuild() -> tuple[float, float, int]:
        wall, cpu, (_data, count) = cpu_timed(lambda: packs.build_pack_pdf(meeting, "public"))
        return wall, cpu, count

    correct(changed, officer, "Correction: one word.")
    same, same_cpu, same_pages = rebuild()
    ones = [one_report() for _ in range(2)]
    one, one_cpu = min(w for w, _ in ones), min(c for _, c in ones)
    correct(changed, officer, "Corrected again, with a new part.", extra_paragraphs=8)
    longer, longer_cpu, longer_pages = rebuild()
    ones = [one_report() for _ in range(2)]
    one_longer, one_longer_cpu = min(w for w, _ in ones), min(c for _, c in ones)
    return {
        "pages": page_count,
        "reports": len(reports),
        "seconds": round(full, 3),
        "pages_per_second": round(page_count / full, 2),
        "rebuild_seconds": round(same, 3),
        "rebuild_vs_full": round(same / full, 3),
        "one_report_seconds": round(one, 3),
        "rebuild_vs_one_report": round(same / one, 2),
        "same_length": same_pages == page_count,
        "rebuild_longer_seconds": round(longer, 3),
        "one_report_longer_seconds": round(one_longer, 3),
        "rebuild_longer_vs_one_report": round(longer / one_longer, 2),
        "cpu_rebuild_vs_one_report": round(same_cpu / one_cpu, 2),
        "cpu_rebuild_longer_vs_one_report": round(longer_cpu / one_longer_cpu, 2),
        "pages_after_longer_correction": longer_pages,
        "peak_mb": round(peak / 1024, 1),
        "bytes": len(data),
        "pdf": b"",
    }


def publish_example() -> dict:
    """The example report as publishing leaves it: a published revision whose PDF the worker has
    rendered and stored (documents/pdf_store.py). Kept (not rolled back): the served-PDF step downloads it."""
    from committee.demo import example_report
    from documents import pdf_store
    from reports import revisions
    from reports.models import Report

    report = Report.objects.get(title=example_report.TITLE)
    revision = report.revisions.filter(is_published=True).order_by("-number").first()
    if revision is None:
        revision = revisions.record(report, None, published=True)
    started = time.perf_counter()
    rendered = pdf_store.frozen_pdf(revision)
    return {
        "report": report.pk,
        "seconds": round(time.perf_counter() - started, 3),
        "path": rendered.file.path,
        "bytes": rendered.size,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("case", choices=["example", "long", "pack", "publish-example"])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--save", help="Write the app's PDF here (for the static-file comparison).")
    args = parser.parse_args(argv)
    from bench.seed import setup_django

    setup_django()
    import logging

    logging.disable(logging.INFO)
    from django.db import transaction

    from committee.demo import example_report
    from reports.models import Report

    if args.case == "publish-example":
        print(json.dumps(publish_example()))
        return
    with transaction.atomic():
        if args.case == "pack":
            result = measure_pack(args.pages)
        else:
            if args.case == "example":
                report = Report.objects.get(title=example_report.TITLE)
            else:
                report = make_long_report(args.pages)
            result = measure(report, args.repeats)
            result["report"] = report.pk
        # The long report and the pack's meeting were made for this run only.
        transaction.set_rollback(args.case != "example")
    data = result.pop("pdf")
    if args.save:
        with open(args.save, "wb") as handle:
            handle.write(data)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
