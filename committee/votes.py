"""Recorded (named) votes: who voted for, against, or abstained on an item's decision or on one
recommendation, as councils must record at budget meetings and whenever members ask. Only members
minuted as present (or substituting) vote; the resolution's counts are the tallies of the names, so
the two never disagree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from committee import access
from committee.minutes import MinutesError
from committee.models import (
    AgendaItem,
    Attendance,
    ItemDecision,
    Minutes,
    Person,
    RecommendationDecision,
    RecordedVote,
)
from core.bilingual import person_name

VOTERS = (Attendance.Kind.PRESENT, Attendance.Kind.SUBSTITUTE)


def _meeting_of(resolution):
    if isinstance(resolution, ItemDecision):
        return resolution.agenda_item.meeting
    return resolution.decision.agenda_item.meeting


def _owner(resolution) -> dict:
    if isinstance(resolution, ItemDecision):
        return {"decision": resolution}
    return {"recommendation": resolution}


@transaction.atomic
def record_named_vote(resolution: ItemDecision | RecommendationDecision, user, votes: Mapping[Person, str]):
    """Replace the recorded vote on the question with these names and set its counts from them."""
    if not access.can_manage_meetings(user):
        raise PermissionDenied(gettext("Only governance officers write minutes."))
    meeting = _meeting_of(resolution)
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is not None and minutes.status == Minutes.Status.CONFIRMED:
        raise MinutesError(gettext("These minutes are confirmed and can no longer change."))
    if not votes:
        raise MinutesError(gettext("A recorded vote names at least one member."))
    for vote in votes.values():
        if vote not in RecordedVote.Vote.values:
            raise MinutesError(gettext("Each member voted for, against, or abstained."))
    present = set(Attendance.objects.filter(meeting=meeting, kind__in=VOTERS).values_list("person_id", flat=True))
    absent = sorted(person_name(person) for person in votes if person.pk not in present)
    if absent:
        raise MinutesError(
            gettext("Only members present vote: %(names)s not minuted as present.") % {"names": ", ".join(absent)}
        )
    RecordedVote.objects.filter(**_owner(resolution)).delete()
    RecordedVote.objects.bulk_create(
        RecordedVote(person=person, vote=vote, **_owner(resolution)) for person, vote in votes.items()
    )
    tally = list(votes.values())
    resolution.votes_for = tally.count(RecordedVote.Vote.FOR)
    resolution.votes_against = tally.count(RecordedVote.Vote.AGAINST)
    resolution.votes_abstaining = tally.count(RecordedVote.Vote.ABSTAIN)
    resolution.save(update_fields=["votes_for", "votes_against", "votes_abstaining"])
    return resolution


@dataclass(frozen=True)
class NamedVote:
    voted_for: list[str]
    against: list[str]
    abstained: list[str]

    def __bool__(self) -> bool:
        return bool(self.voted_for or self.against or self.abstained)

    def line(self) -> str:
        """ "Recorded vote. For: Cllr A, Cllr B. Against: Cllr C. Abstained: none."""
        parts = [("For", self.voted_for), ("Against", self.against), ("Abstained", self.abstained)]
        return "Recorded vote. " + " ".join(f"{label}: {', '.join(names) or 'none'}." for label, names in parts)


def named_vote(resolution) -> NamedVote:
    """The names on each side; load `recorded_votes__person` with the resolution to spare queries."""
    rows = list(resolution.recorded_votes.all())
    by = {vote: sorted(r.person.name for r in rows if r.vote == vote) for vote in RecordedVote.Vote.values}
    return NamedVote(by[RecordedVote.Vote.FOR], by[RecordedVote.Vote.AGAINST], by[RecordedVote.Vote.ABSTAIN])


@dataclass(frozen=True)
class CouncillorVote:
    """One line of a councillor's voting record: the meeting, the item, the question and the vote."""

    item: AgendaItem
    recommendation: int | None
    vote: str


def public_votes_of(person: Person) -> list[CouncillorVote]:
    """The councillor's named votes the public may read: in published minutes, on Part 1 items of a
    published agenda (how a member voted on an exempt item would say more than its title)."""
    items = AgendaItem.objects.public().filter(
        part=AgendaItem.Part.PUBLIC, meeting__minutes__in=Minutes.objects.public()
    )
    rows = (
        RecordedVote.objects.filter(person=person)
        .filter(Q(decision__agenda_item__in=items) | Q(recommendation__decision__agenda_item__in=items))
        .select_related("decision__agenda_item__meeting__committee")
        .select_related("recommendation__decision__agenda_item__meeting__committee")
    )
    votes = []
    for row in rows:
        if row.decision_id:
            votes.append(CouncillorVote(row.decision.agenda_item, None, row.get_vote_display()))
        else:
            recommendation = row.recommendation
            votes.append(
                CouncillorVote(recommendation.decision.agenda_item, recommendation.number, row.get_vote_display())
            )
    votes.sort(key=lambda v: (v.item.meeting.starts_at, v.item.position, v.recommendation or 0), reverse=True)
    return votes
