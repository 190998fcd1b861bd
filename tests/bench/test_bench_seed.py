"""The benchmark's council: realistic, structured, published the way the app publishes, and seeded once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.utils.html import escape

from bench import seed as bench_seed
from committee.models import AgendaItem, Committee, Meeting, Minutes, SearchDocument, WorkProgrammeItem
from reports.models import Report
from reports.structure import prefetch_report, report_structure

pytestmark = pytest.mark.django_db

SMALL = bench_seed.SeedSize(committees=9, years=1, reports=60, max_pages=6, typical_pages=3)


@pytest.fixture
def seeded(db) -> bench_seed.SeedResult:
    return bench_seed.seed(SMALL, log=lambda message: None)


def test_it_seeds_the_committees_meetings_and_reports_asked_for(seeded):
    assert Committee.objects.count() == 9
    assert Report.objects.count() == 60 + 9  # and the demo council's nine (its officer decision record among them)
    # A committee's first meeting moves up to six days past the window's start to reach a Monday to Thursday,
    # so whether the 36-day grid fits ten or eleven meetings in the year depends on today's weekday.
    assert Meeting.objects.filter(committee__slug__startswith="bench-").count() >= 2 * 5
    assert seeded.reports == Report.objects.count()
    assert "Seeded 9 committees" in seeded.summary()


def test_past_meetings_have_published_agendas_with_their_reports_and_minutes(seeded):
    held = Meeting.objects.filter(committee__slug__startswith="bench-", status=Meeting.Status.HELD)
    assert held.exists()
    for meeting in held:
        assert meeting.agenda_is_published
        items = list(meeting.agenda_items.all())
        assert [i.title for i in items[:3]] == bench_seed.OPENING_ITEMS
        assert all(item.publication_id for item in items)
        assert Minutes.objects.filter(meeting=meeting, status=Minutes.Status.CONFIRMED).exists()
    published = Report.objects.filter(meeting__in=held)
    assert published.exclude(status=Report.Status.PUBLISHED).count() == 0


def test_reports_are_structured_and_number_like_the_example(seeded):
    report = prefetch_report().filter(committee__slug__startswith="bench-").first()
    doc = report_structure(report)

    assert doc.recommendations
    assert [s.heading for s in doc.sections][:2] == ["Why this report is needed", "Reasons for recommendations"]
    numbers = doc.paragraph_by_number()
    assert "1.1" in numbers
    assert "5.1.1" in numbers  # implications sub-headings hold numbered paragraphs
    assert doc.sections[-1].is_background_papers


def test_exempt_reports_sit_in_part_two_with_their_paragraph(seeded):
    exempt = AgendaItem.objects.filter(part=AgendaItem.Part.EXEMPT)
    for item in exempt:
        assert item.exempt_paragraph == 3
        assert item.report.is_exempt


def test_published_reports_are_in_the_search_index_and_others_are_not(seeded):
    # The seeded ones: published with an agenda; and nothing unpublished is in the index.
    published = Report.objects.filter(status=Report.Status.PUBLISHED, agenda_items__publication__isnull=False)
    indexed = SearchDocument.objects.filter(kind=SearchDocument.Kind.REPORT)
    indexed_ids = set(indexed.values_list("object_id", flat=True))
    assert set(published.values_list("pk", flat=True)) <= indexed_ids
    assert not Report.objects.filter(pk__in=indexed_ids).exclude(status=Report.Status.PUBLISHED).exists()
    if connection.vendor == "postgresql":
        assert not SearchDocument.objects.filter(search_vector__isnull=True).exists()


def test_reports_for_coming_meetings_are_on_the_work_programme(seeded):
    coming = Report.objects.filter(committee__slug__startswith="bench-").exclude(status=Report.Status.PUBLISHED)
    assert coming.exists()
    assert coming.filter(work_programme_item__isnull=True).count() == 0
    per_committee = WorkProgrammeItem.objects.values("committee").annotate(n=Count("pk", filter=Q(target_meeting=None)))
    assert all(row["n"] >= 3 for row in per_committee)


def test_seeding_again_changes_nothing(seeded):
    before = Report.objects.count()

    again = bench_seed.seed(SMALL, log=lambda message: None)

    assert again.skipped
    assert Report.objects.count() == before
    assert "Already seeded" in again.summary()


def test_text_with_tabs_and_backslashes_survives_fast_insert(db, committee):
    from reports.models import Paragraph, Section

    report = Report.objects.create(committee=committee, title="T", report_of="R")
    section = Section.objects.create(report=report, heading="S")
    text = "<p>a\tb\\c\nd</p>"

    bench_seed.fast_insert(
        Paragraph,
        ["section", "parent", "position", "heading", "text"],
        [Paragraph(section=section, position=0, text=text)],
    )

    stored = Paragraph.objects.get(section=section)
    assert stored.text == text
    assert stored.heading == ""
    assert stored.parent_id is None


def test_seeded_pages_are_served(client, seeded):
    meeting = Meeting.objects.filter(committee__slug__startswith="bench-", status=Meeting.Status.HELD).first()
    report = Report.objects.filter(meeting=meeting, is_exempt=False).first()

    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert escape(report.title) in client.get(report.get_absolute_url()).content.decode()
    assert client.get(meeting.committee.get_absolute_url()).status_code == 200


def test_published_reports_have_the_published_revision_publishing_keeps(seeded):
    from reports.models import ReportRevision

    published = Report.objects.published()
    assert published.exists()
    assert not published.exclude(revisions__is_published=True).exists()
    revision = ReportRevision.objects.filter(report__in=published, report__is_exempt=False).first()
    report = revision.report
    assert revision.content["title"] == report.title and revision.published_at == report.published_at
    first_paragraph = revision.content["sections"][0]["paragraphs"][0]["text"]
    from django.test import Client

    assert first_paragraph[3:60] in Client().get(report.get_absolute_url()).content.decode()


def test_an_older_seed_is_topped_up_with_published_revisions(seeded):
    from reports.models import ReportRevision

    ReportRevision.objects.all().delete()
    again = bench_seed.seed(SMALL, log=lambda message: None)
    assert not again.skipped
    assert not Report.objects.published().exclude(revisions__is_published=True).exists()
