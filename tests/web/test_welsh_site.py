"""The public site in Welsh: the address names the language (/cy/… Welsh, anything else English),
each page links to itself in the other language and names both with hreflang, and every page type
the public can open reads in Welsh, with Welsh dates."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse, translate_url
from django.utils import translation

from committee import minutes
from tests import access_matrix as spec
from tests.core.test_welsh_catalogue import PLACEHOLDER, PO, read_po
from tests.matrix_world import build_world
from tests.test_access_matrix import PROJECT_PATTERNS, _reverse, subject_kwargs

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def switch_link(response) -> tuple[str, str]:
    """The language switch's address and the language it names."""
    switch = r'<nav [^>]*aria-label="(?:Language|Iaith)"><p [^>]*><a [^>]*href="([^"]+)" hreflang="([^"]+)"'
    found = re.search(switch, response.content.decode())
    assert found, "no language switch on the page"
    return found.group(1).replace("&amp;", "&"), found.group(2)


def test_english_addresses_are_as_they_were(client, committee):
    assert reverse("committee:committee_list") == "/committees/"
    response = client.get("/committees/")
    assert response.status_code == 200
    assert html_lang(response) == "en-gb"
    assert response["Content-Language"] == "en-gb"
    assert '<h1 class="govuk-heading-xl">Committees</h1>' in response.content.decode()


def test_the_welsh_address_serves_welsh(client, committee):
    with translation.override("cy"):
        assert reverse("committee:committee_list") == "/cy/committees/"
    response = client.get("/cy/committees/")
    assert response.status_code == 200
    assert html_lang(response) == "cy"
    assert response["Content-Language"] == "cy"
    assert '<h1 class="govuk-heading-xl">Pwyllgorau</h1>' in response.content.decode()


def test_the_address_alone_decides_the_language(client, committee):
    """No cookie and no Accept-Language: a shared link or a cached page is the same for everyone."""
    response = client.get("/committees/", HTTP_ACCEPT_LANGUAGE="cy")
    assert html_lang(response) == "en-gb"
    assert "Accept-Language" not in response.get("Vary", "")
    assert not response.cookies
    welsh = client.get("/cy/committees/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(welsh) == "cy"
    assert "Accept-Language" not in welsh.get("Vary", "")


def test_each_page_links_to_itself_in_the_other_language_keeping_the_query(client, committee):
    response = client.get("/meetings/calendar/?month=2017-02&committee=1")
    assert switch_link(response) == ("/cy/meetings/calendar/?month=2017-02&committee=1", "cy")
    welsh = client.get("/cy/meetings/calendar/?month=2017-02&committee=1")
    assert switch_link(welsh) == ("/meetings/calendar/?month=2017-02&committee=1", "en-gb")
    assert "Cyfarfodydd ym mis Chwefror 2017" in welsh.content.decode()


def test_links_on_a_welsh_page_stay_in_welsh(client, committee, meeting):
    page = client.get("/cy/committees/").content.decode()
    assert f'href="/cy/committees/{committee.slug}/"' in page
    english = client.get("/committees/").content.decode()
    assert f'href="/committees/{committee.slug}/"' in english
    assert f'href="/cy/meetings/{meeting.pk}/"' in client.get(f"/cy/committees/{committee.slug}/").content.decode()


def test_each_page_names_both_languages_with_hreflang(client, committee):
    page = client.get(f"/cy{committee.get_absolute_url()}").content.decode()
    assert f'<link rel="alternate" hreflang="en-gb" href="http://testserver{committee.get_absolute_url()}">' in page
    assert f'<link rel="alternate" hreflang="cy" href="http://testserver/cy{committee.get_absolute_url()}">' in page


def test_pages_outside_the_translated_site_have_no_switch(client, db):
    page = client.get("/open-data/").content.decode()
    assert 'hreflang="cy"' not in page


def test_meeting_dates_are_in_welsh_form(client, meeting):
    meeting.starts_at = datetime.datetime(2017, 2, 21, 19, 0, tzinfo=LONDON)
    meeting.save()
    page = client.get(f"/cy{meeting.get_absolute_url()}").content.decode()
    assert "Dydd Mawrth, 21 Chwefror 2017" in page
    assert "7.00 yh" in page
    english = client.get(meeting.get_absolute_url()).content.decode()
    assert "Tuesday 21 February 2017" in english


def test_july_is_spelt_as_welsh_spells_it(client, meeting):
    # Django's own Welsh has "Gorffenaf"; a council's July meeting must not print the misspelling.
    meeting.starts_at = datetime.datetime(2027, 7, 6, 14, 0, tzinfo=LONDON)
    meeting.save()
    page = client.get(f"/cy{meeting.get_absolute_url()}").content.decode()
    assert "Dydd Mawrth, 6 Gorffennaf 2027" in page
    assert "Gorffenaf" not in page


def test_a_welsh_council_says_the_agenda_comes_three_clear_days_ahead(client, meeting, settings):
    settings.COUNCIL_NATION = "wales"
    page = client.get(f"/cy{meeting.get_absolute_url()}").content.decode()
    assert "o leiaf dri diwrnod clir cyn y cyfarfod" in page
    settings.COUNCIL_NATION = "england"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "five clear working days" in page


@pytest.fixture
def world(db):
    built = build_world()
    meeting, officer = built.published_meeting, built.users["governance_officer"]
    item = meeting.agenda_items.exclude(report=None).first()
    minutes.set_decision(item, officer, outcome="agreed", text="<p>Agreed.</p>")
    minutes.publish_minutes(meeting, officer)
    return built


def public_pages(world) -> list[tuple[str, str]]:
    """(URL name, English path) of every page type the public may open, with the state it opens in."""
    pages = []
    for name in PROJECT_PATTERNS:
        expect = spec.EXPECTATIONS.get(name)
        if expect is None or name.startswith("^") or name in spec.FILE_ROUTES:
            continue
        states = [s for s in spec.SUBJECT_STATES[expect.subject] if expect.get("anonymous", s) == 200]
        if not states:
            continue
        path = _reverse(world, name, expect.subject, states[0])
        if expect.query:
            path += "?" + expect.query.format(**subject_kwargs(world, name, expect.subject, states[0]))
        pages.append((name, path))
    return pages


ENGLISH_CONTENT = re.compile(r'<(\w+)[^>]* lang="en-GB"[^>]*>.*?</\1>', re.DOTALL)
# English sentences the Welsh catalogue translates: none may be left on a Welsh page.
ENGLISH_LEFT = [
    e.msgid
    for e in read_po(PO)
    if len(e.msgid) >= 16 and not PLACEHOLDER.search(e.msgid) and "<" not in e.msgid and e.strings[0] != e.msgid
]


def test_every_public_page_type_reads_in_welsh_and_links_back_to_itself(client, world):
    checked = []
    for name, path in public_pages(world):
        welsh_path = translate_url(path, "cy")
        if welsh_path == path:
            continue  # open data and feeds of the data layer keep one address
        response = client.get(welsh_path)
        assert response.status_code == 200, (name, welsh_path)
        if not response["Content-Type"].startswith("text/html"):
            continue
        page = response.content.decode()
        assert html_lang(response) == "cy", name
        # Content the council wrote only in English is marked so (core/bilingual.py): not counted.
        page = ENGLISH_CONTENT.sub("", page)
        assert switch_link(response) == (path, "en-gb"), name
        left = [msgid for msgid in ENGLISH_LEFT if msgid in page]
        assert not left, f"{name} ({welsh_path}) still shows English: {left}"
        checked.append(name)
    for expected in [
        "home",
        "committee:committee_list",
        "committee:committee_detail",
        "committee:meeting_detail",
        "committee:meeting_list",
        "committee:meeting_calendar",
        "committee:meeting_minutes",
        "committee:meeting_decisions",
        "committee:decision_list",
        "committee:search",
        "committee:forward_plan",
        "committee:work_programme_public",
        "reports:report_detail",
    ]:
        assert expected in checked


def test_a_missing_page_says_so_in_the_language_of_its_address(client, db):
    welsh = client.get("/cy/dim-tudalen-yma/")
    assert welsh.status_code == 404 and html_lang(welsh) == "cy"
    assert "Heb ddod o hyd i'r dudalen" in welsh.content.decode()
    english = client.get("/no-page-here/")
    assert english.status_code == 404 and html_lang(english).lower() == "en-gb"
    assert "Page not found" in english.content.decode()
