"""Minutes of a meeting: who attended, declarations of interest, and what was decided on each
item. Written by governance officers, published as draft minutes, then confirmed at the next meeting.
Confirmed minutes are the legal record and no longer change."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from committee import access
from committee.agenda import AgendaError
from committee.models import AgendaItem, Attendance, Declaration, ItemDecision, Meeting, Minutes, Person
from core import richtext


class MinutesError(AgendaError):
    """A change the minutes cannot take; the message says why."""


def _require_manager(user) -> None:
    if not access.can_manage_meetings(user):
        raise PermissionDenied("Only governance officers write minutes.")


def _open_minutes(meeting: Meeting) -> Minutes:
    minutes, _ = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
    if minutes.status == Minutes.Status.CONFIRMED:
        raise MinutesError("These minutes are confirmed and can no longer change.")
    return minutes


@transaction.atomic
def record_attendance(meeting: Meeting, user, person: Person, kind: str, substitute_for: Person | None = None):
    _require_manager(user)
    _open_minutes(meeting)  # refuses confirmed minutes
    if kind not in Attendance.Kind.values:
        raise MinutesError("Choose present, apologies, substitute or officer.")
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
        raise MinutesError("Say what the interest is.")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise MinutesError("That item is on another meeting's agenda.")
    return Declaration.objects.create(
        meeting=meeting, person=person, interest=interest, detail=detail, agenda_item=agenda_item
    )


@transaction.atomic
def set_decision(item: AgendaItem, user, *, outcome: str, text: str = "") -> ItemDecision:
    """Record the committee's decision on an item; amended recommendations need their new text."""
    _require_manager(user)
    _open_minutes(item.meeting)  # refuses confirmed minutes
    if outcome not in ItemDecision.Outcome.values:
        raise MinutesError("Choose agreed, amended, deferred or noted.")
    text = richtext.clean(text)
    if outcome == ItemDecision.Outcome.AMENDED and not richtext.to_plain_text(text):
        raise MinutesError("Give the recommendations as amended.")
    decision, _ = ItemDecision.objects.update_or_create(agenda_item=item, defaults={"outcome": outcome, "text": text})
    return decision


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
        raise MinutesError("The draft minutes are already published.")
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.POSTPONED):
        raise MinutesError(f"This meeting was {meeting.get_status_display().lower()}: it has no minutes.")
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
        raise MinutesError("Publish the draft minutes before they are confirmed.")
    minutes.status = Minutes.Status.CONFIRMED
    minutes.confirmed_at = now or timezone.now()
    minutes.confirmed_at_meeting = at_meeting
    minutes.save(update_fields=["status", "confirmed_at", "confirmed_at_meeting", "modified"])
    return minutes
