"""Minutes of a meeting: who attended, declarations of interest, and what was decided on each
item. Written by governance officers, published as draft minutes, then confirmed at the next meeting.
Confirmed minutes are the legal record and no longer change."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from committee import access
from committee.agenda import AgendaError
from committee.models import (
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    ItemDecision,
    Meeting,
    Minutes,
    Person,
    RecommendationDecision,
    RecordedVote,
)
from committee.models.bodies import STANDARD_OPENING_ITEMS
from core import richtext


class MinutesError(AgendaError):
    """A change the minutes cannot take; the message says why."""


def _require_manager(user) -> None:
    if not access.can_manage_meetings(user):
        raise PermissionDenied(gettext("Only governance officers write minutes."))


def _open_minutes(meeting: Meeting) -> Minutes:
    minutes, _ = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
    if minutes.status == Minutes.Status.CONFIRMED:
        raise MinutesError(gettext("These minutes are confirmed and can no longer change."))
    return minutes


@transaction.atomic
def record_attendance(meeting: Meeting, user, person: Person, kind: str, substitute_for: Person | None = None):
    _require_manager(user)
    _open_minutes(meeting)  # refuses confirmed minutes
    if kind not in Attendance.Kind.values:
        raise MinutesError(gettext("Choose present, apologies, substitute or officer."))
    if kind != Attendance.Kind.SUBSTITUTE:
        substitute_for = None
    attendance, _ = Attendance.objects.update_or_create(
        meeting=meeting, person=person, defaults={"kind": kind, "substitute_for": substitute_for}
    )
    return attendance


@transaction.atomic
def declare_interest(
    meeting: Meeting, user, person: Person, interest: str, detail: str, agenda_item: AgendaItem | None = None
) -> Declaration:
    _require_manager(user)
    _open_minutes(meeting)
    detail = (detail or "").strip()
    if not detail:
        raise MinutesError(gettext("Say what the interest is."))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise MinutesError(gettext("That item is on another meeting's agenda."))
    return Declaration.objects.create(
        meeting=meeting, person=person, interest=interest, detail=detail, agenda_item=agenda_item
    )


Votes = tuple[int, int, int]  # for, against, abstaining

# Marked only: web/views/minutes.py reads it as it is; the refusal below translates it.
OUTCOME_CHOICES_TEXT = gettext_noop("agreed, agreed as amended, deferred, referred on, rejected or noted")


@dataclass(frozen=True)
class RecommendationOutcome:
    """What the meeting decided on one recommendation of the item's report, by its number."""

    number: int
    outcome: str
    amendment: str = ""
    mover: Person | None = None
    seconder: Person | None = None
    referred_to: Committee | None = None
    votes: Votes | None = None


def _check_resolution(meeting: Meeting, outcome: str, referred_to: Committee | None, votes: Votes | None, what: str):
    if outcome not in ItemDecision.Outcome.values:
        raise MinutesError(
            gettext("Choose the decision on %(what)s: %(choices)s.")
            % {"what": what.lower(), "choices": gettext(OUTCOME_CHOICES_TEXT)}
        )
    if outcome == ItemDecision.Outcome.REFERRED and referred_to is None:
        raise MinutesError(gettext("%(what)s: say which committee it is referred to.") % {"what": what})
    if referred_to is not None and referred_to.pk == meeting.committee_id:
        raise MinutesError(gettext("%(what)s: refer it to another body than this one.") % {"what": what})
    if votes is not None and (len(votes) != 3 or any(v is None or v < 0 for v in votes)):
        raise MinutesError(
            gettext("%(what)s: give the votes for, against and abstaining, or none of them.") % {"what": what}
        )


def _resolution_fields(outcome: str, referred_to: Committee | None, votes: Votes | None) -> dict:
    for_, against, abstaining = votes if votes is not None else (None, None, None)
    return {
        "outcome": outcome,
        "referred_to": referred_to if outcome == ItemDecision.Outcome.REFERRED else None,
        "votes_for": for_,
        "votes_against": against,
        "votes_abstaining": abstaining,
    }


def _recommendation_row(decision: ItemDecision, rec: RecommendationOutcome) -> RecommendationDecision:
    what = gettext("Recommendation %(number)s") % {"number": rec.number}
    _check_resolution(decision.agenda_item.meeting, rec.outcome, rec.referred_to, rec.votes, what)
    amendment = ""
    if rec.outcome == ItemDecision.Outcome.AMENDED:
        amendment = richtext.clean(rec.amendment)
        if not richtext.to_plain_text(amendment):
            raise MinutesError(gettext("%(what)s: give the recommendation as amended.") % {"what": what})
        if rec.mover is None or rec.seconder is None:
            raise MinutesError(gettext("%(what)s: say who moved and who seconded the amendment.") % {"what": what})
        if rec.mover == rec.seconder:
            raise MinutesError(
                gettext("%(what)s: an amendment is seconded by someone other than its mover.") % {"what": what}
            )
    amended = rec.outcome == ItemDecision.Outcome.AMENDED
    return RecommendationDecision(
        decision=decision,
        number=rec.number,
        amendment=amendment,
        mover=rec.mover if amended else None,
        seconder=rec.seconder if amended else None,
        **_resolution_fields(rec.outcome, rec.referred_to, rec.votes),
    )


@transaction.atomic
def set_decision(
    item: AgendaItem,
    user,
    *,
    outcome: str,
    text: str = "",
    referred_to: Committee | None = None,
    votes: Votes | None = None,
    recommendations: Sequence[RecommendationOutcome] | None = None,
) -> ItemDecision:
    """Record the committee's decision on an item; amended recommendations need their new text.
    `recommendations`, when given, replaces the decisions on the report's recommendations: one
    left out has no decision recorded."""
    _require_manager(user)
    _open_minutes(item.meeting)  # refuses confirmed minutes
    _check_resolution(item.meeting, outcome, referred_to, votes, gettext("The item"))
    text = richtext.clean(text)
    if outcome == ItemDecision.Outcome.AMENDED and not richtext.to_plain_text(text):
        raise MinutesError(gettext("Give the recommendations as amended."))
    votes = _tallies_if_named(item, votes)
    decision, _ = ItemDecision.objects.update_or_create(
        agenda_item=item, defaults={"text": text, **_resolution_fields(outcome, referred_to, votes)}
    )
    if recommendations is not None:
        numbers = [rec.number for rec in recommendations]
        if len(set(numbers)) != len(numbers):
            raise MinutesError(gettext("Each recommendation has one decision."))
        rows = [_recommendation_row(decision, rec) for rec in recommendations]
        decision.recommendations.all().delete()
        RecommendationDecision.objects.bulk_create(rows)
    return decision


def _tallies_if_named(item: AgendaItem, votes: Votes | None) -> Votes | None:
    """A recorded (named) vote's counts are its names' (committee/votes.py): they stay, and other
    counts are refused rather than left to disagree with the names."""
    named = list(RecordedVote.objects.filter(decision__agenda_item=item).values_list("vote", flat=True))
    if not named:
        return votes
    tallies = tuple(
        named.count(v) for v in (RecordedVote.Vote.FOR, RecordedVote.Vote.AGAINST, RecordedVote.Vote.ABSTAIN)
    )
    if votes is not None and tuple(votes) != tallies:
        raise MinutesError(gettext("The item has a recorded vote: change the members' votes, not the counts."))
    return tallies


def describe_resolution(resolution) -> str:
    """The resolution in a line of plain text, as the public minutes, exports and the web service give
    it: "Agreed as amended (moved by …, seconded by …): … For 7, against 2, abstaining 1." Load
    `referred_to`, `mover` and `seconder` with it."""
    parts = [resolution.get_outcome_display()]
    if resolution.outcome == ItemDecision.Outcome.REFERRED and resolution.referred_to is not None:
        parts = [f"Referred to {resolution.referred_to.name}"]
    amendment = getattr(resolution, "amendment", "")
    if amendment:
        parts[0] += f" (moved by {resolution.mover.name}, seconded by {resolution.seconder.name})"
        parts[0] += f": {html.unescape(richtext.to_plain_text(amendment))}"
    line = parts[0].rstrip(".") + "."
    if resolution.has_vote:
        line += (
            f" For {resolution.votes_for}, against {resolution.votes_against},"
            f" abstaining {resolution.votes_abstaining}."
        )
        line += named_vote_line(resolution)
    return line


def named_vote_line(resolution) -> str:
    """ " Recorded vote: for Cllr A, Cllr B; against none; abstaining Cllr C." or "" without one."""
    rows = list(resolution.recorded_votes.all()) if resolution.pk else []
    if not rows:
        return ""
    sides = [
        ("for", RecordedVote.Vote.FOR),
        ("against", RecordedVote.Vote.AGAINST),
        ("abstaining", RecordedVote.Vote.ABSTAIN),
    ]
    named = [
        f"{label} {', '.join(sorted(r.person.name for r in rows if r.vote == vote)) or 'none'}" for label, vote in sides
    ]
    return " Recorded vote: " + "; ".join(named) + "."


@transaction.atomic
def save_notes(meeting: Meeting, user, notes: str) -> Minutes:
    _require_manager(user)
    minutes = _open_minutes(meeting)
    minutes.notes = richtext.clean(notes)
    minutes.save(update_fields=["notes", "modified"])
    return minutes


@transaction.atomic
def publish_minutes(meeting: Meeting, user, *, now=None) -> Minutes:
    """Publish the draft minutes. The meeting is recorded as held."""
    _require_manager(user)
    minutes = _open_minutes(meeting)
    if minutes.status != Minutes.Status.DRAFT:
        raise MinutesError(gettext("The draft minutes are already published."))
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.POSTPONED):
        raise MinutesError(
            gettext("This meeting was %(status)s: it has no minutes.")
            % {"status": meeting.get_status_display().lower()}
        )
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_at = now or timezone.now()
    minutes.save(update_fields=["status", "published_at", "modified"])
    Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.SCHEDULED).update(status=Meeting.Status.HELD)
    return minutes


@transaction.atomic
def confirm_minutes(meeting: Meeting, user, *, at_meeting: Meeting | None = None, now=None) -> Minutes:
    """The committee confirms the minutes (usually at its next meeting): they become final."""
    _require_manager(user)
    minutes = _open_minutes(meeting)
    if minutes.status != Minutes.Status.PUBLISHED:
        raise MinutesError(gettext("Publish the draft minutes before they are confirmed."))
    minutes.status = Minutes.Status.CONFIRMED
    minutes.confirmed_at = now or timezone.now()
    minutes.confirmed_at_meeting = at_meeting
    minutes.save(update_fields=["status", "confirmed_at", "confirmed_at_meeting", "modified"])
    return minutes


def with_resolutions(decisions: QuerySet, lookup: str = "") -> QuerySet:
    """Decisions (or rows pointing at them through `lookup`, e.g. "decision__") loaded with what
    `describe_resolution` and `resolution_lines` read, at a fixed number of queries."""
    named = RecordedVote.objects.select_related("person")
    recommendations = RecommendationDecision.objects.select_related(
        "referred_to", "mover", "seconder"
    ).prefetch_related(Prefetch("recorded_votes", queryset=named))
    return decisions.select_related(f"{lookup}referred_to").prefetch_related(
        Prefetch(f"{lookup}recommendations", queryset=recommendations),
        Prefetch(f"{lookup}recorded_votes", queryset=named),
    )


def takes_decision(item: AgendaItem) -> bool:
    """Whether a meeting decides anything on an item. The committee's opening items (apologies,
    declarations of interest, the previous meeting's minutes …) only record what happened, so the
    decisions table leaves them out unless a decision was recorded on one all the same; every other
    item, a report's or not, is business that should have a decision recorded."""
    if item.report_id or item.kind != AgendaItem.Kind.PROCEDURAL or getattr(item, "decision", None):
        return True
    opening = {title.casefold() for title in (*STANDARD_OPENING_ITEMS, *item.meeting.committee.opening_item_titles())}
    return item.title.strip().casefold() not in opening


def resolution_lines(decision: ItemDecision) -> list[str]:
    """The decision on each recommendation, a line each: "Recommendation 2: Agreed as amended (…)"."""
    return [f"Recommendation {r.number}: {describe_resolution(r)}" for r in decision.recommendations.all()]
