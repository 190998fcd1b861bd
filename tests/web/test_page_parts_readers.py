"""A signed-in reader kept between requests with what they are entitled to (web/readers.py): every
change to who may read what of them takes effect on their next request, through the app's own ways
of making it, and a membership that ends on a date ends when the date comes with no row changing."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from committee import access
from committee.models import Membership
from reports.models import Report, SignOff
from tests.conftest import make_report
from tests.reading_room.builders import coming_meeting
from tests.web.test_page_parts import main_of, part_2_link

LONDON = timezone.get_default_timezone()


@pytest.fixture
def coming(committee, author, approver, governance_officer, django_capture_on_commit_callbacks):
    """A coming meeting of the committee with a public and a Part 2 report, published."""
    with django_capture_on_commit_callbacks(execute=True):
        return coming_meeting(committee, author, approver, governance_officer)


def _reads_part_2(client, meeting, exempt) -> bool:
    """The member's meeting page links to the Part 2 report, and that report opens for them."""
    linked = part_2_link(exempt) in main_of(client.get(reverse("committee:meeting_detail", args=[meeting.pk])))
    opens = client.get(reverse("reports:report_detail", args=[exempt.pk])).status_code == 200
    assert linked == opens
    return opens


@pytest.fixture
def day_long_sessions(settings):
    """Sessions that outlast the night the clock moves through (they last ten hours)."""
    settings.SESSION_COOKIE_AGE = 3 * 24 * 3600


def _membership(user, committee) -> Membership:
    return Membership.objects.get(person__user=user, committee=committee)


def test_a_membership_ending_today_ends_at_midnight_with_no_row_changing(
    client, page_parts, day_long_sessions, coming, committee, committee_member
):
    meeting, _public, exempt = coming
    membership = _membership(committee_member, committee)
    membership.end_date = timezone.localdate()
    membership.save()
    client.force_login(committee_member)
    assert _reads_part_2(client, meeting, exempt)
    assert _reads_part_2(client, meeting, exempt)  # from the kept reader
    tomorrow = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time(0, 1))
    with time_machine.travel(tomorrow.replace(tzinfo=LONDON), tick=False):
        assert not _reads_part_2(client, meeting, exempt)


def test_a_membership_starting_tomorrow_starts_at_midnight(
    client, page_parts, day_long_sessions, coming, committee, other_committee_member
):
    meeting, _public, exempt = coming
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    Membership.objects.create(person=other_committee_member.person, committee=committee, start_date=tomorrow)
    client.force_login(other_committee_member)
    assert not _reads_part_2(client, meeting, exempt)
    assert not _reads_part_2(client, meeting, exempt)
    with time_machine.travel(datetime.datetime.combine(tomorrow, datetime.time(0, 1), tzinfo=LONDON), tick=False):
        assert _reads_part_2(client, meeting, exempt)


@pytest.mark.parametrize("how", ["ended_yesterday_in_the_form", "deleted", "moved_to_another_person"])
def test_a_membership_ended_or_deleted_takes_effect_on_the_next_request(
    client, page_parts, coming, committee, committee_member, other_committee_member, how
):
    meeting, _public, exempt = coming
    client.force_login(committee_member)
    assert _reads_part_2(client, meeting, exempt)
    assert _reads_part_2(client, meeting, exempt)  # kept
    membership = _membership(committee_member, committee)
    if how == "ended_yesterday_in_the_form":
        membership.end_date = timezone.localdate() - datetime.timedelta(days=1)
        membership.save()
    elif how == "deleted":
        membership.delete()
    else:  # a clerk's mistake put the wrong person on the committee
        membership.person = other_committee_member.person
        membership.save()
    assert not _reads_part_2(client, meeting, exempt)


def test_a_part_2_grant_and_its_revocation_take_effect_on_the_next_request(
    client, page_parts, coming, committee, other_committee_member
):
    """Through a membership, and through the governance officers' group (which reads every Part 2 paper)."""
    meeting, _public, exempt = coming
    client.force_login(other_committee_member)
    assert not _reads_part_2(client, meeting, exempt)
    assert not _reads_part_2(client, meeting, exempt)  # kept
    membership = Membership.objects.create(person=other_committee_member.person, committee=committee)
    assert _reads_part_2(client, meeting, exempt)
    membership.delete()
    assert not _reads_part_2(client, meeting, exempt)
    governance = Group.objects.get_or_create(name=access.GOVERNANCE_OFFICERS)[0]
    other_committee_member.groups.add(governance)
    assert _reads_part_2(client, meeting, exempt)
    governance.user_set.remove(other_committee_member)
    assert not _reads_part_2(client, meeting, exempt)
    governance.user_set.add(other_committee_member)
    assert _reads_part_2(client, meeting, exempt)
    governance.name = "Former governance officers"  # renamed: no longer the group the rules name
    governance.save()
    assert not _reads_part_2(client, meeting, exempt)


@pytest.mark.parametrize("how", ["sign_off_requested", "shared_with_them"])
def test_a_sign_off_request_or_a_shared_draft_opens_on_the_next_request(
    client, page_parts, coming, committee, committee_member, author, how
):
    """A member with no reports of their own is kept as such; asked to sign a draft off (or sharing it),
    they read it at once."""
    meeting, _public, _exempt = coming
    draft = make_report(committee, author=author, status=Report.Status.SUBMITTED, title="Harbour wall repairs")
    url = reverse("reports:report_detail", args=[draft.pk])
    client.force_login(committee_member)
    client.get(reverse("committee:meeting_detail", args=[meeting.pk]))
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404  # kept: known to have nothing of their own
    if how == "sign_off_requested":
        SignOff.objects.create(report=draft, role="legal", approver=committee_member)
    else:
        draft.shared_with.add(committee_member)
    assert "Harbour wall repairs" in client.get(url).content.decode()


def test_a_password_changed_or_an_account_closed_signs_the_kept_reader_out(
    client, page_parts, coming, committee_member
):
    meeting, _public, exempt = coming
    client.force_login(committee_member)
    assert _reads_part_2(client, meeting, exempt)
    committee_member.set_password("a new one, elsewhere")
    committee_member.save()
    assert client.get(reverse("reports:report_detail", args=[exempt.pk])).status_code == 404
    client.force_login(committee_member)
    assert _reads_part_2(client, meeting, exempt)
    committee_member.is_active = False
    committee_member.save()
    assert client.get(reverse("reports:report_detail", args=[exempt.pk])).status_code == 404


def test_a_kept_readers_page_asks_the_database_nothing_about_who_is_reading(
    client, page_parts, coming, committee_member
):
    meeting, _public, _exempt = coming
    client.force_login(committee_member)
    url = reverse("committee:meeting_detail", args=[meeting.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    asked = " ".join(q["sql"] for q in queries.captured_queries)
    for table in ("auth_user", "auth_group", "committee_membership", "reports_signoff"):
        assert table not in asked, table
