"""The officers' dashboard: my drafts, waiting for my sign-off, due soon and overdue, recently published."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from reports import workflow
from reports.models import Report
from tests.conftest import make_meeting, make_report

S = Report.Status


@pytest.fixture
def meeting(committee):
    # The meeting on Tuesday 21 February 2017: the agenda must be out by Monday 13 February,
    # and reports are due seven days earlier, on Monday 6 February.
    return make_meeting(committee, datetime.date(2017, 2, 21))


@time_machine.travel(datetime.datetime(2017, 2, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_it_lists_my_drafts_my_signoffs_and_what_is_due(
    client, author, approver, committee, meeting, django_assert_max_num_queries
):
    assert meeting.report_deadline() == datetime.date(2017, 2, 6)
    mine = make_report(committee, meeting=meeting, author=author, title="Branch libraries review")
    make_report(committee, meeting=meeting, title="Someone else's draft")
    theirs = make_report(committee, meeting=meeting, title="For my sign-off", status=S.SUBMITTED)
    theirs.signoffs.create(role="legal", approver=approver)

    client.force_login(author)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("reports:dashboard")).content.decode()
    assert "Branch libraries review" in body and "Someone else" not in body
    assert "Due soon" in body and "6 Feb 2017" in body

    client.force_login(approver)
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert "For my sign-off" in body and "legal sign-off" in body
    assert mine.title not in body


@time_machine.travel(datetime.datetime(2017, 2, 8, 9, tzinfo=datetime.UTC), tick=False)
def test_a_draft_past_its_deadline_is_overdue(client, author, committee, meeting):
    make_report(committee, meeting=meeting, author=author, title="Late report")
    client.force_login(author)
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert "Overdue" in body and "Late report" in body


def test_recently_published_and_for_approval_for_the_governance_team(
    client, author, governance_officer, committee, meeting
):
    published = make_report(committee, meeting=meeting, author=author, title="Out now", status=S.APPROVED)
    workflow.publish(published, governance_officer)
    make_report(committee, meeting=meeting, author=author, title="Ready to approve", status=S.CLEARED)
    client.force_login(governance_officer)
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert "Out now" in body and "Ready to approve" in body
    client.force_login(author)
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert "Out now" in body and "Cleared, waiting for approval" not in body


def test_the_dashboard_is_for_staff(client, committee_member):
    url = reverse("reports:dashboard")
    assert client.get(url).status_code == 302
    client.force_login(committee_member)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 405
