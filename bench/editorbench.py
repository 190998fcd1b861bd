"""The report editor's server time and size, on a draft of 800 paragraphs written for the run and rolled
back afterwards (issue 16's budget: the page in at most 300 ms and 500 KB, an autosave in 50 ms), and
the same page as the approver asked to sign it off reads it, to comment where the text is:

    DATABASE_URL=… python -m bench.editorbench [--paragraphs 800] [--words 50] [--repeats 7]

Times Django's test client in-process (server time: no network, no browser), takes the best and the
median of the repeats and the app's CPU time, counts the SQL queries each request makes, and prints
one JSON line. --words 34 is the example report's median paragraph; 50 is nearer its mean. Each
paragraph has exactly that many words (bench/text.py's sentences run longer than its 15-word
average: paragraphs asked for 50 words had 65 before 6 December 2026, which the figures before then
measured).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

# The app's modules are imported inside functions, after django.setup(): Django must be configured
# (which settings and which database, chosen per run) before any model loads, which is Django's rule.


def words_of_prose(prose, words: int, topic) -> str:
    """Plain text of exactly ``words`` words: whole sentences, the last cut short and closed."""
    written: list[str] = []
    while len(written) < words:
        written += prose.paragraph(words, topic).split()
    return " ".join(written[:words]).rstrip(".,;") + "."


def make_long_draft(paragraphs: int, words: int):
    """A draft from the standard template whose sections share `paragraphs` paragraphs, a third of
    them nested one level, as long reports are."""
    from django.contrib.auth.models import Group, User

    from bench.text import Prose
    from committee import access
    from committee.models import Committee, Person
    from reports.models import Paragraph, Recommendation, Report
    from reports.templates_setup import ensure_standard_template, start_report_from_template

    prose = Prose(seed=16)
    topic = prose.topics[0]
    author = User.objects.create_user(username="editor-bench-author", password="pw")
    author.groups.add(Group.objects.get_or_create(name=access.REPORT_AUTHORS)[0])
    Person.objects.create(name="Editor Bench", user=author)
    committee = Committee.objects.create(name="Editor bench committee", slug="editor-bench-committee")
    report = start_report_from_template(
        ensure_standard_template(), committee=committee, title=topic.title, report_of="Director", author=author
    )
    Report.objects.filter(pk=report.pk).update(summary=f"<p>{prose.paragraph(60, topic)}</p>")
    Recommendation.objects.bulk_create(
        Recommendation(report=report, position=i, text=f"<p>{prose.paragraph(25)}</p>") for i in range(3)
    )
    sections = list(report.sections.filter(is_background_papers=False).order_by("position"))
    per_section = paragraphs // len(sections)
    made = 0
    for index, section in enumerate(sections):
        count = per_section if index < len(sections) - 1 else paragraphs - made
        tops = Paragraph.objects.bulk_create(
            Paragraph(section=section, position=i, text=f"<p>{words_of_prose(prose, words, topic)}</p>")
            for i in range((count * 2 + 2) // 3)
        )
        children = count - len(tops)
        Paragraph.objects.bulk_create(
            Paragraph(
                section=section,
                parent=tops[i % len(tops)],
                position=i // len(tops),
                text=f"<p>{words_of_prose(prose, words, topic)}</p>",
            )
            for i in range(children)
        )
        made += count
    return report, author


def timed(call, repeats: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu, queries, response = [], [], [], None
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = call()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        queries.append(len(captured.captured_queries))
    assert response.status_code == 200, response.status_code
    return {
        "best_ms": round(min(times) * 1000, 1),
        "median_ms": round(statistics.median(times) * 1000, 1),
        # The app's own share (Python, not PostgreSQL): steadier than the wall clock on a busy machine.
        "cpu_ms": round(min(cpu) * 1000, 1),
        "queries": max(queries),
        "bytes": len(response.content),
    }


def timed_as_approver(report, page_url: str, repeats: int) -> dict:
    """The same page as the legal approver asked to sign the report off reads it: the text read-only,
    to comment where it is (no editor script; the Comment controls are made by the browser)."""
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from committee import access
    from reports.models import SignOff

    approver = User.objects.create_user(username="editor-bench-legal", password="pw")
    approver.groups.add(Group.objects.get_or_create(name=access.LEGAL_APPROVERS)[0])
    SignOff.objects.create(report=report, role=SignOff.Role.LEGAL, approver=approver)
    client = Client(HTTP_HOST="localhost")
    client.force_login(approver)
    client.get(page_url)
    return timed(lambda: client.get(page_url), repeats)


def measure(paragraphs: int, words: int, repeats: int) -> dict:
    from django.test import Client
    from django.urls import reverse

    from reports.models import Paragraph, Report

    report, author = make_long_draft(paragraphs, words)
    client = Client(HTTP_HOST="localhost")
    client.force_login(author)
    page_url = reverse("reports:report_edit", args=[report.pk])
    client.get(page_url)  # warm: templates compiled, caches filled, as on a running server
    page = timed(lambda: client.get(page_url), repeats)
    approver_page = timed_as_approver(report, page_url, repeats)

    paragraph = Paragraph.objects.filter(section__report=report).order_by("pk")[paragraphs // 2]
    save_url = reverse("reports:block_save", args=[report.pk])
    edits = iter(range(10_000))
    loaded = {"version": Report.objects.values_list("version", flat=True).get(pk=report.pk)}

    def autosave():
        body = {
            "block": f"paragraph-{paragraph.pk}",
            "html": f"<p>{paragraph.text[3:-4]} <strong>edit {next(edits)}</strong></p>",
            "version": loaded["version"],
        }
        response = client.post(save_url, json.dumps(body), content_type="application/json")
        loaded["version"] = response.json().get("version", loaded["version"])
        return response

    autosave()
    save = timed(autosave, repeats)
    save.pop("bytes")
    return {
        "paragraphs": Paragraph.objects.filter(section__report=report).count(),
        "words_per_paragraph": words,
        "page": page,
        "approver_page": approver_page,
        "autosave": save,
        "load_average": round(os.getloadavg()[0], 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=int, default=800)
    parser.add_argument("--words", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    from bench.seed import setup_django

    setup_django()
    import logging

    logging.disable(logging.INFO)
    from django.db import transaction

    with transaction.atomic():
        result = measure(args.paragraphs, args.words, args.repeats)
        transaction.set_rollback(True)  # the long draft was made for this run only
    print(json.dumps(result))


if __name__ == "__main__":
    main()
