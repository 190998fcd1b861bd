"""Meetings, click by click in Chromium: a governance officer builds and publishes agendas (on time,
and late with a reason) and watches the agenda pack get built; a member of the public finds the
meeting, reads the report, downloads its PDF and the pack, subscribes to the calendar and searches.
axe-core runs on every page they pass; each journey leaves a screenshot of its last page."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest

from committee.models import AgendaPack, AgendaPublication, Meeting
from reports.models import Report
from tests.browser import builders
from tests.browser.builders import PHRASE, approved_report, future_meeting, pdf_text, run_the_worker
from tests.browser.test_journeys import accessible, shot, sign_in
from tests.conftest import LONDON


@pytest.fixture
def page(page):
    # These journeys build PDFs: allow for a busy CI machine.
    page.set_default_timeout(90_000)
    return page


@pytest.fixture
def council(db):
    return builders.people()


def choose(select, text: str) -> None:
    """Pick the option whose label contains this text."""
    select.select_option(label=select.locator("option", has_text=text).first.inner_text().strip())


def download(page, link) -> bytes:
    with page.expect_download() as download:
        link.click(modifiers=["Alt"])  # Alt-click: save the link's target rather than open it
    return Path(download.value.path()).read_bytes()


# 3. A governance officer builds and publishes agendas, on time and late, and the pack is built -----


def test_an_officer_publishes_an_agenda_on_time_and_a_late_one_and_the_pack_is_built(live_server, page, council):
    base = live_server.url
    on_time = future_meeting(council["committee"], days=40)
    soon = future_meeting(council["committee"], days=2)  # inside the 5 clear working days
    report = approved_report(council, "Library opening hours", on_time)
    late_report = approved_report(council, "Emergency repairs to the library roof", soon)

    sign_in(page, base, council["officer"])
    page.get_by_role("link", name="Manage meetings").click()
    page.get_by_role("heading", name="Meetings", exact=True).wait_for()
    accessible(page)
    page.get_by_role("link", name=re.compile(on_time.starts_at.astimezone(LONDON).strftime("^%a %-d %b %Y"))).click()
    page.get_by_role("heading", name=re.compile("^Agenda for")).wait_for()
    assert page.get_by_text("Not published").is_visible()
    accessible(page)

    page.get_by_role("button", name="Add the standard opening items").click()
    page.get_by_text("Standard opening items added.").wait_for()
    choose(page.get_by_label("Report", exact=True), "Library opening hours")
    page.get_by_role("button", name="Add report").click()
    page.get_by_text("“Library opening hours” added.").wait_for()
    # An item with no title is refused: the officer is told why next to the field, and what they
    # typed is still there.
    page.get_by_label("Description").fill("Any business the Chair considers urgent")
    page.get_by_role("button", name="Add item").click()
    page.locator(".govuk-error-message").filter(has_text="Enter the item's title.").wait_for()
    assert page.get_by_label("Description").input_value() == "Any business the Chair considers urgent"
    accessible(page)
    items = page.locator("table").filter(has_text="Part 1 (public)")
    assert "Library opening hours" in items.inner_text()
    assert page.get_by_text(re.compile("Publishing \\d+ items also publishes their reports")).is_visible()

    page.get_by_role("button", name="Publish agenda").click()
    page.get_by_text("The agenda and its reports are published.").wait_for()
    accessible(page)
    on_time.refresh_from_db()
    assert on_time.agenda_is_published and not on_time.late_publication_reason
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    # Publishing queued the pack: the officer sees it waiting, with its progress.
    packs = page.locator("h2:has-text('Agenda packs') + ul")
    assert re.search(r"Agenda pack: (Waiting to be built|Being built)", packs.inner_text())
    assert page.locator("progress").count() == 1

    run_the_worker()
    page.get_by_role("link", name="refresh to see progress").click()
    page.get_by_text(re.compile("Agenda pack: Ready")).wait_for()
    assert page.locator("progress").count() == 0
    pack = AgendaPack.objects.get(meeting=on_time)
    assert (pack.status, pack.progress) == (AgendaPack.Status.READY, 100)
    pages, text = pdf_text(download(page, page.get_by_role("link", name="Download Agenda pack")))
    assert pages == pack.page_count and "Library opening hours" in text and PHRASE in text
    accessible(page)

    # The second meeting is two days away: past the deadline, so publishing needs a reason.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name=re.compile(soon.starts_at.astimezone(LONDON).strftime("^%a %-d %b %Y"))).click()
    choose(page.get_by_label("Report", exact=True), "Emergency repairs")
    page.get_by_role("button", name="Add report").click()
    page.get_by_text("Publishing now is late: record the reason.").wait_for()
    page.get_by_role("button", name="Publish agenda").click()
    page.get_by_text("Say why this is late").wait_for()  # refused without a reason
    soon.refresh_from_db()
    assert not soon.agenda_is_published
    accessible(page)
    page.get_by_label(str(AgendaPublication.LateReason.URGENCY.label)).check()
    page.get_by_label("More detail").fill("Water is coming through the children's library ceiling.")
    page.get_by_role("button", name="Publish agenda").click()
    page.get_by_text("The agenda and its reports are published.").wait_for()
    assert page.get_by_text("Late: Urgency: the chair agreed").is_visible()
    assert page.get_by_text("children's library ceiling").is_visible()
    accessible(page)
    soon = Meeting.objects.get(pk=soon.pk)
    assert "Urgency" in soon.late_publication_reason
    late_report.refresh_from_db()
    assert late_report.status == Report.Status.PUBLISHED
    shot(page, "3-agenda-published-late")


# 4. A member of the public finds the meeting, reads and downloads, subscribes and searches --------


@pytest.fixture
def published_meeting(council):
    return builders.published_meeting(council)


def test_a_member_of_the_public_finds_reads_downloads_subscribes_and_searches(live_server, page, published_meeting):
    base = live_server.url
    meeting = published_meeting
    committee = meeting.committee
    day = meeting.starts_at.astimezone(LONDON)

    page.goto(f"{base}/")
    accessible(page)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Committees").click()
    page.get_by_role("link", name=committee.name).click()
    page.get_by_role("heading", name=committee.name).wait_for()
    accessible(page)
    page.get_by_role("link", name=re.compile(day.strftime("%-d %B %Y"))).first.click()
    page.get_by_role("heading", name=day.strftime("%A %-d %B %Y")).wait_for()
    accessible(page)

    # The pack is listed with its size and pages, and is a real PDF holding the report.
    pack_link = page.get_by_role("link", name="Agenda pack")
    pages, text = pdf_text(download(page, pack_link))
    assert f"{pages} pages" in page.locator("main li").filter(has=pack_link).inner_text()
    assert "Library opening hours" in text and PHRASE in text

    page.locator("#agenda ~ *").get_by_role("link", name=re.compile("Library opening hours")).first.click()
    page.get_by_role("heading", name="Library opening hours", level=1).wait_for()
    assert page.get_by_text(PHRASE).is_visible()
    accessible(page)
    pages, text = pdf_text(download(page, page.get_by_role("link", name="Download as PDF")))
    assert pages >= 1 and PHRASE in text

    # Subscribing to the committee's calendar: the feed holds this meeting.
    page.go_back()
    page.get_by_role("heading", name=day.strftime("%A %-d %B %Y")).wait_for()
    feed = download(page, page.get_by_role("link", name=re.compile("Subscribe to .* meetings \\(iCalendar\\)")))
    calendar = icalendar.Calendar.from_ical(feed)
    starts = {event.decoded("dtstart"): str(event.get("summary")) for event in calendar.walk("VEVENT")}
    assert meeting.starts_at in starts and committee.name in starts[meeting.starts_at]

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Search").click()
    page.get_by_label("Search for").fill("Church End library footfall")
    page.get_by_role("button", name="Search").click()
    results = page.locator("ol.council-results")
    results.wait_for()
    accessible(page)
    results.get_by_role("link", name="Library opening hours").first.click()
    page.get_by_role("heading", name="Library opening hours", level=1).wait_for()
    assert page.get_by_text(PHRASE).is_visible()
    shot(page, "4-public-finds-the-report")
