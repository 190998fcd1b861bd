"""The forward work programme's rules: an item's status, moving it between meetings,
publishing the programme, and what officers must chase.

An item's status is partly set by people (planned, confirmed, deferred, withdrawn)
and partly follows its report (in drafting, on an agenda, considered). The second
part is never stored: `effective_status` works it out from the report every time,
so nobody has to remember to update the programme when a report moves on.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext

from committee.models import Committee, Meeting, WorkProgrammeChange, WorkProgrammeDeferral, WorkProgrammeItem
from reports.models import Report

Status = WorkProgrammeItem.Status

# A report in these states is still being written or cleared; approved or published is done.
UNFINISHED_REPORT_STATES = (Report.Status.DRAFT, Report.Status.SUBMITTED, Report.Status.CLEARED)
# The officers' view looks this far ahead for reports that nobody has started.
DUE_HORIZON_DAYS = 56


# Soonest meeting first, "to be scheduled" last, on PostgreSQL and SQLite alike.
BY_MEETING = F("target_meeting__starts_at").asc(nulls_last=True)


class ProgrammeError(ValueError):
    """A change to the programme that the rules do not allow; the message is for the user."""


def _meeting_has_been_held(meeting: Meeting, now: datetime.datetime) -> bool:
    # Clerks do not always mark a meeting held, so a scheduled meeting whose time has
    # passed counts as held too; a cancelled or postponed one never does.
    if meeting.status == Meeting.Status.HELD:
        return True
    return meeting.status == Meeting.Status.SCHEDULED and meeting.starts_at <= now


def linked_report(item: WorkProgrammeItem) -> Report | None:
    """The report started from this item, unless it was withdrawn."""
    # The reverse one-to-one raises an AttributeError subclass when there is no report.
    report = getattr(item, "report", None)
    if report is None or report.status == Report.Status.WITHDRAWN:
        return None
    return report


def effective_status(item: WorkProgrammeItem, now: datetime.datetime | None = None) -> str:
    """The status to show: withdrawn if people withdrew it, otherwise what its report says,
    otherwise what people set. Reads only prefetched data (`with_status_data()`)."""
    if item.status == Status.WITHDRAWN:
        return Status.WITHDRAWN
    report = linked_report(item)
    if report is not None:
        now = now or timezone.now()
        meetings = [a.meeting for a in report.agenda_items.all() if a.meeting.status != Meeting.Status.CANCELLED]
        if any(_meeting_has_been_held(m, now) for m in meetings):
            return Status.CONSIDERED
        if meetings:
            return Status.ON_AGENDA
        return Status.DRAFTING
    if item.status in WorkProgrammeItem.MANUAL_STATUSES:
        return item.status
    # A stored "follows the report" status whose report has gone: the plan stands.
    return Status.PLANNED


def status_label(status: str) -> str:
    return Status(status).label


# What follows a change to the programme (the Forward Plan's e-mail alerts, alerts/) registers here:
# work_programme sits below alerts and cannot call it.
_change_listeners: list[Callable[[int], None]] = []


def on_change(listener: Callable[[int], None]) -> None:
    """Have `listener(change_id)` called after each recorded change to a programme commits."""
    if listener not in _change_listeners:
        _change_listeners.append(listener)


def record_change(
    item: WorkProgrammeItem, kind: str, by=None, deferral: WorkProgrammeDeferral | None = None
) -> WorkProgrammeChange:
    change = WorkProgrammeChange.objects.create(
        committee_id=item.committee_id, item=item, kind=kind, by=by, deferral=deferral
    )
    for listener in _change_listeners:
        transaction.on_commit(partial(listener, change.pk))
    return change


def _date_of(meeting: Meeting | None) -> datetime.date | None:
    return meeting.date if meeting is not None else None


def describe_meeting(meeting: Meeting | None) -> str:
    return f"{meeting.date:%-d %B %Y}" if meeting else "to be scheduled"


@transaction.atomic
def move_item(
    item: WorkProgrammeItem,
    to_meeting: Meeting | None,
    reason: str,
    by=None,
    now: datetime.datetime | None = None,
) -> WorkProgrammeDeferral:
    """Move an item to another meeting (or back to "to be scheduled"), keeping the history.

    Moving to a later meeting, or off the calendar, makes the item deferred. A report
    already started for the old meeting follows the item, unless it is on an agenda."""
    now = now or timezone.now()
    item = WorkProgrammeItem.objects.select_for_update(of=("self",)).select_related("target_meeting").get(pk=item.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ProgrammeError(gettext("Give the reason for moving the item."))
    if item.status == Status.WITHDRAWN:
        raise ProgrammeError(gettext("A withdrawn item cannot be moved."))
    if to_meeting is not None and to_meeting.committee_id != item.committee_id:
        raise ProgrammeError(gettext("Choose a meeting of the same committee."))
    if to_meeting is not None and to_meeting.status == Meeting.Status.CANCELLED:
        raise ProgrammeError(gettext("That meeting has been cancelled: choose another."))
    if to_meeting is not None and to_meeting.starts_at < now:
        raise ProgrammeError(gettext("That meeting has already taken place: choose a future meeting."))
    from_meeting = item.target_meeting
    if (from_meeting.pk if from_meeting else None) == (to_meeting.pk if to_meeting else None):
        raise ProgrammeError(gettext("The item is already planned for that meeting."))
    report = Report.objects.filter(work_programme_item=item).prefetch_related("agenda_items").first()
    if report is not None and report.agenda_items.all():
        raise ProgrammeError(
            gettext("The report is already on an agenda: take it off the agenda before moving the item.")
        )

    deferral = WorkProgrammeDeferral.objects.create(
        item=item,
        from_meeting=from_meeting,
        to_meeting=to_meeting,
        from_date=_date_of(from_meeting),
        to_date=_date_of(to_meeting),
        reason=reason,
        by=by,
        at=now,
    )
    later = to_meeting is None or (from_meeting is not None and to_meeting.starts_at > from_meeting.starts_at)
    item.target_meeting = to_meeting
    if later:
        item.status = Status.DEFERRED
    item.save(update_fields=["target_meeting", "status", "modified"])
    if report is not None and report.meeting_id == (from_meeting.pk if from_meeting else None):
        Report.objects.filter(pk=report.pk).update(meeting=to_meeting)
    record_change(item, WorkProgrammeChange.Kind.MOVED, by=by, deferral=deferral)
    return deferral


@transaction.atomic
def withdraw_item(item: WorkProgrammeItem, by=None) -> None:
    if item.status == Status.WITHDRAWN:
        raise ProgrammeError(gettext("The item is already withdrawn."))
    item.status = Status.WITHDRAWN
    item.save(update_fields=["status", "modified"])
    record_change(item, WorkProgrammeChange.Kind.WITHDRAWN, by=by)


@transaction.atomic
def publish_programme(committee: Committee, by=None, on: datetime.date | None = None) -> int:
    """Put every item not yet public on the published programme today; returns how many.

    The date each item first appears is what the forward plan's 28 clear days count from,
    so it is set once and never moved later."""
    on = on or timezone.localdate()
    items = list(
        WorkProgrammeItem.objects.select_for_update()
        .filter(committee=committee, first_published_on__isnull=True)
        .exclude(status=Status.WITHDRAWN)
        .order_by("pk")  # the default ordering joins meetings, which FOR UPDATE cannot lock
    )
    for item in items:
        item.first_published_on = on
        item.save(update_fields=["first_published_on", "modified"])
        record_change(item, WorkProgrammeChange.Kind.PUBLISHED, by=by)
    return len(items)


def deferral_history(item: WorkProgrammeItem) -> list[WorkProgrammeDeferral]:
    return list(item.deferrals.select_related("by").order_by("at", "id"))


# The officers' view --------------------------------------------------------


@dataclass
class DueItem:
    item: WorkProgrammeItem
    meeting: Meeting
    report_deadline: datetime.date
    overdue: bool
    report: Report | None = None


def _open_items():
    return (
        WorkProgrammeItem.objects.with_status_data()
        .exclude(status=Status.WITHDRAWN)
        .filter(target_meeting__isnull=False)
        .exclude(target_meeting__status=Meeting.Status.CANCELLED)
    )


def due_without_draft(today: datetime.date | None = None, horizon_days: int = DUE_HORIZON_DAYS) -> list[DueItem]:
    """Items planned for meetings in the coming weeks for which nobody has started a report."""
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    end = start + datetime.timedelta(days=horizon_days + 1)
    items = _open_items().filter(
        target_meeting__starts_at__gte=start,
        target_meeting__starts_at__lt=end,
    )
    items = items.filter(Q(report__isnull=True) | Q(report__status=Report.Status.WITHDRAWN))
    due = []
    for item in items.order_by(BY_MEETING, "committee__name", "title"):
        deadline = item.target_meeting.report_deadline()
        due.append(DueItem(item=item, meeting=item.target_meeting, report_deadline=deadline, overdue=deadline < today))
    return due


def overdue_drafts(today: datetime.date | None = None) -> list[DueItem]:
    """Reports started from the programme, past their report deadline and not yet approved,
    for meetings still to come or just held without them."""
    today = today or timezone.localdate()
    items = _open_items().filter(report__status__in=UNFINISHED_REPORT_STATES)
    overdue = []
    for item in items.order_by(BY_MEETING, "committee__name", "title"):
        deadline = item.target_meeting.report_deadline()
        if deadline < today and effective_status(item) != Status.CONSIDERED:
            overdue.append(
                DueItem(
                    item=item, meeting=item.target_meeting, report_deadline=deadline, overdue=True, report=item.report
                )
            )
    return overdue


# The public programme ------------------------------------------------------


@dataclass
class ProgrammeEntry:
    item: WorkProgrammeItem
    status: str
    status_label: str
    # Exempt items: title and paragraph only, whoever is looking.
    show_detail: bool


@dataclass
class MeetingGroup:
    meeting: Meeting | None
    entries: list[ProgrammeEntry] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "To be scheduled" if self.meeting is None else describe_meeting(self.meeting)


def public_programme(committee: Committee, today: datetime.date | None = None) -> list[MeetingGroup]:
    """The published programme grouped by meeting date, soonest first, then the items still
    to be scheduled. Meetings already held drop off, as on a council's own page."""
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    items = (
        WorkProgrammeItem.objects.with_status_data()
        .filter(committee=committee)
        .published(today)
        .filter(Q(target_meeting__isnull=True) | Q(target_meeting__starts_at__gte=start))
        .order_by(BY_MEETING, "title", "pk")
    )
    groups: dict[int | None, MeetingGroup] = {}
    for item in items:
        status = effective_status(item)
        if status == Status.CONSIDERED:
            continue
        group = groups.setdefault(item.target_meeting_id, MeetingGroup(meeting=item.target_meeting))
        group.entries.append(
            ProgrammeEntry(item=item, status=status, status_label=status_label(status), show_detail=not item.is_exempt)
        )
    dated = [g for key, g in groups.items() if key is not None]
    undated = [groups[None]] if None in groups else []
    return sorted(dated, key=lambda g: g.meeting.starts_at) + undated


# Edits made in a form or the table -----------------------------------------


def save_edited_item(
    item: WorkProgrammeItem, changed: list[str], old_meeting_id: int | None, by=None, reason: str = ""
) -> None:
    """Save an item edited in a form and record what changed; a change of meeting is a move
    and needs a reason, like `move_item`."""
    moved = "target_meeting" in changed and old_meeting_id != item.target_meeting_id
    if moved and not reason.strip():
        raise ProgrammeError(gettext("Give the reason for moving the item."))
    item.save()
    if moved:
        old = Meeting.objects.filter(pk=old_meeting_id).first() if old_meeting_id else None
        deferral = WorkProgrammeDeferral.objects.create(
            item=item,
            from_meeting=old,
            to_meeting=item.target_meeting,
            from_date=_date_of(old),
            to_date=_date_of(item.target_meeting),
            reason=reason.strip(),
            by=by,
        )
        record_change(item, WorkProgrammeChange.Kind.MOVED, by=by, deferral=deferral)
    elif "status" in changed and item.status == Status.WITHDRAWN:
        record_change(item, WorkProgrammeChange.Kind.WITHDRAWN, by=by)
    elif changed and item.first_published_on:
        record_change(item, WorkProgrammeChange.Kind.UPDATED, by=by)
