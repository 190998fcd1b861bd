"""Search in Welsh: PostgreSQL has no Welsh dictionary, so Welsh titles and summaries are indexed with
the `simple` configuration, Welsh stop words left out and each word's unmutated forms added
(publishing/welsh_words.py); a search finds a word whatever mutation it or the text carries."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection  # noqa: F401 - read by postgres_only's condition

from committee.models import SearchDocument
from publishing import search, welsh_words
from reports.models import Report
from tests.conftest import make_report
from tests.publishing.test_search_results import postgres_only, publish_reports

ANONYMOUS = AnonymousUser()


@pytest.mark.parametrize(
    ("word", "radical"),
    [
        ("gyngor", "cyngor"),  # soft
        ("nghyngor", "cyngor"),  # nasal
        ("chyngor", "cyngor"),  # aspirate
        ("waith", "gwaith"),  # soft, g dropped
        ("flwyddyn", "blwyddyn"),
        ("mhwyllgor", "pwyllgor"),
        ("ddogfen", "dogfen"),
        ("hadroddiad", "adroddiad"),  # h before a vowel
    ],
)
def test_a_mutated_word_is_indexed_with_its_radical_form(word, radical):
    assert welsh_words.forms(word)[0] == word
    assert radical in welsh_words.forms(word)


def test_words_that_never_mutate_from_something_else_are_left_alone():
    assert welsh_words.forms("rhaglen") == ["rhaglen"]
    assert welsh_words.forms("llyfrgell") == ["llyfrgell"]


def test_welsh_stop_words_are_left_out():
    assert welsh_words.words("Adroddiad y Pwyllgor ar gyfer yr Aelodau a'r cyhoedd") == [
        "adroddiad",
        "pwyllgor",
        "gyfer",
        "aelodau",
        "cyhoedd",
    ]


def test_a_query_of_stop_words_only_asks_nothing_in_welsh():
    assert welsh_words.query("y yr a'r") == ""


def test_a_query_keeps_no_character_that_could_break_the_tsquery():
    raw = welsh_words.query("cyngor' | !(gwaith) & \\ :*")
    assert raw == "('cyngor') & ('gwaith' | 'cwaith')"


def welsh_report(committee, **extra) -> Report:
    return make_report(
        committee,
        status=Report.Status.APPROVED,
        title="Scrutiny work programme",
        title_cy="Rhaglen waith y Pwyllgor Craffu",
        summary="<p>The plan for the year.</p>",
        summary_cy="<p>Cynllun y flwyddyn ar gyfer fy nghyngor.</p>",
        **extra,
    )


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize("words", ["gwaith", "waith", "pwyllgor craffu", "blwyddyn", "cyngor", "gyngor"])
def test_welsh_words_find_the_report_whatever_their_mutation(committee, governance_officer, words):
    report = welsh_report(committee)
    publish_reports(committee, governance_officer, datetime.date(2017, 2, 21), report)
    found = search.find(ANONYMOUS, search.SearchFilters(query=words))
    kinds = {(r.document.kind, r.document.object_id) for r in found.results}
    assert (SearchDocument.Kind.REPORT, report.pk) in kinds


@postgres_only
@pytest.mark.django_db
def test_english_search_is_unchanged_and_welsh_does_not_match_what_is_not_there(committee, governance_officer):
    report = welsh_report(committee)
    publish_reports(committee, governance_officer, datetime.date(2017, 2, 21), report)
    assert search.find(ANONYMOUS, search.SearchFilters(query="programmes")).results
    assert not search.find(ANONYMOUS, search.SearchFilters(query="llyfrgell")).results
    assert not search.find(ANONYMOUS, search.SearchFilters(query="y yr")).results


@postgres_only
@pytest.mark.django_db
def test_the_welsh_search_page_shows_the_welsh_title(client, committee, governance_officer):
    report = welsh_report(committee)
    publish_reports(committee, governance_officer, datetime.date(2017, 2, 21), report)
    page = client.get("/cy/search/", {"q": "rhaglen"}).content.decode()
    assert "Rhaglen waith y Pwyllgor Craffu" in page
    english = client.get("/search/", {"q": "rhaglen"}).content.decode()
    assert "Scrutiny work programme" in english
