"""Small builders for councillors, their seats and the meetings they attend."""

from __future__ import annotations

import datetime

from django.utils import timezone

from committee.models import Attendance, Committee, Meeting, Membership, Minutes, Person
from tests.conftest import LONDON


def councillor(name: str, committee: Committee | None = None, role: str = Membership.Role.MEMBER, **seat) -> Person:
    person = Person.objects.create(name=name, kind=Person.Kind.COUNCILLOR)
    if committee is not None:
        Membership.objects.create(person=person, committee=committee, role=role, **seat)
    return person


def meeting_on(
    committee: Committee, day: datetime.date, *, minutes: str | None = Minutes.Status.PUBLISHED, **extra
) -> Meeting:
    """A meeting on `day`; its minutes in the status given (None: no minutes)."""
    meeting = Meeting.objects.create(
        committee=committee, starts_at=datetime.datetime.combine(day, datetime.time(19), tzinfo=LONDON), **extra
    )
    if minutes is not None:
        published = timezone.now() if minutes != Minutes.Status.DRAFT else None
        Minutes.objects.create(meeting=meeting, status=minutes, published_at=published)
    return meeting


def attended(meeting: Meeting, person: Person, kind: str = Attendance.Kind.PRESENT, substitute_for=None) -> Attendance:
    return Attendance.objects.create(meeting=meeting, person=person, kind=kind, substitute_for=substitute_for)
