"""Putting meetings in the calendar, one at a time or as a series, and moving or cancelling them
with a public notice."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from committee import access, deadlines
from committee.models import Committee, Meeting, Venue
from core.bilingual import bilingual_text

MAX_SERIES = 52


class SchedulingError(Exception):
    """A scheduling request that cannot be carried out; the message says why."""


def _require_manager(user) -> None:
    if not access.can_manage_meetings(user):
        raise PermissionDenied("Only governance officers schedule meetings.")


def _check_future(starts_at: datetime.datetime, now: datetime.datetime | None) -> None:
    if starts_at <= (now or timezone.now()):
        raise SchedulingError(
            gettext("A new meeting must be in the future. To record one already held, say it has already taken place.")
        )


@transaction.atomic
def schedule_meeting(
    committee: Committee, user, starts_at: datetime.datetime, venue: Venue | None = None, *, now=None
) -> Meeting:
    _require_manager(user)
    _check_future(starts_at, now)
    if Meeting.objects.filter(committee=committee, starts_at=starts_at).exists():
        raise SchedulingError(
            gettext("%(committee)s already meets at that time.") % {"committee": bilingual_text(committee, "name")}
        )
    return Meeting.objects.create(committee=committee, starts_at=starts_at, venue=venue)


@transaction.atomic
def record_past_meeting(
    committee: Committee, user, starts_at: datetime.datetime, venue: Venue | None = None, *, now=None
) -> Meeting:
    """A meeting already held, entered as the council's history: marked so, and held."""
    _require_manager(user)
    if starts_at > (now or timezone.now()):
        raise SchedulingError(gettext("A meeting recorded as history must already have taken place."))
    if Meeting.objects.filter(committee=committee, starts_at=starts_at).exists():
        raise SchedulingError(
            gettext("%(committee)s already meets at that time.") % {"committee": bilingual_text(committee, "name")}
        )
    return Meeting.objects.create(
        committee=committee, starts_at=starts_at, venue=venue, status=Meeting.Status.HELD, recorded_as_history=True
    )


def series_dates(first: datetime.date, every_weeks: int, count: int) -> list[datetime.date]:
    """Dates every so many weeks; one that falls on a bank holiday moves to the next working day."""
    if not 1 <= every_weeks <= 52:
        raise SchedulingError(gettext("Meet every 1 to 52 weeks."))
    if not 1 <= count <= MAX_SERIES:
        raise SchedulingError(gettext("Schedule between 1 and %(most)s meetings at a time.") % {"most": MAX_SERIES})
    dates = []
    for n in range(count):
        day = first + datetime.timedelta(weeks=every_weeks * n)
        while not deadlines.is_working_day(day):
            day += datetime.timedelta(days=1)
        dates.append(day)
    return dates


@transaction.atomic
def schedule_series(
    committee: Committee,
    user,
    *,
    first: datetime.date,
    time: datetime.time,
    every_weeks: int,
    count: int,
    venue: Venue | None = None,
    now=None,
) -> list[Meeting]:
    """A run of meetings from the committee's calendar. Dates the committee already meets on are skipped."""
    _require_manager(user)
    tz = timezone.get_current_timezone()
    starts = [datetime.datetime.combine(day, time, tzinfo=tz) for day in series_dates(first, every_weeks, count)]
    _check_future(starts[0], now)
    taken = set(Meeting.objects.filter(committee=committee, starts_at__in=starts).values_list("starts_at", flat=True))
    fresh = [start for start in starts if start not in taken]
    return [Meeting.objects.create(committee=committee, starts_at=start, venue=venue) for start in fresh]


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _check_notice(notice: str) -> str:
    notice = (notice or "").strip()
    if not notice:
        raise SchedulingError(gettext("Write the notice the public will see."))
    return notice


@transaction.atomic
def postpone_meeting(
    meeting: Meeting, user, *, notice: str, new_starts_at: datetime.datetime | None = None, now=None
) -> Meeting:
    """Postpone, optionally to a new date: the new meeting is scheduled and linked from the notice.
    Its agenda items move with it, unpublished, so the agenda is republished for the new date."""
    _require_manager(user)
    notice = _check_notice(notice)
    meeting = _lock(meeting)
    if meeting.status != Meeting.Status.SCHEDULED:
        raise SchedulingError(
            gettext("This meeting is %(status)s: it cannot be postponed.")
            % {"status": meeting.get_status_display().lower()}
        )
    if new_starts_at is not None:
        _check_future(new_starts_at, now)
        new = Meeting.objects.create(committee=meeting.committee, starts_at=new_starts_at, venue=meeting.venue)
        meeting.rescheduled_to = new
        if not meeting.agenda_is_published:
            meeting.agenda_items.update(meeting=new)
    meeting.status = Meeting.Status.POSTPONED
    meeting.status_notice = notice
    meeting.save(update_fields=["status", "status_notice", "rescheduled_to", "modified"])
    return meeting


@transaction.atomic
def cancel_meeting(meeting: Meeting, user, *, notice: str) -> Meeting:
    _require_manager(user)
    notice = _check_notice(notice)
    meeting = _lock(meeting)
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD):
        raise SchedulingError(
            gettext("This meeting is %(status)s: it cannot be cancelled.")
            % {"status": meeting.get_status_display().lower()}
        )
    meeting.status = Meeting.Status.CANCELLED
    meeting.status_notice = notice
    meeting.save(update_fields=["status", "status_notice", "modified"])
    return meeting
