"""Every public page type of meetings and agendas passes axe-core (WCAG 2.2 A and AA) in headless Chromium."""

import datetime
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from committee import agenda, minutes, publishing
from reports.models import Report
from tests.conftest import make_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which("chromium"), reason="needs /usr/bin/chromium"),
]
AXE = Path(settings.BASE_DIR) / "static" / "build" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def pages(transactional_db, meeting, committee, governance_officer):
    report = make_report(
        committee, title="Libraries review", status=Report.Status.APPROVED, summary="<p>Library hours.</p>"
    )
    secret = make_report(
        committee, title="Contract award", status=Report.Status.APPROVED, is_exempt=True, exempt_paragraph=3
    )
    agenda.add_opening_items(meeting, governance_officer)
    item = agenda.add_report_item(meeting, governance_officer, report)
    agenda.add_report_item(meeting, governance_officer, secret)
    publishing.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 13, tzinfo=ZoneInfo("UTC")))
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


def test_public_meeting_pages_have_no_axe_violations(live_server, pages):
    if not AXE.exists():
        pytest.skip("run `npm run build` first: axe-core is copied into static/build")
    from playwright.sync_api import sync_playwright

    failures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page()
        for name, path in pages.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, name
            page.add_script_tag(path=str(AXE))
            passes, violations = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => [r.passes.length,"
                " r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))])",
                TAGS,
            )
            assert passes > 10, name  # axe really ran its rules on the page
            if violations:
                failures[name] = violations
        browser.close()
    assert failures == {}
