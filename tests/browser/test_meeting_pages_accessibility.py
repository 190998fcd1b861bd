"""The public meeting pages in a real browser: no WCAG 2.2 AA violations that axe-core can find."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from committee import agenda, minutes
from publishing import publication
from reports.models import Report
from tests.browser.conftest import describe
from tests.conftest import make_report

pytestmark = pytest.mark.browser


@pytest.fixture
def pages(meeting, committee, governance_officer):
    report = make_report(
        committee, title="Libraries review", status=Report.Status.APPROVED, summary="<p>Library opening hours.</p>"
    )
    secret = make_report(
        committee, title="Contract award", status=Report.Status.APPROVED, is_exempt=True, exempt_paragraph=3
    )
    agenda.add_opening_items(meeting, governance_officer)
    item = agenda.add_report_item(meeting, governance_officer, report)
    agenda.add_report_item(meeting, governance_officer, secret)
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 13, tzinfo=ZoneInfo("UTC")))
    minutes.set_decision(item, governance_officer, outcome="agreed", text="<p>Agreed.</p>")
    minutes.publish_minutes(meeting, governance_officer)
    return {
        "committees": reverse("committee:committee_list"),
        "committee": committee.get_absolute_url(),
        "meeting": meeting.get_absolute_url(),
        "calendar list": "/meetings/?month=2017-02",
        "calendar month": "/meetings/calendar/?month=2017-02",
        "search": "/search/?q=library",
        "minutes": reverse("committee:meeting_minutes", args=[meeting.pk]),
        "decisions": reverse("committee:meeting_decisions", args=[meeting.pk]),
    }


def test_public_meeting_pages_have_no_accessibility_violations(live_server, page, axe, pages):
    failures = {}
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        violations = axe(page)
        if violations:
            failures[name] = describe(violations)
    assert failures == {}


def test_the_meeting_page_works_at_400_percent_zoom_without_sideways_scrolling(live_server, page, pages):
    page.set_viewport_size({"width": 320, "height": 640})  # WCAG 1.4.10 reflow: 1280px at 400%
    for name in ("meeting", "calendar list", "search"):
        page.goto(live_server.url + pages[name])
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, name
