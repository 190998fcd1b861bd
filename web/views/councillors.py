"""Councillors' pages: the index, each councillor's page (seats, contact, register of interests,
gifts, dispensations, declarations and attendance) and its register's history, a committee's
attendance, and the councillor's photo. Rules live in members/."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from committee import votes
from committee.models import AgendaItem, Committee, Declaration, Membership, Minutes, Person
from members import access as member_access
from members import attendance, register
from members.models import CouncillorProfile, Dispensation


def _profile(person: Person) -> CouncillorProfile | None:
    try:
        return person.profile
    except CouncillorProfile.DoesNotExist:
        return None


def _public_person(pk: int) -> Person:
    return get_object_or_404(member_access.public_people().select_related("ward", "profile"), pk=pk)


@require_safe
def councillor_list(request):
    seats = Membership.objects.select_related("committee").order_by("committee__name")
    people = list(
        member_access.public_people()
        .select_related("ward")
        .prefetch_related(Prefetch("memberships", queryset=seats))
        .order_by("name", "id")
    )
    for person in people:
        person.seats = [m for m in person.memberships.all() if m.is_current()]
    councillors = [p for p in people if p.kind == Person.Kind.COUNCILLOR]
    co_opted = [p for p in people if p.kind == Person.Kind.CO_OPTED]
    context = {
        "councillors": councillors,
        "co_opted": co_opted,
        "keeps_records": member_access.can_keep_councillor_records(request.user),
    }
    return render(request, "members/councillor_list.html", context)


def _declarations(person: Person) -> list[register.DeclarationView]:
    """Declarations recorded in public minutes; the item's title only where the item is on a public agenda."""
    declarations = list(
        Declaration.objects.filter(person=person, meeting__minutes__in=Minutes.objects.public())
        .select_related("meeting__committee", "agenda_item")
        .order_by("-meeting__starts_at", "id")
    )
    public_items = set(
        AgendaItem.objects.public()
        .filter(pk__in=[d.agenda_item_id for d in declarations if d.agenda_item_id])
        .values_list("pk", flat=True)
    )
    for declaration in declarations:
        declaration.public_item = declaration.agenda_item if declaration.agenda_item_id in public_items else None
    return register.with_register(declarations)


@require_safe
def councillor_detail(request, pk: int):
    person = _public_person(pk)
    period = attendance.period_from(request.GET)
    seats = [m for m in person.memberships.select_related("committee") if m.is_current()]
    roles = Membership.Role.values
    seats.sort(key=lambda m: (roles.index(m.role), m.committee.name))
    interests = register.published_interests([person.pk], request.user).get(person.pk, [])
    context = {
        "person": person,
        "profile": _profile(person),
        "seats": seats,
        "interests": [i for i in interests if i.ended_on is None],
        "past_interests": [i for i in interests if i.ended_on is not None],
        "gifts": list(register.published_gifts([person.pk])),
        "gifts_threshold": register.gifts_threshold(),
        "dispensations": list(Dispensation.objects.filter(person=person).select_related("committee")),
        "declarations": _declarations(person),
        "period": period,
        "attendance": attendance.for_person(person, period),
        "is_own": member_access.can_keep_register(request.user, person),
        "keeps_records": member_access.can_keep_councillor_records(request.user),
        "votes": votes.public_votes_of(person),
    }
    return render(request, "members/councillor_detail.html", context)


@require_safe
def register_history(request, pk: int):
    person = _public_person(pk)
    context = {"person": person, "lines": register.history(person, request.user)}
    return render(request, "members/register_history.html", context)


@require_safe
def councillor_photo(request, pk: int):
    person = _public_person(pk)
    profile = _profile(person)
    if profile is None or not profile.photo:
        raise Http404("No photo")
    return FileResponse(profile.photo.open("rb"))


@require_safe
def committee_attendance(request, slug: str):
    committee = get_object_or_404(Committee, slug=slug)
    period = attendance.period_from(request.GET)
    rows, total, meetings = attendance.for_committee(committee.pk, period)
    context = {"committee": committee, "period": period, "rows": rows, "total": total, "meetings": meetings}
    return render(request, "members/committee_attendance.html", context)
