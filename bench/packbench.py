"""Agenda pack: a full build against a rebuild after one report changes (issue 8's goal: the rebuild
costs at most 1.5 times rendering that one report on its own).

    python -m bench.packbench [--reports 10] [--pages 8] [--save PATH]

Runs on its own throwaway SQLite database and media folder (in a temporary folder, deleted after),
so it needs no server and touches no one's data. It publishes a meeting of ``--reports`` reports of
about ``--pages`` pages each, one with a two-page uploaded appendix, then times:

- ``one_report``: that one report rendered on its own (reports/pdf.py, uncached), best of two;
- ``full``: the whole pack built with nothing cached;
- ``rebuild``: the pack again after a one-word correction to one report (same page count), best of two;
- ``rebuild_longer``: again after a correction that makes that report a page longer, which moves
  every later page number;

and prints one JSON line with the ratios ``rebuild / one_report`` and ``rebuild_longer / one_report``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

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


def make_meeting(reports: int, pages: int):
    import datetime
    from zoneinfo import ZoneInfo

    from django.contrib.auth.models import Group, User
    from django.core.files.base import ContentFile

    from bench.seed import PARAGRAPH_WORDS, WORDS_PER_PAGE
    from bench.text import Prose
    from committee import agenda, publishing
    from committee.models import Committee, Meeting
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
        per_section = max(pages * WORDS_PER_PAGE - 250, PARAGRAPH_WORDS) // 4
        for position in range(4):
            section = Section.objects.create(report=report, position=position, heading=f"Part {position + 1}")
            Paragraph.objects.bulk_create(
                Paragraph(section=section, position=i, text=f"<p>{prose.paragraph(PARAGRAPH_WORDS, topic)}</p>")
                for i in range(max(1, per_section // PARAGRAPH_WORDS))
            )
        made.append(report)
    from reports.pdf import html_to_pdf

    appendix = Appendix(report=made[0], title="Budget detail", content_type="application/pdf")
    appendix_html = "".join(f"<h1>Budget detail {n}</h1><p>{prose.paragraph(300)}</p>" for n in range(2))
    appendix.file.save("budget.pdf", ContentFile(html_to_pdf(appendix_html, title="Budget detail")), save=True)
    for report in made:
        agenda.add_report_item(meeting, officer, report)
    publishing.publish_agenda(meeting, officer, late_reason="urgency")
    return meeting, made, officer


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


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
    parser.add_argument("--save", help="write the last pack built here, to look at")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="packbench-") as folder:
        setup(Path(folder))
        from committee import packs
        from committee.models import AgendaPack
        from reports import pdf

        meeting, reports, officer = make_meeting(args.reports, args.pages)
        changed = reports[len(reports) // 2]
        pdf.render_report_pdf(changed)  # warm up: fonts and stylesheets load once per process
        one_report = min(timed(lambda: pdf.render_report_pdf(changed))[0] for _ in range(2))
        full, (data, pages) = timed(lambda: packs.build_pack_pdf(meeting, AgendaPack.Variant.PUBLIC))
        rebuilds = []
        for attempt in range(2):
            correct(changed, officer, f"Correction {attempt + 1}: one word.")
            seconds, (data, same_pages) = timed(lambda: packs.build_pack_pdf(meeting, AgendaPack.Variant.PUBLIC))
            rebuilds.append(seconds)
        rebuild = min(rebuilds)
        correct(changed, officer, "Corrected again, with a new part.", extra_paragraphs=8)
        rebuild_longer, (data, longer_pages) = timed(lambda: packs.build_pack_pdf(meeting, AgendaPack.Variant.PUBLIC))
        if args.save:
            Path(args.save).write_bytes(data)
    print(
        json.dumps(
            {
                "reports": args.reports,
                "pack_pages": pages,
                "pages_after_longer_correction": longer_pages,
                "one_report_seconds": round(one_report, 3),
                "full_seconds": round(full, 3),
                "rebuild_seconds": round(rebuild, 3),
                "rebuild_longer_seconds": round(rebuild_longer, 3),
                "rebuild_over_one_report": round(rebuild / one_report, 2),
                "rebuild_longer_over_one_report": round(rebuild_longer / one_report, 2),
                "full_over_rebuild": round(full / rebuild, 2),
                "same_page_count_after_correction": same_pages == pages,
            }
        )
    )


if __name__ == "__main__":
    main()
