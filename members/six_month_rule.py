"""The six-month rule (Local Government Act 1972 s.85): a member who attends no meeting of the council,
its committees, sub-committees or executive for six consecutive months ceases to be a member, unless
the council approved the reason for the absence before the six months ran out. The monitoring officer
is warned when four and five months have passed, and told when six have.

Attendance here is every recorded attendance as a member or substitute, minutes published or not: the
monitoring officer needs to know before the public record does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Max, Min
from django.utils import timezone

from committee.models import Attendance, Meeting, Membership, Person
from members.models import AbsenceApproval

WARNING_MONTHS = (4, 5, 6)


def months_since(counted_from: datetime.date, today: datetime.date) -> int:
    """Whole calendar months from `counted_from` to `today` (a month after 31 January is 28/29 February)."""
    delta = relativedelta(today, counted_from)
    return max(0, delta.years * 12 + delta.months)


def stage(counted_from: datetime.date, today: datetime.date) -> int | None:
    """The warning due today: 4, 5 or 6 months, or None before four months have passed."""
    reached = [months for months in WARNING_MONTHS if months_since(counted_from, today) >= months]
    return reached[-1] if reached else None


def ceases_on(counted_from: datetime.date) -> datetime.date:
    """The day the six months have run."""
    return counted_from + relativedelta(months=6)


@dataclass(frozen=True)
class Absence:
    person: Person
    counted_from: datetime.date  # last attended, or the start of their first seat if never
    attended_before: bool
    months: int
    ceases_on: datetime.date


def absences(today: datetime.date | None = None) -> list[Absence]:
    """Every councillor holding a seat today who has reached four months without attending, and whose
    absence the council has not approved to today."""
    today = today or timezone.localdate()
    seated = Membership.objects.filter(person__kind=Person.Kind.COUNCILLOR).exclude(role=Membership.Role.CLERK)
    current = [m for m in seated if m.is_current(today)]
    people = {m.person_id for m in current}
    first_seat = dict(
        Membership.objects.filter(person_id__in=people)
        .values("person_id")
        .annotate(first=Min("start_date"))
        .values_list("person_id", "first")
    )
    attended = (
        Attendance.objects.filter(person_id__in=people, kind__in=[Attendance.Kind.PRESENT, Attendance.Kind.SUBSTITUTE])
        .exclude(meeting__status__in=[Meeting.Status.CANCELLED, Meeting.Status.POSTPONED])
        .filter(meeting__starts_at__lt=timezone.make_aware(datetime.datetime.combine(today, datetime.time.max)))
        .values("person_id")
        .annotate(last=Max("meeting__starts_at"))
    )
    last = {row["person_id"]: timezone.localdate(row["last"]) for row in attended}
    approved = set(
        AbsenceApproval.objects.filter(person_id__in=people, approved_on__lte=today, until__gte=today).values_list(
            "person_id", flat=True
        )
    )
    persons = Person.objects.in_bulk(list(people))
    found = []
    for pid in sorted(people, key=lambda p: persons[p].name):
        if pid in approved:
            continue
        start = last.get(pid) or first_seat.get(pid) or timezone.localdate(persons[pid].created)
        months = months_since(start, today)
        if months >= WARNING_MONTHS[0]:
            found.append(Absence(persons[pid], start, pid in last, months, ceases_on(start)))
    return found
