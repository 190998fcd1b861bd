"""Attendance as the minutes record it, per councillor and per committee, over a chosen period.

A member is expected at a meeting of a committee they sat on that day (as chair, vice-chair, member or
co-opted member: substitutes and clerks are not expected). A meeting counts once its minutes are public
(the record of who came); cancelled and postponed meetings never count. At a meeting they were
expected at, a member was present, sent apologies (a substitute standing in for them counts as
apologies), or was absent (nothing recorded). Standing in for another member is counted apart, as
present as substitute, and never as expected.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet
from django.utils import timezone

from committee.models import Attendance, Meeting, Membership, Minutes, Person

PRESENT = "present"
SUBSTITUTE = "substitute"  # present as substitute for another member
APOLOGIES = "apologies"
ABSENT = "absent"
OUTCOME_LABELS = {
    PRESENT: "Present",
    SUBSTITUTE: "Present as substitute",
    APOLOGIES: "Apologies",
    ABSENT: "Absent",
}
EXPECTED_ROLES = frozenset(
    {Membership.Role.CHAIR, Membership.Role.VICE_CHAIR, Membership.Role.MEMBER, Membership.Role.CO_OPTED}
)


@dataclass
class Tally:
    expected: int = 0
    present: int = 0
    substitute: int = 0
    apologies: int = 0
    absent: int = 0

    def add(self, outcome: str | None) -> None:
        if outcome is None:
            return
        if outcome != SUBSTITUTE:
            self.expected += 1
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def percent(self) -> int | None:
        """Present at meetings expected, as a whole percentage; None when none were expected."""
        return round(100 * self.present / self.expected) if self.expected else None


def outcome(expected: bool, kind: str | None, stood_in_for: bool = False) -> str | None:
    """What one meeting counts as for one person. `kind` is their attendance record's kind (None if
    nothing is recorded); `stood_in_for`: a substitute attended in their place. None: not counted."""
    if kind in (Attendance.Kind.PRESENT, Attendance.Kind.OFFICER):
        return PRESENT if expected else None
    if kind == Attendance.Kind.SUBSTITUTE:
        return PRESENT if expected else SUBSTITUTE
    if not expected:
        return None
    if kind == Attendance.Kind.APOLOGIES or stood_in_for:
        return APOLOGIES
    return ABSENT


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    error: str = ""

    @property
    def is_default(self) -> bool:
        return self == default_period()


def default_period(today: datetime.date | None = None) -> Period:
    """The last twelve months, to today."""
    today = today or timezone.localdate()
    return Period(today - relativedelta(years=1) + datetime.timedelta(days=1), today)


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def period_from(query, today: datetime.date | None = None) -> Period:
    """The period asked for in ?from=YYYY-MM-DD&to=YYYY-MM-DD, or the last twelve months; a date that
    cannot be read falls back to the default, with a message saying so."""
    default = default_period(today)
    raw_start, raw_end = query.get("from"), query.get("to")
    if not raw_start and not raw_end:
        return default
    start, end = _date(raw_start) or default.start, _date(raw_end) or default.end
    if (raw_start and _date(raw_start) is None) or (raw_end and _date(raw_end) is None):
        return Period(default.start, default.end, "Give dates as year-month-day, for example 2026-04-01.")
    if end < start:
        return Period(default.start, default.end, "The period must end on or after the day it starts.")
    return Period(start, end)


def counted_meetings(period: Period) -> QuerySet:
    """Meetings in the period whose minutes are public, less cancelled and postponed ones."""
    start = timezone.make_aware(datetime.datetime.combine(period.start, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min))
    return (
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end, minutes__in=Minutes.objects.public())
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.POSTPONED])
        .select_related("committee")
        .order_by("starts_at", "id")
    )


def _sat_on(membership: Membership, day: datetime.date) -> bool:
    return membership.role in EXPECTED_ROLES and membership.is_current(day)


@dataclass
class MeetingOutcome:
    meeting: Meeting
    outcome: str

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


@dataclass
class Record:
    """One person's attendance over the period: the tally, and each counted meeting's outcome."""

    tally: Tally = field(default_factory=Tally)
    meetings: list[MeetingOutcome] = field(default_factory=list)


def _records(meetings: list[Meeting], person_ids: Iterable[int] | None) -> dict[int, Record]:
    meeting_ids = [m.pk for m in meetings]
    committees = {m.committee_id for m in meetings}
    memberships = Membership.objects.filter(committee_id__in=committees)
    attendance = Attendance.objects.filter(meeting_id__in=meeting_ids)
    if person_ids is not None:
        person_ids = list(person_ids)
        memberships = memberships.filter(person_id__in=person_ids)
        # Their own records, and those of substitutes standing in for them.
        attendance = attendance.filter(Q(person_id__in=person_ids) | Q(substitute_for_id__in=person_ids))
    seats: dict[int, list[Membership]] = defaultdict(list)
    for membership in memberships:
        seats[membership.committee_id].append(membership)
    kinds: dict[tuple[int, int], str] = {}
    stood_in: set[tuple[int, int]] = set()
    for row in attendance.values("meeting_id", "person_id", "kind", "substitute_for_id"):
        kinds[row["meeting_id"], row["person_id"]] = row["kind"]
        if row["substitute_for_id"]:
            stood_in.add((row["meeting_id"], row["substitute_for_id"]))
    wanted = set(person_ids) if person_ids is not None else None
    records: dict[int, Record] = defaultdict(Record)
    for meeting in meetings:
        expected = {m.person_id for m in seats[meeting.committee_id] if _sat_on(m, meeting.date)}
        recorded = {pid for (mid, pid) in kinds if mid == meeting.pk}
        for pid in expected | recorded:
            if wanted is not None and pid not in wanted:
                continue
            result = outcome(pid in expected, kinds.get((meeting.pk, pid)), (meeting.pk, pid) in stood_in)
            if result is not None:
                records[pid].tally.add(result)
                records[pid].meetings.append(MeetingOutcome(meeting, result))
    return records


def for_person(person: Person, period: Period) -> Record:
    """A councillor's attendance over the period, meeting by meeting."""
    meetings = list(counted_meetings(period))
    return _records(meetings, [person.pk]).get(person.pk) or Record()


def for_people(person_ids: Iterable[int], period: Period) -> dict[int, Tally]:
    """Several councillors' tallies at once (the councillors' index, open data)."""
    ids = list(person_ids)
    records = _records(list(counted_meetings(period)), ids)
    return {pid: records[pid].tally if pid in records else Tally() for pid in ids}


def meeting_by_meeting(period: Period, committee_id: int | None = None) -> list[tuple[int, MeetingOutcome]]:
    """Every counted (person id, meeting outcome) in the period, by meeting then person: open data."""
    meetings = counted_meetings(period)
    if committee_id is not None:
        meetings = meetings.filter(committee_id=committee_id)
    records = _records(list(meetings), None)
    rows = [(pid, row) for pid, record in records.items() for row in record.meetings]
    return sorted(rows, key=lambda r: (r[1].meeting.starts_at, r[1].meeting.pk, r[0]))


def for_committee(committee_id: int, period: Period) -> tuple[list[tuple[Person, Tally]], Tally, int]:
    """Each person's tally at the committee's meetings in the period, by name; the totals; the number
    of meetings counted."""
    meetings = list(counted_meetings(period).filter(committee_id=committee_id))
    records = _records(meetings, None)
    people = Person.objects.in_bulk(list(records))
    rows = sorted(((people[pid], record.tally) for pid, record in records.items()), key=lambda r: r[0].name)
    total = Tally()
    for _, tally in rows:
        for name in ("expected", "present", "substitute", "apologies", "absent"):
            setattr(total, name, getattr(total, name) + getattr(tally, name))
    return rows, total, len(meetings)
