"""The Forward Plan of key decisions.

An executive body (Committee.takes_key_decisions) may take a key decision only if it
has been on the published forward plan for at least 28 clear days before the meeting;
a meeting held in private (an exempt item) needs the same notice. "Clear days" leave
out the day of publication and the day of the meeting (committee/deadlines.py).

When the notice falls short there are two routes (2012 Regulations, regs 10 and 11):
- general exception: a notice published at least 5 clear days before the meeting,
  with the chair of the overview and scrutiny committee informed;
- special urgency: the decision cannot wait even that long, and the chair agrees.
Either way the reason is published. This module computes the notice and records the route.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from committee import access, deadlines
from committee.models import Consultation, DecisionNotice, Meeting, WorkProgrammeChange, WorkProgrammeItem
from work_programme.programme import BY_MEETING, ProgrammeError, record_change

Route = WorkProgrammeItem.ForwardPlanRoute
GENERAL_EXCEPTION_CLEAR_DAYS = 5


def needs_notice(item: WorkProgrammeItem) -> bool:
    """Key decisions and private items of an executive body."""
    return item.committee.takes_key_decisions and (item.key_decision or item.is_exempt)


@dataclass(frozen=True)
class Notice:
    """How much notice an item has had of the meeting that takes it."""

    meeting_date: datetime.date | None
    # The last day the item could first appear on the plan and still have 28 clear days.
    required_by: datetime.date | None
    first_published_on: datetime.date | None
    clear_days: int | None
    given: bool
    route: str
    route_label: str
    route_reason: str
    route_agreed_by: str
    route_noticed_on: datetime.date | None

    @property
    def short(self) -> bool:
        """Short of notice: a dated meeting without 28 clear days on the plan."""
        return self.meeting_date is not None and not self.given

    @property
    def needs_route(self) -> bool:
        return self.short and not self.route

    @property
    def short_by(self) -> int:
        if not self.short:
            return 0
        return deadlines.FORWARD_PLAN_CLEAR_DAYS - (self.clear_days or 0)


def notice_for(item: WorkProgrammeItem) -> Notice:
    meeting_date = item.target_meeting.date if item.target_meeting_id else None
    clear = None
    if meeting_date is not None and item.first_published_on is not None:
        clear = deadlines.clear_days_between(item.first_published_on, meeting_date)
    return Notice(
        meeting_date=meeting_date,
        required_by=deadlines.latest_forward_plan_date(meeting_date) if meeting_date else None,
        first_published_on=item.first_published_on,
        clear_days=clear,
        given=meeting_date is not None and deadlines.forward_plan_notice_given(item.first_published_on, meeting_date),
        route=item.forward_plan_route,
        route_label=item.get_forward_plan_route_display() if item.forward_plan_route else "",
        route_reason=item.forward_plan_route_reason,
        route_agreed_by=item.forward_plan_route_agreed_by,
        route_noticed_on=item.forward_plan_route_noticed_on,
    )


def _plan_items(today: datetime.date):
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    return (
        WorkProgrammeItem.objects.with_status_data()
        .filter(committee__takes_key_decisions=True)
        .filter(Q(key_decision=True) | Q(is_exempt=True))
        .exclude(status=WorkProgrammeItem.Status.WITHDRAWN)
        .filter(Q(target_meeting__isnull=True) | Q(target_meeting__starts_at__gte=start))
        .exclude(target_meeting__status=Meeting.Status.CANCELLED)
        .order_by(BY_MEETING, "committee__name", "title", "pk")
    )


def published_plan(today: datetime.date | None = None) -> list[tuple[WorkProgrammeItem, Notice]]:
    """The public Forward Plan: every published key decision and private item still to be taken."""
    today = today or timezone.localdate()
    items = _plan_items(today).filter(first_published_on__lte=today)
    return [(item, notice_for(item)) for item in items]


TAKEN_DAYS = 90  # how long a key decision taken stays on the plan's list of decisions taken


def taken_plan(today: datetime.date | None = None) -> list[tuple[WorkProgrammeItem, DecisionNotice | None]]:
    """Key decisions (and private items) the plan gave notice of whose meeting has passed in the last
    `TAKEN_DAYS` days, each with its published decision notice once there is one."""
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    items = list(
        WorkProgrammeItem.objects.select_related("committee", "target_meeting")
        .filter(committee__takes_key_decisions=True, first_published_on__isnull=False)
        .filter(Q(key_decision=True) | Q(is_exempt=True))
        .exclude(status=WorkProgrammeItem.Status.WITHDRAWN)
        .filter(target_meeting__starts_at__lt=start)
        .filter(target_meeting__starts_at__gte=start - datetime.timedelta(days=TAKEN_DAYS))
        .order_by("-target_meeting__starts_at", "committee__name", "title", "pk")
    )
    notices = decision_notices_for(items)
    return [(item, notices.get(item.pk)) for item in items]


def decision_notices_for(items) -> dict[int, DecisionNotice]:
    """The public decision notice of each item's decision, by item, in one query: the latest, so that
    a decision reconsidered after a call-in links to the final one."""
    ids = [item.pk for item in items]
    notices = (
        access.public_decision_notices()
        .filter(
            Q(decision__agenda_item__report__work_programme_item__in=ids)
            | Q(record__report__work_programme_item__in=ids)
        )
        .select_related("decision__agenda_item__report", "record__report")
        .order_by("published_at", "id")
    )
    by_item: dict[int, DecisionNotice] = {}
    for notice in notices:
        report = notice.record.report if notice.record_id else notice.decision.agenda_item.report
        by_item[report.work_programme_item_id] = notice
    return by_item


def short_of_notice(today: datetime.date | None = None) -> list[tuple[WorkProgrammeItem, Notice]]:
    """Items that will not have 28 clear days' notice, published or not: the governance
    team's list of decisions that need a route recorded (or a later meeting)."""
    today = today or timezone.localdate()
    items = _plan_items(today).filter(target_meeting__isnull=False)
    return [(item, notice) for item in items if (notice := notice_for(item)).short]


def route_steps(items) -> dict[int, list[Consultation]]:
    """Each item's report's route (committee/routes.py), by item, in one query: the plan says which
    meetings consider a key decision before the decision-maker takes it."""
    steps = Consultation.objects.filter(report__work_programme_item__in=[item.pk for item in items]).select_related(
        "committee", "meeting", "report"
    )
    by_item: dict[int, list[Consultation]] = {}
    for step in steps:
        by_item.setdefault(step.report.work_programme_item_id, []).append(step)
    return by_item


def general_exception_open(noticed_on: datetime.date, meeting_date: datetime.date) -> bool:
    return deadlines.clear_days_between(noticed_on, meeting_date) >= GENERAL_EXCEPTION_CLEAR_DAYS


@transaction.atomic
def record_route(
    item: WorkProgrammeItem,
    route: str,
    reason: str,
    agreed_by: str = "",
    noticed_on: datetime.date | None = None,
    by=None,
) -> WorkProgrammeItem:
    """Record how a key decision short of notice is being taken, and publish that notice."""
    item = (
        WorkProgrammeItem.objects.select_for_update(of=("self",))
        .select_related("committee", "target_meeting")
        .get(pk=item.pk)
    )
    noticed_on = noticed_on or timezone.localdate()
    reason = (reason or "").strip()
    agreed_by = (agreed_by or "").strip()
    if not needs_notice(item):
        raise ProgrammeError(
            gettext("Only key decisions and private items of an executive body need forward plan notice.")
        )
    if item.target_meeting_id is None:
        raise ProgrammeError(gettext("Plan the item for a meeting first: the notice counts back from the meeting."))
    notice = notice_for(item)
    if notice.given:
        raise ProgrammeError(gettext("This item already has 28 clear days' notice: no exception is needed."))
    if noticed_on >= notice.meeting_date:
        raise ProgrammeError(gettext("The notice must be published before the day of the meeting."))
    if route not in Route.values:
        raise ProgrammeError(gettext("Choose general exception or special urgency."))
    if not reason:
        raise ProgrammeError(gettext("Give the reason the decision cannot wait: it is published with the notice."))
    if route == Route.SPECIAL_URGENCY and not agreed_by:
        raise ProgrammeError(gettext("Special urgency needs the agreement of the chair: name who agreed."))
    if route == Route.GENERAL_EXCEPTION and not general_exception_open(noticed_on, notice.meeting_date):
        raise ProgrammeError(
            gettext(
                "General exception needs at least %(days)s clear days' notice before the meeting; "
                "use special urgency with the chair's agreement."
            )
            % {"days": GENERAL_EXCEPTION_CLEAR_DAYS}
        )
    item.forward_plan_route = route
    item.forward_plan_route_reason = reason
    item.forward_plan_route_agreed_by = agreed_by
    item.forward_plan_route_noticed_on = noticed_on
    fields = [
        "forward_plan_route",
        "forward_plan_route_reason",
        "forward_plan_route_agreed_by",
        "forward_plan_route_noticed_on",
        "modified",
    ]
    # The exception notice is itself publication: the item is on the plan from that day.
    if item.first_published_on is None:
        item.first_published_on = noticed_on
        fields.append("first_published_on")
    item.save(update_fields=fields)
    record_change(item, WorkProgrammeChange.Kind.ROUTE, by=by)
    return item
