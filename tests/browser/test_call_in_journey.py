"""Call-in, click by click in Chromium: a Cabinet decision notice is open for call-in; three
councillors each sign the request with their reasons; the third signature calls it in and puts it on
the scrutiny committee's next agenda; a governance officer records the committee's referral back, and
the public sees that the decision may not be implemented. axe-core runs on every page they pass."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from committee import access, agenda, decisions, minutes
from committee.models import CallIn
from tests.browser.test_journeys import accessible, shot, sign_in
from tests.conftest import make_committee, make_meeting, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def page(page):
    page.set_default_timeout(60_000)
    return page


def test_three_councillors_call_a_decision_in_and_scrutiny_refers_it_back(live_server, page, db):
    base = live_server.url
    cabinet = make_committee("Cabinet", kind="executive")
    scrutiny = make_committee("Overview and Scrutiny Committee", kind="scrutiny")
    backbench = make_committee("Adults and Safeguarding Committee")
    officer = make_user("governance", access.GOVERNANCE_OFFICERS, is_staff=True)
    councillors = [make_user(n, access.COMMITTEE_MEMBERS, committee=backbench) for n in ("ahmed", "bryce", "cole")]
    today = timezone.localdate()
    meeting = make_meeting(cabinet, today - datetime.timedelta(days=1))
    item = agenda.add_item(meeting, officer, title="Library opening hours")
    meeting.agenda_published_at = meeting.starts_at - datetime.timedelta(days=10)
    meeting.save()
    decision = minutes.set_decision(item, officer, outcome="agreed", text="<p>Open on Sundays.</p>")
    notice = decisions.publish_notice(decision, officer, reasons="Demand on Sundays is high.")
    scrutiny_meeting = make_meeting(scrutiny, today + datetime.timedelta(days=20))

    page.goto(f"{base}/decisions/awaiting-call-in/")
    page.get_by_role("heading", name="Decisions awaiting call-in").wait_for()
    accessible(page)
    for number, councillor in enumerate(councillors, start=1):
        page.context.clear_cookies()
        sign_in(page, base, councillor)
        page.goto(f"{base}/decisions/awaiting-call-in/")
        page.get_by_role("link", name="Library opening hours").click()
        page.get_by_label("Your reasons for calling the decision in").fill(f"Reason {number}: the costs are unclear.")
        if number == 1:
            accessible(page)
        page.get_by_role("button", name="Sign the call-in request").click()
        page.get_by_text("You have signed this call-in request.").wait_for()
    page.get_by_text("enough members have signed, and the decision is called in").wait_for()
    accessible(page)
    call = CallIn.objects.get(notice=notice)
    assert call.scrutiny_item.meeting == scrutiny_meeting and call.requested_by == "Ahmed, Bryce, Cole"

    page.context.clear_cookies()
    sign_in(page, base, officer)
    page.goto(f"{base}/decisions/{notice.pk}/")
    page.get_by_label("Referred back to the decision-maker to reconsider").check()
    page.get_by_label("Date of the scrutiny meeting (YYYY-MM-DD)").fill(scrutiny_meeting.date.isoformat())
    page.get_by_role("button", name="Record the outcome").click()
    page.get_by_text("The scrutiny committee's outcome is recorded.").wait_for()

    page.context.clear_cookies()
    page.goto(f"{base}/decisions/{notice.pk}/")
    page.get_by_text("Called in: referred back to the decision-maker to reconsider").first.wait_for()
    assert page.get_by_text("Not while called in").is_visible()
    accessible(page)
    shot(page, "call-in-referred-back")
