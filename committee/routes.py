"""A report's route through meetings: the steps (committee, meeting or "to be decided", role), the
rules that keep them in order, which reports the agenda builder offers a meeting, the Timetable
title-block row, and what each meeting on the route did (as its minutes record it).

Steps are changed only here. A report with no route is considered by its own committee alone, as
before routes existed. The report's text is the same at every meeting: each agenda item links the
one report, and a correction after one meeting is a revision the next one reads.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from committee import access
from committee.models import AgendaItem, Committee, Consultation, ItemDecision, Meeting
from core import dates
from core.bilingual import bilingual_text
from core.language import is_welsh


class RouteError(Exception):
    """A change the route cannot take; the message says why, in the officer's words. The agenda
    builder passes it on as its own AgendaError."""


def _at(step: Consultation) -> dict[str, str]:
    """A step's committee (in the reader's language) and meeting date, for a refusal naming it."""
    return {"committee": bilingual_text(step.committee, "name"), "date": dates.short_date(step.meeting.date)}


def _require_manager(user) -> None:
    if not access.can_manage_meetings(user):
        raise PermissionDenied("Only governance officers set a report's route.")


def steps_of(report) -> list[Consultation]:
    return list(Consultation.objects.filter(report_id=report.pk).select_related("committee", "meeting"))


def check_order(steps: Iterable[Consultation]) -> None:
    """Meetings named on the route come in date order; a step "to be decided" may sit anywhere."""
    previous = None
    for step in steps:
        if step.meeting is None:
            continue
        if previous is not None and step.meeting.starts_at < previous.meeting.starts_at:
            later, earlier = _at(step), _at(previous)
            raise RouteError(
                gettext(
                    "The route goes forward in time: %(committee)s on %(date)s "
                    "comes after %(earlier_committee)s on %(earlier_date)s."
                )
                % {**later, "earlier_committee": earlier["committee"], "earlier_date": earlier["date"]}
            )
        previous = step


def _check_meeting(committee: Committee, meeting: Meeting | None) -> None:
    if meeting is None:
        return
    if meeting.committee_id != committee.pk:
        raise RouteError(
            gettext("That meeting is of %(meeting)s, not %(committee)s.")
            % {"meeting": bilingual_text(meeting.committee, "name"), "committee": bilingual_text(committee, "name")}
        )
    if meeting.status == Meeting.Status.CANCELLED:
        raise RouteError(gettext("That meeting is cancelled: choose another, or leave it to be decided."))


def _renumber(steps: list[Consultation]) -> None:
    for position, step in enumerate(steps):
        if step.position != position:
            step.position = position
            step.save(update_fields=["position", "modified"])


@transaction.atomic
def add_step(report, user, *, committee: Committee, role: str, meeting: Meeting | None = None) -> Consultation:
    """Add a step at the end of the route."""
    _require_manager(user)
    if role not in Consultation.Role.values:
        raise RouteError(gettext("Choose what the meeting is asked to do: comment, recommend or decide."))
    _check_meeting(committee, meeting)
    steps = list(
        Consultation.objects.select_for_update(of=("self",))
        .filter(report_id=report.pk)
        .select_related("committee", "meeting")
    )
    if meeting is not None and any(step.meeting_id == meeting.pk for step in steps):
        raise RouteError(gettext("That meeting is already on the route."))
    step = Consultation(report_id=report.pk, committee=committee, meeting=meeting, role=role, position=len(steps))
    check_order([*steps, step])
    step.save()
    return step


@transaction.atomic
def change_step(step: Consultation, user, *, role: str, meeting: Meeting | None) -> Consultation:
    """Change a step's role or meeting. A meeting that has considered the report stays on its step."""
    _require_manager(user)
    if role not in Consultation.Role.values:
        raise RouteError(gettext("Choose what the meeting is asked to do: comment, recommend or decide."))
    steps = list(
        Consultation.objects.select_for_update(of=("self",))
        .filter(report_id=step.report_id)
        .select_related("committee", "meeting")
    )
    current = next(s for s in steps if s.pk == step.pk)
    _check_meeting(current.committee, meeting)
    if current.meeting_id and current.meeting_id != (meeting.pk if meeting else None) and _on_agenda(current):
        raise RouteError(
            gettext(
                "The report is on the agenda of %(committee)s on %(date)s: "
                "take it off that agenda before moving the step."
            )
            % _at(current)
        )
    if meeting is not None and any(s.meeting_id == meeting.pk and s.pk != current.pk for s in steps):
        raise RouteError(gettext("That meeting is already on the route."))
    current.role, current.meeting = role, meeting
    check_order(steps)
    current.save(update_fields=["role", "meeting", "modified"])
    return current


@transaction.atomic
def remove_step(step: Consultation, user) -> None:
    _require_manager(user)
    step = Consultation.objects.select_for_update(of=("self",)).select_related("committee", "meeting").get(pk=step.pk)
    if step.meeting_id and _on_agenda(step):
        raise RouteError(
            gettext(
                "The report is on the agenda of %(committee)s on %(date)s: "
                "a step a meeting has taken stays on the route."
            )
            % _at(step)
        )
    report_id = step.report_id
    step.delete()
    _renumber(list(Consultation.objects.filter(report_id=report_id)))


@transaction.atomic
def move_step(step: Consultation, user, direction: str) -> None:
    """Swap a step with its neighbour above ("up") or below ("down"), keeping the dates in order."""
    if direction not in ("up", "down"):
        raise RouteError(gettext("Move a step up or down."))
    _require_manager(user)
    steps = list(
        Consultation.objects.select_for_update(of=("self",))
        .filter(report_id=step.report_id)
        .select_related("committee", "meeting")
    )
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(steps):
        return  # already first or last
    steps[index], steps[other] = steps[other], steps[index]
    check_order(steps)
    _renumber(steps)


def _on_agenda(step: Consultation) -> bool:
    return AgendaItem.objects.filter(meeting_id=step.meeting_id, report_id=step.report_id).exists()


# The agenda builder -------------------------------------------------------------------------------


def offered_to(meeting: Meeting) -> Q:
    """Reports the meeting may consider, as a filter on reports: those whose route passes through its
    committee, and those of its own committee that have no route."""
    return Q(route__committee_id=meeting.committee_id) | Q(committee_id=meeting.committee_id, route__isnull=True)


def take_step(meeting: Meeting, report) -> Consultation | None:
    """The step the meeting takes by putting the report on its agenda, its meeting set to this one.

    A step already naming the meeting is taken as it is; otherwise the first step of the committee
    still to be decided, or naming a meeting that did not consider the report (or deferred it), moves
    here. A report with no route belongs to its own committee's meetings alone. Call inside the
    transaction that adds the agenda item."""
    steps = list(
        Consultation.objects.select_for_update(of=("self",))
        .filter(report_id=report.pk)
        .select_related("committee", "meeting")
    )
    if not steps:
        if report.committee_id != meeting.committee_id:
            raise RouteError(gettext("That report is for another committee."))
        return None
    for step in steps:
        if step.meeting_id == meeting.pk:
            return step
    ours = [step for step in steps if step.committee_id == meeting.committee_id]
    if not ours:
        raise RouteError(
            gettext("%(committee)s is not on that report's route.")
            % {"committee": bilingual_text(meeting.committee, "name")}
        )
    considered = _considered_at({step.meeting_id for step in ours if step.meeting_id}, report)
    for step in ours:
        if step.meeting_id is None or step.meeting_id not in considered:
            step.meeting = meeting
            check_order(steps)
            step.save(update_fields=["meeting", "modified"])
            return step
    raise RouteError(
        gettext("%(committee)s has already considered that report: add another step to its route for it to come back.")
        % {"committee": bilingual_text(meeting.committee, "name")}
    )


def _considered_at(meeting_ids: set[int], report) -> set[int]:
    """Meetings that have the report on their agenda and did not defer it."""
    items = AgendaItem.objects.filter(meeting_id__in=meeting_ids, report_id=report.pk)
    deferred = items.filter(decision__outcome=ItemDecision.Outcome.DEFERRED)
    return set(items.exclude(pk__in=deferred).values_list("meeting_id", flat=True))


# What the route says ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepFacts:
    """What the Timetable row says of a step, kept on a published copy so that each edition words it in
    its own language: the committee's names, the meeting's date (None while it is to be decided) and
    the role ("" for a report without a route, which goes to its own committee's meeting)."""

    committee: str
    committee_cy: str = ""
    date: datetime.date | None = None
    role: str = ""

    @classmethod
    def of(cls, step: Consultation) -> StepFacts:
        day = step.meeting.date if step.meeting_id else None
        return cls(step.committee.name, step.committee.name_cy, day, step.role)

    def kept(self) -> dict:
        """As a snapshot keeps it (JSON)."""
        return {
            "committee": self.committee,
            "committee_cy": self.committee_cy,
            "date": self.date.isoformat() if self.date else None,
            "role": self.role,
        }

    @classmethod
    def from_kept(cls, kept: dict) -> StepFacts:
        day = kept.get("date")
        return cls(
            kept.get("committee", ""),
            kept.get("committee_cy", ""),
            datetime.date.fromisoformat(day) if day else None,
            kept.get("role", ""),
        )


def describe(facts: StepFacts) -> str:
    """ "Cabinet, 24 January 2027 (for decision)" in the active language, the committee by its Welsh
    name on a Welsh page where it has one; a meeting not yet fixed is "date to be decided"."""
    name = facts.committee_cy if facts.committee_cy and is_welsh() else facts.committee
    when = dates.short_date(facts.date) if facts.date else gettext("date to be decided")
    if facts.role not in Consultation.Role.values:
        return f"{name}, {when}"
    return f"{name}, {when} ({str(Consultation.Role(facts.role).label).lower()})"


def describe_step(step: Consultation) -> str:
    return describe(StepFacts.of(step))


def worded_timetable(steps: Iterable[StepFacts]) -> str:
    """The Timetable title-block row: every step, in order, in the active language."""
    return "; ".join(describe(facts) for facts in steps)


def timetable(steps: Iterable[Consultation]) -> str:
    return worded_timetable(StepFacts.of(step) for step in steps)


@dataclass
class StepOutcome:
    """A step of the route and what its meeting did, where the reader may know it."""

    step: Consultation
    item: AgendaItem | None = None
    decision: ItemDecision | None = None

    @property
    def considered(self) -> bool:
        return self.item is not None


def outcomes(report_ids: Iterable[int], *, public: bool) -> dict[int, list[StepOutcome]]:
    """Each report's route with its meetings' decisions, in three queries whatever the number of
    reports. The public see decisions of published minutes on items of published agendas, and of
    Part 1 items only (an exempt decision is its title and paragraph: committee/access.py); officers
    see every decision minuted so far. Load `referred_to` and `recommendations` for describing them
    with committee/minutes.py `with_resolutions`."""
    report_ids = list(report_ids)
    steps = list(
        Consultation.objects.filter(report_id__in=report_ids).select_related("committee", "meeting__committee")
    )
    meeting_ids = {step.meeting_id for step in steps if step.meeting_id}
    if not meeting_ids:
        return {pk: [StepOutcome(s) for s in steps if s.report_id == pk] for pk in {s.report_id for s in steps}}
    items = AgendaItem.objects.filter(report_id__in=report_ids, meeting_id__in=meeting_ids)
    decisions = ItemDecision.objects.filter(agenda_item__in=items)
    if public:
        items = items.filter(pk__in=AgendaItem.objects.public())
        decisions = access.public_decisions().filter(agenda_item__in=items, agenda_item__part=1)
    by_place = {(item.report_id, item.meeting_id): item for item in items}
    decided = {d.agenda_item_id: d for d in _with_resolutions(decisions)}
    result: dict[int, list[StepOutcome]] = defaultdict(list)
    for step in steps:
        item = by_place.get((step.report_id, step.meeting_id))
        result[step.report_id].append(StepOutcome(step, item, decided.get(item.pk) if item else None))
    return result


def _with_resolutions(decisions: QuerySet) -> QuerySet:
    return decisions.select_related("referred_to").prefetch_related(
        "recommendations__referred_to",
        "recommendations__mover",
        "recommendations__seconder",
        "recommendations__recorded_votes__person",
        "recorded_votes__person",
    )


def earlier_outcomes(meeting: Meeting, report_ids: Iterable[int], *, public: bool) -> dict[int, list[StepOutcome]]:
    """For each report on the meeting's agenda, the steps before this meeting's with what their
    meetings minuted: what the later meeting reads beside the report."""
    before: dict[int, list[StepOutcome]] = {}
    for report_id, route in outcomes(report_ids, public=public).items():
        index = next((i for i, o in enumerate(route) if o.step.meeting_id == meeting.pk), None)
        if index:
            before[report_id] = [o for o in route[:index] if o.decision is not None]
    return before
