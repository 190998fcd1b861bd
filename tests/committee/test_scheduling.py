import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from committee import scheduling
from committee.models import Meeting
from committee.scheduling import SchedulingError

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 11, 2, 9, tzinfo=LONDON)


def at(day, hour=19):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


def test_it_schedules_one_meeting(committee, governance_officer):
    meeting = scheduling.schedule_meeting(committee, governance_officer, at(datetime.date(2026, 12, 7)), now=NOW)
    assert meeting.status == Meeting.Status.SCHEDULED
    with pytest.raises(SchedulingError, match="already meets"):
        scheduling.schedule_meeting(committee, governance_officer, at(datetime.date(2026, 12, 7)), now=NOW)


def test_a_meeting_in_the_past_is_refused(committee, governance_officer):
    with pytest.raises(SchedulingError, match="future"):
        scheduling.schedule_meeting(committee, governance_officer, at(datetime.date(2026, 10, 1)), now=NOW)


def test_a_series_skips_bank_holidays_to_the_next_working_day():
    # Every 4 weeks from Monday 30 November 2026: 28 December is a bank holiday (Boxing Day substitute).
    dates = scheduling.series_dates(datetime.date(2026, 11, 30), 4, 3)
    assert dates == [datetime.date(2026, 11, 30), datetime.date(2026, 12, 29), datetime.date(2027, 1, 25)]


def test_it_schedules_a_series_without_duplicating_existing_meetings(committee, governance_officer):
    scheduling.schedule_meeting(committee, governance_officer, at(datetime.date(2026, 12, 14)), now=NOW)
    created = scheduling.schedule_series(
        committee,
        governance_officer,
        first=datetime.date(2026, 11, 30),
        time=datetime.time(19),
        every_weeks=2,
        count=3,
        now=NOW,
    )
    assert [m.date for m in created] == [datetime.date(2026, 11, 30), datetime.date(2026, 12, 29)]
    assert committee.meetings.count() == 3


@pytest.mark.parametrize("weeks,count", [(0, 3), (53, 3), (2, 0), (2, 53)])
def test_a_series_out_of_range_is_refused(weeks, count):
    with pytest.raises(SchedulingError):
        scheduling.series_dates(datetime.date(2026, 11, 30), weeks, count)


def test_postponing_to_a_new_date_moves_the_unpublished_agenda(committee, governance_officer):
    from committee import agenda

    meeting = scheduling.schedule_meeting(committee, governance_officer, at(datetime.date(2026, 12, 7)), now=NOW)
    agenda.add_item(meeting, governance_officer, title="Budget")
    postponed = scheduling.postpone_meeting(
        meeting,
        governance_officer,
        notice="Postponed to January.",
        new_starts_at=at(datetime.date(2027, 1, 11)),
        now=NOW,
    )
    assert postponed.status == Meeting.Status.POSTPONED and postponed.status_notice == "Postponed to January."
    assert postponed.rescheduled_to.date == datetime.date(2027, 1, 11)
    assert list(postponed.rescheduled_to.agenda_items.values_list("title", flat=True)) == ["Budget"]
    with pytest.raises(SchedulingError, match="postponed"):
        scheduling.postpone_meeting(postponed, governance_officer, notice="Again")


def test_cancelling_needs_a_public_notice(meeting, governance_officer):
    with pytest.raises(SchedulingError, match="notice"):
        scheduling.cancel_meeting(meeting, governance_officer, notice=" ")
    cancelled = scheduling.cancel_meeting(meeting, governance_officer, notice="Not quorate.")
    assert cancelled.status == Meeting.Status.CANCELLED
    with pytest.raises(SchedulingError, match="cancelled"):
        scheduling.cancel_meeting(cancelled, governance_officer, notice="Again")


@pytest.mark.parametrize("persona", ["author", "committee_member", "approver"])
def test_only_governance_officers_schedule(committee, meeting, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        scheduling.schedule_meeting(committee, user, at(datetime.date(2026, 12, 7)), now=NOW)
    with pytest.raises(PermissionDenied):
        scheduling.cancel_meeting(meeting, user, notice="x")
    with pytest.raises(PermissionDenied):
        scheduling.postpone_meeting(meeting, user, notice="x")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_a_past_meeting_is_recorded_as_history_only_by_governance_officers(committee, governance_officer, author):
    held = scheduling.record_past_meeting(committee, governance_officer, at(datetime.date(2025, 3, 4)), now=NOW)
    assert (held.status, held.recorded_as_history) == (Meeting.Status.HELD, True)
    with pytest.raises(SchedulingError, match="must already have taken place"):
        scheduling.record_past_meeting(committee, governance_officer, at(datetime.date(2026, 12, 7)), now=NOW)
    with pytest.raises(SchedulingError, match="already meets"):
        scheduling.record_past_meeting(committee, governance_officer, at(datetime.date(2025, 3, 4)), now=NOW)
    with pytest.raises(PermissionDenied):
        scheduling.record_past_meeting(committee, author, at(datetime.date(2025, 3, 5)), now=NOW)
