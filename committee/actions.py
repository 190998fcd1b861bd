"""Actions arising from minutes: each with an owner and a due date, written by the governance
officer with the minutes and updated until done. The committee's later agendas show the tracker of
its actions not yet done. An action reaches the public once its meeting's minutes are public, unless
it arose from a Part 2 item (which would say more than the item's title)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from committee import access
from committee.agenda import AgendaError
from committee.models import Action, AgendaItem, Committee, Meeting, Minutes


class ActionError(AgendaError):
    """A step an action cannot take; the message says why."""


def _require_manager(user) -> None:
    if not access.can_manage_meetings(user):
        raise PermissionDenied(gettext("Only governance officers record actions."))


@transaction.atomic
def add(
    meeting: Meeting,
    user,
    *,
    description: str,
    owner: str,
    due_on: datetime.date | None = None,
    agenda_item: AgendaItem | None = None,
) -> Action:
    _require_manager(user)
    description, owner = (description or "").strip(), (owner or "").strip()
    if not description:
        raise ActionError(gettext("Say what the action is."))
    if not owner:
        raise ActionError(gettext("Name who owns the action."))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ActionError(gettext("Choose an item of this meeting."))
    if due_on is not None and due_on < meeting.date:
        raise ActionError(gettext("An action cannot be due before the meeting it arose from."))
    return Action.objects.create(
        meeting=meeting, agenda_item=agenda_item, description=description, owner=owner, due_on=due_on
    )


@transaction.atomic
def update(action: Action, user, *, status: str, progress: str = "", on: datetime.date | None = None) -> Action:
    """Record progress; done records the day it was done, reopening clears it."""
    _require_manager(user)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if status not in Action.Status.values:
        raise ActionError(gettext("Choose open, in progress or done."))
    action.status = status
    action.update = (progress or "").strip()
    action.done_on = (on or timezone.localdate()) if status == Action.Status.DONE else None
    action.save(update_fields=["status", "update", "done_on", "modified"])
    return action


def outstanding() -> QuerySet:
    return Action.objects.exclude(status=Action.Status.DONE)


def public() -> QuerySet:
    """Actions the public may read: from public minutes, not arising from a Part 2 item."""
    return Action.objects.filter(meeting__minutes__in=Minutes.objects.public()).filter(
        Q(agenda_item__isnull=True) | Q(agenda_item__part=AgendaItem.Part.PUBLIC)
    )


def _outstanding_for(user) -> QuerySet:
    """Actions not yet done as this reader may see them: officers every one, others `public()`'s."""
    actions = Action.objects.all() if access.can_manage_meetings(user) else public()
    return (
        actions.exclude(status=Action.Status.DONE)
        .select_related("meeting", "agenda_item")
        .order_by("due_on", "meeting__starts_at", "id")
    )


def tracker(meeting: Meeting, user) -> list[Action]:
    """The committee's actions from earlier meetings not yet done, as this reader may see them: the
    tracker on the meeting's agenda."""
    return list(
        _outstanding_for(user).filter(
            meeting__committee_id=meeting.committee_id, meeting__starts_at__lt=meeting.starts_at
        )
    )


def committee_tracker(committee: Committee, user) -> list[Action]:
    """The committee's actions not yet done, as this reader may see them: the tracker on its page."""
    return list(_outstanding_for(user).filter(meeting__committee_id=committee.pk))
