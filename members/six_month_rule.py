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
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext

from committee.models import Attendance, Meeting, Membership, Person
from core import dates
from members import access
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


def _counted_from(people: set[int], today: datetime.date) -> dict[int, tuple[datetime.date, bool]]:
    """Each person's day the months count from (their last attendance up to today, or else the start of
    their first seat), and whether they had attended at all."""
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
    created = dict(Person.objects.filter(pk__in=people).values_list("pk", "created"))
    return {
        pid: (last.get(pid) or first_seat.get(pid) or timezone.localdate(created[pid]), pid in last)
        for pid in people
        if pid in created
    }


def absences(today: datetime.date | None = None) -> list[Absence]:
    """Every councillor holding a seat today who has reached four months without attending, and whose
    absence the council has not approved to today."""
    today = today or timezone.localdate()
    seated = Membership.objects.filter(person__kind=Person.Kind.COUNCILLOR).exclude(role=Membership.Role.CLERK)
    current = [m for m in seated if m.is_current(today)]
    people = {m.person_id for m in current}
    counted = _counted_from(people, today)
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
        start, attended_before = counted[pid]
        months = months_since(start, today)
        if months >= WARNING_MONTHS[0]:
            found.append(Absence(persons[pid], start, attended_before, months, ceases_on(start)))
    return found


class AbsenceError(ValueError):
    """An approval the rule cannot take; the message says why."""


@transaction.atomic
def approve_absence(
    person: Person,
    user,
    *,
    reason: str,
    approved_on: datetime.date | None,
    until: datetime.date | None,
    approved_by: str = "Council",
    today: datetime.date | None = None,
) -> AbsenceApproval:
    """Record the council's approval of the reason for a member's absence. s.85(1) counts it only if it
    was given before the six months ran out: a later one cannot save the seat, and is refused."""
    if not access.can_keep_councillor_records(user):
        raise PermissionDenied("For the monitoring officer's team and governance officers.")
    today = today or timezone.localdate()
    reason, approved_by = (reason or "").strip(), (approved_by or "").strip()
    if person.kind != Person.Kind.COUNCILLOR:
        raise AbsenceError(gettext("The six-month rule is about councillors."))
    if not reason:
        raise AbsenceError(gettext("Give the reason the council approved."))
    if not approved_by:
        raise AbsenceError(gettext("Say which meeting approved it, as its minutes do."))
    if approved_on is None or approved_on > today:
        raise AbsenceError(gettext("Give the date the council approved it (today or earlier)."))
    if until is None or until < approved_on:
        raise AbsenceError(gettext("The approval lasts until a date on or after the day it was given."))
    start, _ = _counted_from({person.pk}, approved_on)[person.pk]
    if approved_on >= ceases_on(start):
        raise AbsenceError(
            gettext(
                "The six months ran out on %(date)s, before the approval: the council must "
                "approve the reason before then (Local Government Act 1972 s.85)."
            )
            % {"date": dates.short_date(ceases_on(start))}
        )
    return AbsenceApproval.objects.create(
        person=person, reason=reason, approved_on=approved_on, until=until, approved_by=approved_by, recorded_by=user
    )


def approvals():
    """Every approval recorded, latest first, for the monitoring officer's page."""
    return AbsenceApproval.objects.select_related("person").order_by("-approved_on", "-id")
