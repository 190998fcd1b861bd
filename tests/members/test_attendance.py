"""Attendance counted from the minutes: expected, present, present as substitute, apologies, absent."""

from __future__ import annotations

import datetime

import pytest
from django.http import QueryDict

from committee.models import Attendance, Meeting, Membership, Minutes
from members import attendance
from members.attendance import ABSENT, APOLOGIES, PRESENT, SUBSTITUTE, Period, Tally, outcome
from tests.conftest import make_committee
from tests.members.builders import attended, councillor, meeting_on

K = Attendance.Kind
YEAR = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


@pytest.mark.parametrize(
    ("expected", "kind", "stood_in_for", "result"),
    [
        (True, K.PRESENT, False, PRESENT),
        (True, K.OFFICER, False, PRESENT),
        (True, K.SUBSTITUTE, False, PRESENT),
        (True, K.APOLOGIES, False, APOLOGIES),
        (True, None, False, ABSENT),
        (True, None, True, APOLOGIES),
        (True, K.APOLOGIES, True, APOLOGIES),
        (True, K.PRESENT, True, PRESENT),
        (False, K.SUBSTITUTE, False, SUBSTITUTE),
        (False, K.PRESENT, False, None),
        (False, K.OFFICER, False, None),
        (False, K.APOLOGIES, False, None),
        (False, None, False, None),
        (False, None, True, None),
    ],
)
def test_each_meeting_counts_as_the_minutes_say(expected, kind, stood_in_for, result):
    assert outcome(expected, kind, stood_in_for) == result


def test_a_tally_counts_substitute_attendance_apart_from_what_was_expected():
    tally = Tally()
    for result in (PRESENT, PRESENT, APOLOGIES, ABSENT, SUBSTITUTE, None):
        tally.add(result)
    assert (tally.expected, tally.present, tally.apologies, tally.absent, tally.substitute) == (4, 2, 1, 1, 1)
    assert tally.percent == 50
    assert Tally().percent is None


@pytest.fixture
def planning(db):
    return make_committee("Planning Committee")


def test_a_members_year_matches_the_minutes(planning):
    member = councillor("Cllr Ada", planning)
    standing_in = councillor("Cllr Bea", planning, role=Membership.Role.SUBSTITUTE)
    other = make_committee("Licensing Committee")
    days = [datetime.date(2026, m, 10) for m in (1, 2, 3, 4, 5, 6)]
    meetings = [meeting_on(planning, day) for day in days]
    attended(meetings[0], member)
    attended(meetings[1], member, K.APOLOGIES)
    attended(meetings[2], standing_in, K.SUBSTITUTE, substitute_for=member)  # stood in: apologies
    # meetings[3]: nothing recorded for the member: absent
    attended(meetings[4], member)
    meetings[5].status = Meeting.Status.CANCELLED
    meetings[5].save()
    attended(meetings[5], member)  # a cancelled meeting never counts
    elsewhere = meeting_on(other, datetime.date(2026, 7, 1))
    attended(elsewhere, member, K.SUBSTITUTE)

    record = attendance.for_person(member, YEAR)
    tally = record.tally
    assert (tally.expected, tally.present, tally.apologies, tally.absent, tally.substitute) == (5, 2, 2, 1, 1)
    assert [m.outcome for m in record.meetings] == [PRESENT, APOLOGIES, APOLOGIES, ABSENT, PRESENT, SUBSTITUTE]

    sub = attendance.for_person(standing_in, YEAR).tally
    assert (sub.expected, sub.substitute) == (0, 1)


def test_only_meetings_with_public_minutes_in_the_period_count(planning):
    member = councillor("Cllr Ada", planning)
    counted = meeting_on(planning, datetime.date(2026, 1, 1))
    last_day = meeting_on(planning, datetime.date(2026, 12, 31))
    draft = meeting_on(planning, datetime.date(2026, 3, 1), minutes=Minutes.Status.DRAFT)
    no_minutes = meeting_on(planning, datetime.date(2026, 4, 1), minutes=None)
    postponed = meeting_on(planning, datetime.date(2026, 5, 1), status=Meeting.Status.POSTPONED)
    before = meeting_on(planning, datetime.date(2025, 12, 31))
    after = meeting_on(planning, datetime.date(2027, 1, 1))
    confirmed = meeting_on(planning, datetime.date(2026, 6, 1), minutes=Minutes.Status.CONFIRMED)
    for meeting in (counted, last_day, draft, no_minutes, postponed, before, after, confirmed):
        attended(meeting, member)
    record = attendance.for_person(member, YEAR)
    assert [m.meeting for m in record.meetings] == [counted, confirmed, last_day]


def test_a_member_is_expected_only_while_they_hold_the_seat(planning):
    member = councillor("Cllr Ada", planning, start_date=datetime.date(2026, 3, 1), end_date=datetime.date(2026, 6, 30))
    for month in (2, 3, 6, 7):
        meeting_on(planning, datetime.date(2026, month, 1 if month != 6 else 30))
    tally = attendance.for_person(member, YEAR).tally
    assert (tally.expected, tally.absent) == (2, 2)


def test_clerks_and_substitutes_are_not_expected(planning):
    clerk = councillor("Clerk", planning, role=Membership.Role.CLERK)
    sub = councillor("Cllr Sub", planning, role=Membership.Role.SUBSTITUTE)
    chair = councillor("Cllr Chair", planning, role=Membership.Role.CHAIR)
    meeting_on(planning, datetime.date(2026, 2, 1))
    assert attendance.for_person(clerk, YEAR).tally.expected == 0
    assert attendance.for_person(sub, YEAR).tally.expected == 0
    assert attendance.for_person(chair, YEAR).tally.absent == 1


def test_a_committees_attendance_adds_up_its_members(planning):
    ada, bea = councillor("Cllr Ada", planning), councillor("Cllr Bea", planning)
    sub = councillor("Cllr Sub")
    one = meeting_on(planning, datetime.date(2026, 2, 1))
    two = meeting_on(planning, datetime.date(2026, 3, 1))
    attended(one, ada)
    attended(one, bea, K.APOLOGIES)
    attended(two, ada)
    attended(two, sub, K.SUBSTITUTE, substitute_for=bea)
    rows, total, meetings = attendance.for_committee(planning.pk, YEAR)
    assert meetings == 2
    by_name = {person.name: tally for person, tally in rows}
    assert (by_name["Cllr Ada"].present, by_name["Cllr Bea"].apologies, by_name["Cllr Sub"].substitute) == (2, 2, 1)
    assert (total.expected, total.present, total.apologies, total.absent, total.substitute) == (4, 2, 2, 0, 1)


def test_the_period_defaults_to_the_last_twelve_months():
    today = datetime.date(2026, 12, 5)
    assert attendance.period_from(QueryDict(""), today) == Period(datetime.date(2025, 12, 6), today)


@pytest.mark.parametrize(
    ("query", "start", "end", "error"),
    [
        ("from=2026-01-01&to=2026-03-31", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), ""),
        ("from=2026-01-01", datetime.date(2026, 1, 1), datetime.date(2026, 12, 5), ""),
        ("from=yesterday", datetime.date(2025, 12, 6), datetime.date(2026, 12, 5), "year-month-day"),
        ("from=2026-02-30", datetime.date(2025, 12, 6), datetime.date(2026, 12, 5), "year-month-day"),
        ("from=2026-03-01&to=2026-01-01", datetime.date(2025, 12, 6), datetime.date(2026, 12, 5), "end on or after"),
        ("to=%00", datetime.date(2025, 12, 6), datetime.date(2026, 12, 5), "year-month-day"),
    ],
)
def test_a_period_that_cannot_be_read_says_so_and_falls_back(query, start, end, error):
    period = attendance.period_from(QueryDict(query), datetime.date(2026, 12, 5))
    assert (period.start, period.end) == (start, end)
    assert error in period.error if error else period.error == ""
