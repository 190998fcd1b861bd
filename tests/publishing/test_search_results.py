"""Search results: snippets from the stored excerpt, the best matches listed, common words answered
from the most recent papers, and Part 2 papers never shown to those not entitled, whichever way."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from committee import agenda
from committee.models import SearchDocument
from publishing import publication, search
from reports.models import Paragraph, Report, Section
from tests.conftest import make_meeting, make_report

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
ANONYMOUS = AnonymousUser()
postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="full-text search is PostgreSQL's")


def publish_reports(committee, officer, day: datetime.date, *reports: Report) -> None:
    meeting = make_meeting(committee, day=day)
    for report in reports:
        agenda.add_report_item(meeting, officer, report)
    publication.publish_agenda(
        meeting, officer, now=datetime.datetime.combine(day - datetime.timedelta(days=10), datetime.time(12), LONDON)
    )


def allotments_report(committee, n: int, **extra) -> Report:
    extra.setdefault("title", f"Allotments review {n}")
    report = make_report(committee, status=Report.Status.APPROVED, **extra)
    section = Section.objects.create(report=report, heading="Background")
    Paragraph.objects.create(section=section, text=f"<p>Plot {n}: the waiting list for allotments grew.</p>")
    return report


def test_the_index_keeps_a_short_plain_excerpt_of_each_report(committee, governance_officer):
    report = make_report(
        committee,
        title="Library opening hours",
        summary="<p>Opening   hours\n<strong>change</strong> in April.</p>",
        status=Report.Status.APPROVED,
    )
    section = Section.objects.create(report=report, heading="Detail")
    Paragraph.objects.create(section=section, text="<p>" + "Branch libraries open later. " * 100 + "</p>")
    publish_reports(committee, governance_officer, datetime.date(2017, 2, 21), report)
    document = SearchDocument.objects.get(kind=SearchDocument.Kind.REPORT, object_id=report.pk)
    assert document.excerpt.startswith("Opening hours change in April. ")
    assert len(document.excerpt) <= search.EXCERPT_CHARS
    whole = " ".join(f"{document.summary} {document.body}".split())
    assert whole.startswith(document.excerpt) and whole[len(document.excerpt)] == " "  # cut at a word
    assert len(document.body) > 2000


def test_a_snippet_marks_the_matched_words_around_the_best_passage(committee, governance_officer, client):
    report = make_report(
        committee,
        title="Budget monitoring",
        summary="<p>" + "Routine figures for the quarter. " * 20 + "Libraries will open on Sundays from April.</p>",
        status=Report.Status.APPROVED,
    )
    publish_reports(committee, governance_officer, datetime.date(2017, 2, 21), report)
    body = client.get("/search/?q=libraries+sunday").content.decode()
    assert "<mark>Libraries</mark> will open on <mark>Sundays</mark> from April." in body
    assert "1 result" in body


def test_the_page_never_loads_whole_bodies(committee, governance_officer):
    report = allotments_report(committee, 1)
    publish_reports(committee, governance_officer, datetime.date(2017, 2, 21), report)
    found = search.find(ANONYMOUS, search.SearchFilters(query="allotments"))
    assert found.results
    for result in found.results:
        assert {"body", "search_vector"} <= result.document.get_deferred_fields()


@postgres_only
def test_excluded_words_are_not_marked(committee, governance_officer):
    report = make_report(
        committee,
        title="Budget monitoring",
        summary="<p>The revenue budget is on track; the capital budget is not.</p>",
        status=Report.Status.APPROVED,
    )
    publish_reports(committee, governance_officer, datetime.date(2017, 2, 21), report)
    assert search.query_stems("budget -capital") == ["budget"]
    # The report mentions capital; its agenda item (the title only) does not.
    kinds = [r.document.kind for r in search.find(ANONYMOUS, search.SearchFilters(query="budget -capital")).results]
    assert kinds == [SearchDocument.Kind.AGENDA_ITEM]
    assert search.find(ANONYMOUS, search.SearchFilters(query="budget -pension")).results[0].snippet.count("<mark>") == 2


@postgres_only
def test_common_words_list_the_best_of_the_most_recent_and_say_so(
    client, committee, governance_officer, committee_member, monkeypatch
):
    monkeypatch.setattr(search, "LISTED", 3)
    monkeypatch.setattr(search, "RECENT", 6)
    # An old paper with the words in its title, then six recent ones, one of them Part 2.
    old = allotments_report(committee, 0, title="Allotments strategy")
    publish_reports(committee, governance_officer, datetime.date(2015, 2, 21), old)
    recent = [allotments_report(committee, n, title=f"Parks update {n}") for n in range(1, 6)]
    exempt = allotments_report(committee, 6, title="Allotments: sale of land", is_exempt=True, exempt_paragraph=3)
    publish_reports(committee, governance_officer, datetime.date(2017, 2, 21), *recent, exempt)

    found = search.find(ANONYMOUS, search.SearchFilters(query="allotments"))
    assert found.total is None and found.common_words and found.listed == 3
    titles = [result.document.title for result in found.results]
    assert "Allotments: sale of land" not in titles and "Allotments strategy" not in titles
    body = client.get("/search/?q=allotments").content.decode()
    assert "More than 3 results" in body and "among the most recent papers" in body
    assert "sale of land" not in body

    # Narrowing the dates finds the old one (the report and its agenda item), with an exact total.
    older = search.find(ANONYMOUS, search.SearchFilters(query="allotments", date_to=datetime.date(2016, 1, 1)))
    assert {r.document.title for r in older.results} == {"Allotments strategy"} and older.total == 2

    # A member of the committee sees the Part 2 paper, first for its title.
    client.force_login(committee_member)
    member = client.get("/search/?q=allotments").content.decode()
    assert "Allotments: sale of land" in member


@postgres_only
def test_rare_words_are_all_ranked_and_counted(committee, governance_officer, monkeypatch):
    monkeypatch.setattr(search, "LISTED", 3)
    monkeypatch.setattr(search, "RECENT", 6)
    body_only = [allotments_report(committee, n, title=f"Parks update {n}") for n in range(1, 5)]
    in_title = allotments_report(committee, 9, title="Allotments strategy")
    publish_reports(committee, governance_officer, datetime.date(2015, 2, 21), in_title)
    publish_reports(committee, governance_officer, datetime.date(2017, 2, 21), *body_only)
    filler = [make_report(committee, title=f"Highways {n}", status=Report.Status.APPROVED) for n in range(8)]
    publish_reports(committee, governance_officer, datetime.date(2017, 3, 21), *filler)

    found = search.find(ANONYMOUS, search.SearchFilters(query="allotments"))
    # The newest six documents are the highways papers and their agenda items: too few matches
    # among them, so every match is ranked and counted — the old title match first.
    # (Five reports, and the old report's agenda item, which carries its title.)
    assert found.total == 6 and not found.common_words and found.more_than_listed
    assert [r.document.title for r in found.results][0] == "Allotments strategy"
    assert len(found.results) == 3
    assert connection.vendor == "postgresql"


def test_a_snippet_marks_the_word_not_its_punctuation_and_shows_where_the_text_goes_on():
    short = SearchDocument(excerpt="Savings are made within existing budgets. Nothing more.")
    assert str(search.snippet(short, ["budget"])) == (
        "Savings are made within existing <mark>budgets</mark>. Nothing more."
    )
    long = SearchDocument(excerpt=("Word " * 200).strip()[: search.EXCERPT_CHARS - 10])
    assert str(search.snippet(long, ["nothing"])).endswith(" …")
