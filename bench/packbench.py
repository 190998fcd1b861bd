"""Agenda pack: a full build against a rebuild after one report changes (issue 8's goal: the rebuild
costs at most 1.5 times rendering that one report on its own).

    python -m bench.packbench [--reports 10] [--pages 8] [--changed-pages N] [--save PATH]

Runs on its own throwaway SQLite database and media folder (in a temporary folder, deleted after),
so it needs no server and touches no one's data. It publishes a meeting of ``--reports`` reports of
about ``--pages`` pages each, one with a two-page uploaded appendix (``--changed-pages``: the report
that is corrected runs to that many instead: the hard case is a short report in a long pack), then times:

- ``full``: the whole pack built with nothing cached;
- ``rebuild``: the pack again after a one-word correction to one report (same page count), best of two;
- ``rebuild_longer``: again after a correction that makes that report a page longer, which moves
  every later page number, best of two (each adds a page);
- ``one_report`` and ``one_report_longer``: that report's published revision rendered on its own
  (documents/pdf.py, uncached, as the worker renders a published correction), after each correction,
  best of two of each kind;

and prints one JSON line with the ratios ``rebuild / one_report`` and
``rebuild_longer / one_report_longer``, in wall-clock time and in the process's CPU time (steadier on
a shared machine). bench/pdfbench.py's pack step measures the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

# The app's modules are imported inside functions, after django.setup(): Django must be configured
# (which settings and which database, chosen per run) before any model loads, which is Django's rule.

ROOT = Path(__file__).resolve().parent.parent


def setup(folder: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_meeting(reports: int, pages: int, changed_pages: int | None = None):
    import datetime
    from zoneinfo import ZoneInfo

    from django.contrib.auth.models import Group, User
    from django.core.files.base import ContentFile

    from bench.seed import PARAGRAPH_WORDS, WORDS_PER_PAGE
    from bench.text import Prose
    from committee import agenda
    from committee.models import Committee, Meeting
    from publishing import publication
    from reports.models import Appendix, Paragraph, Recommendation, Report, Section

    prose = Prose(seed=8)
    officer = User.objects.create_user("bench-governance")
    officer.groups.add(Group.objects.get_or_create(name="Governance officers")[0])
    committee = Committee.objects.create(name="Pack Benchmark Committee", slug="pack-benchmark")
    starts = datetime.datetime(2030, 3, 5, 19, tzinfo=ZoneInfo("Europe/London"))
    meeting = Meeting.objects.create(committee=committee, starts_at=starts)
    made = []
    for number in range(reports):
        topic = prose.topics[number % len(prose.topics)]
        report = Report.objects.create(
            committee=committee,
            title=f"{topic.title} ({number + 1})",
            report_of="Director of Resources",
            status=Report.Status.APPROVED,
            summary=f"<p>{prose.paragraph(60, topic)}</p>",
        )
        for position in range(3):
            Recommendation.objects.create(report=report, position=position, text=f"<p>{prose.paragraph(25)}</p>")
        length = changed_pages if changed_pages and number == reports // 2 else pages
        per_section = max(length * WORDS_PER_PAGE - 250, PARAGRAPH_WORDS) // 4
        for position in range(4):
            section = Section.objects.create(report=report, position=position, heading=f"Part {position + 1}")
            Paragraph.objects.bulk_create(
                Paragraph(section=section, position=i, text=f"<p>{prose.paragraph(PARAGRAPH_WORDS, topic)}</p>")
                for i in range(max(1, per_section // PARAGRAPH_WORDS))
            )
        made.append(report)
    from documents.pdf import html_to_pdf

    appendix = Appendix(report=made[0], title="Budget detail", content_type="application/pdf")
    appendix_html = "".join(f"<h1>Budget detail {n}</h1><p>{prose.paragraph(300)}</p>" for n in range(2))
    appendix.file.save("budget.pdf", ContentFile(html_to_pdf(appendix_html, title="Budget detail")), save=True)
    for report in made:
        agenda.add_report_item(meeting, officer, report)
    publication.publish_agenda(meeting, officer, late_reason="urgency")
    return meeting, made, officer


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def cpu_timed(function):
    """(wall seconds, CPU seconds of this process, result): on a shared machine the CPU time of the
    one process doing the work (layout and joining run in it, single-threaded) is far steadier than
    the wall clock, which also counts the time others' processes held the cores."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def correct(report, officer, note: str, extra_paragraphs: int = 0) -> None:
    """A correction as governance makes it: edit the published report, then publish the correction.
    Without extra paragraphs, one word changes (the usual correction: the report keeps its length)."""
    from bench.text import Prose
    from reports import workflow
    from reports.models import Paragraph

    report.refresh_from_db()
    paragraph = Paragraph.objects.filter(section__report=report).order_by("section__position", "position").first()
    first, _, rest = paragraph.text.removeprefix("<p>").partition(" ")
    paragraph.text = f"<p>{'Revised' if first != 'Revised' else 'Amended'} {rest}"
    paragraph.save()
    prose = Prose(seed=9)
    for n in range(extra_paragraphs):
        Paragraph.objects.create(section=paragraph.section, position=1000 + n, text=f"<p>{prose.paragraph(90)}</p>")
    report.save()
    workflow.publish_correction(report, officer, note)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10)
    parser.add_argument("--pages", type=int, default=8, help="about how many pages each report runs to")
    parser.add_argument("--changed-pages", type=int, help="about how many pages the corrected report runs to")
    parser.add_argument("--save", help="write the last pack built here, to look at")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="packbench-") as folder:
        setup(Path(folder))
        from committee.models import AgendaPack
        from documents import packs, pdf
        from reports import revisions
        from reports.models import ReportRevision
        from reports.structure import loaded_structure

        meeting, reports, officer = make_meeting(args.reports, args.pages, args.changed_pages)
        changed = reports[len(reports) // 2]

        def one_report() -> tuple[float, float]:
            revision = ReportRevision.objects.filter(report=changed, is_published=True).order_by("-number").first()
            doc = revisions.structure_from_snapshot(revision.content)
            wall, cpu, _pdf = cpu_timed(lambda: pdf.render_report_pdf(doc))
            return wall, cpu

        def build():
            return cpu_timed(lambda: packs.build_pack_pdf(meeting, AgendaPack.Variant.PUBLIC))

        pdf.render_report_pdf(loaded_structure(changed))  # warm up: fonts and stylesheets load once per process
        full, _cpu, (data, pages) = build()
        rebuilds, ones = [], []
        for attempt in range(2):
            correct(changed, officer, f"Correction {attempt + 1}: one word.")
            wall, cpu, (data, same_pages) = build()
            rebuilds.append((wall, cpu))
            ones.append(one_report())
        rebuild, rebuild_cpu = min(w for w, _ in rebuilds), min(c for _, c in rebuilds)
        one, one_cpu = min(w for w, _ in ones), min(c for _, c in ones)
        rebuilds, ones = [], []
        for attempt in range(2):
            correct(changed, officer, f"Correction {attempt + 3}: a new part.", extra_paragraphs=8)
            wall, cpu, (data, longer_pages) = build()
            rebuilds.append((wall, cpu))
            ones.append(one_report())
        rebuild_longer, rebuild_longer_cpu = min(w for w, _ in rebuilds), min(c for _, c in rebuilds)
        one_longer, one_longer_cpu = min(w for w, _ in ones), min(c for _, c in ones)
        if args.save:
            Path(args.save).write_bytes(data)
    print(
        json.dumps(
            {
                "reports": args.reports,
                "load_average": round(os.getloadavg()[0], 2),
                "pack_pages": pages,
                "pages_after_longer_correction": longer_pages,
                "one_report_seconds": round(one, 3),
                "one_report_longer_seconds": round(one_longer, 3),
                "full_seconds": round(full, 3),
                "rebuild_seconds": round(rebuild, 3),
                "rebuild_longer_seconds": round(rebuild_longer, 3),
                "rebuild_over_one_report": round(rebuild / one, 2),
                "rebuild_longer_over_one_report": round(rebuild_longer / one_longer, 2),
                "cpu_rebuild_over_one_report": round(rebuild_cpu / one_cpu, 2),
                "cpu_rebuild_longer_over_one_report": round(rebuild_longer_cpu / one_longer_cpu, 2),
                "full_over_rebuild": round(full / rebuild, 2),
                "same_page_count_after_correction": same_pages == pages,
            }
        )
    )


if __name__ == "__main__":
    main()
