"""The demo council's councillors' records: minutes with attendance for the meetings held, a few
declarations, registers of interests (one sensitive, one change waiting for the monitoring officer),
a gift, a dispensation, and a councillor nearing the six-month rule. Built through members/register.py
and safe to run twice."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from committee.models import Attendance, Committee, Declaration, Meeting, Membership, Minutes, Person
from members import register
from members.attendance import EXPECTED_ROLES
from members.models import RegisterEntry

# name, category, description, arose (days ago), sensitive; published by the monitoring officer
REGISTER = [
    (
        "Cllr Reuben Thompstone",
        "employment",
        "Director, Thompstone Consulting Ltd (management consultancy)",
        900,
        False,
    ),
    ("Cllr Reuben Thompstone", "land", "Freehold of his home in Brunswick Park ward", 3000, False),
    ("Cllr Helena Hart", "land", "Home address, withheld at the councillor's request", 2000, True),
    ("Cllr Helena Hart", "other", "Trustee, Barnet Carers Centre", 700, False),
    ("Cllr Anne Hutton", "other", "Governor, Childs Hill School", 800, False),
    ("Cllr Melvin Cohen", "land", "Freehold of 12 Station Road, Mill Hill (let to tenants)", 2500, False),
    ("Cllr Melvin Cohen", "securities", "Shares in Cohen Estates Ltd, over £25,000 nominal value", 2500, False),
    ("Cllr Richard Cornelius", "sponsorship", "Election expenses: Barnet Conservatives, £1,200", 600, False),
]
# name, committee slug, interest, detail: the first meeting held of the committee
DECLARATIONS = [
    (
        "Cllr Reuben Thompstone",
        "children-education-libraries-safeguarding",
        "pecuniary",
        "His company advises a bidder.",
    ),
    ("Cllr Anne Hutton", "children-education-libraries-safeguarding", "registerable", "Governor of a school named."),
    ("Cllr Melvin Cohen", "planning", "pecuniary", "Owns property next to an application site."),
    # Nothing on his register explains this one: the monitoring officer sees it flagged.
    ("Cllr Sachin Rajput", "planning", "pecuniary", "His spouse works for the applicant."),
]
NEVER_LATELY = "Cllr Tim Roberts"  # attends nothing in the last four and a half months


def _apologies(meeting: Meeting, person: Person) -> bool:
    """About one meeting in seven, the same on every run."""
    return (meeting.date.toordinal() + len(person.name)) % 7 == 0


def create(committees: dict[str, Committee], meetings: dict[str, list[Meeting]], officer: User) -> None:
    today = timezone.localdate()
    held = [m for ms in meetings.values() for m in ms if m.status == Meeting.Status.HELD and m.date < today]
    with_minutes = set(Minutes.objects.filter(meeting__in=held).values_list("meeting_id", flat=True))
    new = [m for m in held if m.pk not in with_minutes]
    Minutes.objects.bulk_create(
        Minutes(meeting=m, status=Minutes.Status.PUBLISHED, published_at=m.starts_at + datetime.timedelta(days=2))
        for m in new
    )
    seats = list(Membership.objects.select_related("person").filter(committee__in=committees.values()))
    rows = []
    for meeting in new:
        substitutes = [s.person for s in seats if s.committee_id == meeting.committee_id and s.role == "substitute"]
        for seat in seats:
            if seat.committee_id != meeting.committee_id or seat.role not in EXPECTED_ROLES:
                continue
            person = seat.person
            if person.name == NEVER_LATELY and meeting.date > today - datetime.timedelta(days=137):
                continue  # absent: nothing recorded
            if _apologies(meeting, person):
                rows.append(Attendance(meeting=meeting, person=person, kind=Attendance.Kind.APOLOGIES))
                if substitutes:
                    sub = substitutes.pop()
                    rows.append(
                        Attendance(meeting=meeting, person=sub, kind=Attendance.Kind.SUBSTITUTE, substitute_for=person)
                    )
            else:
                rows.append(Attendance(meeting=meeting, person=person, kind=Attendance.Kind.PRESENT))
    Attendance.objects.bulk_create(rows, ignore_conflicts=True)
    _declarations(meetings, new)
    _registers(committees, officer, today)


def _declarations(meetings: dict[str, list[Meeting]], new: list[Meeting]) -> None:
    people = {p.name: p for p in Person.objects.filter(name__in=[d[0] for d in DECLARATIONS])}
    for name, slug, interest, detail in DECLARATIONS:
        held = [m for m in meetings.get(slug, []) if m in new]
        if held and name in people:
            Declaration.objects.create(meeting=held[-1], person=people[name], interest=interest, detail=detail)


def _registers(committees: dict[str, Committee], officer: User, today: datetime.date) -> None:
    people = {p.name: p for p in Person.objects.filter(name__in=[r[0] for r in REGISTER] + ["Cllr Melvin Cohen"])}
    if RegisterEntry.objects.filter(person__in=people.values()).exists():
        return
    now = timezone.now()
    for name, category, description, days, sensitive in REGISTER:
        arose = today - datetime.timedelta(days=days)
        version = register.submit_entry(
            people[name],
            officer,
            category=category,
            description=description,
            arose_on=arose,
            sensitive=sensitive,
            now=now - datetime.timedelta(days=days - 14),
        )
        register.publish_version(version, officer, now=now - datetime.timedelta(days=days - 20))
    # A change waiting for the monitoring officer, and a gift.
    reuben = people["Cllr Reuben Thompstone"]
    employment = RegisterEntry.objects.filter(person=reuben, category="employment").first()
    register.change_entry(
        employment,
        officer,
        description="Director, Thompstone Consulting Ltd (management consultancy); also non-executive director, "
        "Hendon Housing Co-operative",
        arose_on=employment.versions.first().arose_on,
        now=now - datetime.timedelta(days=3),
    )
    gift = register.register_gift(
        people["Cllr Richard Cornelius"],
        officer,
        donor="London Councils",
        description="Annual dinner, Guildhall",
        value=Decimal("85.00"),
        received_on=today - datetime.timedelta(days=40),
    )
    register.publish_gift(gift, officer)
    register.grant_dispensation(
        people["Cllr Melvin Cohen"],
        officer,
        scope="Planning applications in Mill Hill ward: may speak and vote, his property being declared",
        committee=committees.get("planning"),
        granted_on=today - datetime.timedelta(days=300),
        expires_on=today + datetime.timedelta(days=400),
    )
