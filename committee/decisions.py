"""Decision notices and call-in. An executive body's decision, once minuted, is published as a
decision notice; the call-in window is fixed then (committee/deadlines.py, the council's number of
clear working days). Until it closes the decision may be called in; a call-in stops implementation
until the scrutiny committee's outcome is recorded. Whether a decision may be implemented is
`status()`, computed from these records and the day, never stored."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from committee import access, agenda, deadlines
from committee.agenda import AgendaError
from committee.models import AgendaItem, CallIn, Committee, DecisionNotice, ItemDecision, Meeting
from core import dates


class DecisionError(AgendaError):
    """A step the decision notice or call-in cannot take; the message says why."""


def _require_manager(user) -> None:
    if not access.can_manage_meetings(user):
        raise PermissionDenied("Only governance officers publish decision notices and record call-ins.")


def takes_executive_decisions(committee: Committee) -> bool:
    """Cabinet's decisions get a decision notice and may be called in; a committee's do not."""
    return committee.kind == Committee.Kind.EXECUTIVE


def call_in_deadline_for(published_at: datetime.datetime) -> datetime.date:
    """The council's call-in window for a notice published at this moment."""
    return deadlines.call_in_deadline(
        timezone.localtime(published_at),
        settings.CALL_IN_CLEAR_WORKING_DAYS,
        after_hours_count_next_day=settings.CALL_IN_LATE_NOTICE_COUNTS_NEXT_DAY,
    )


@transaction.atomic
def publish_notice(
    decision: ItemDecision,
    user,
    *,
    reasons: str = "",
    alternatives_rejected: str = "",
    urgent: bool = False,
    urgency_consent_by: str = "",
    urgency_reason: str = "",
    now=None,
):
    """Publish the notice. An urgent decision is exempt from call-in only with the scrutiny chair's
    consent and the reason recorded on it; it may be implemented at once."""
    _require_manager(user)
    decision = (
        ItemDecision.objects.select_for_update().select_related("agenda_item__meeting__committee").get(pk=decision.pk)
    )
    meeting = decision.agenda_item.meeting
    if not takes_executive_decisions(meeting.committee):
        raise DecisionError(f"{meeting.committee.name} is not an executive body: its decisions have no notice.")
    if DecisionNotice.objects.filter(decision=decision).exists():
        raise DecisionError("The decision notice is already published.")
    if not (reasons or "").strip():
        raise DecisionError("Give the reasons for the decision: the notice must state them.")
    urgency_consent_by, urgency_reason = (urgency_consent_by or "").strip(), (urgency_reason or "").strip()
    if urgent and not urgency_consent_by:
        raise DecisionError("Name the scrutiny chair who consented to the decision being exempt from call-in.")
    if urgent and not urgency_reason:
        raise DecisionError("Give the reason the decision is urgent and cannot wait for the call-in period.")
    if not urgent:
        urgency_consent_by = urgency_reason = ""
    now = now or timezone.now()
    return DecisionNotice.objects.create(
        urgent=urgent,
        urgency_consent_by=urgency_consent_by,
        urgency_reason=urgency_reason,
        decision=decision,
        published_at=now,
        published_by=user,
        reasons=reasons.strip(),
        alternatives_rejected=(alternatives_rejected or "").strip(),
        call_in_deadline=call_in_deadline_for(now),
    )


@transaction.atomic
def call_in(notice: DecisionNotice, user, *, requested_by: str, reason: str, on: datetime.date | None = None):
    """Record that members called the decision in. Refused after the deadline, or twice."""
    _require_manager(user)
    notice = DecisionNotice.objects.select_for_update().get(pk=notice.pk)
    on = on or timezone.localdate()
    check_open_for_call_in(notice, on)
    requested_by, reason = (requested_by or "").strip(), (reason or "").strip()
    if not requested_by:
        raise DecisionError("Say which members called the decision in.")
    if not reason:
        raise DecisionError("Give the members' reasons for the call-in.")
    call = CallIn.objects.create(
        notice=notice, requested_by=requested_by, requested_on=on, reason=reason, recorded_by=user
    )
    refer_to_scrutiny(call)
    return call


def check_open_for_call_in(notice: DecisionNotice, on: datetime.date) -> None:
    """Raise DecisionError saying why the decision cannot be called in on this day, if it cannot."""
    if notice.urgent:
        raise DecisionError(
            f"This decision is urgent and exempt from call-in: {notice.urgency_consent_by}, "
            "chair of the scrutiny committee, consented."
        )
    if on < timezone.localtime(notice.published_at).date():
        raise DecisionError("A decision cannot be called in before its notice is published.")
    if on > notice.call_in_deadline:
        raise DecisionError(f"The call-in period ended on {notice.call_in_deadline:%-d %B %Y}.")
    if CallIn.objects.filter(notice=notice).exists():
        raise DecisionError("The decision is already called in.")


def scrutiny_committee() -> Committee | None:
    """The committee call-ins go to: the council's named one, or its first active scrutiny committee."""
    committees = Committee.objects.filter(kind=Committee.Kind.SCRUTINY, active=True)
    if settings.CALL_IN_SCRUTINY_COMMITTEE:
        committees = committees.filter(slug=settings.CALL_IN_SCRUTINY_COMMITTEE)
    return committees.order_by("name", "id").first()


def refer_to_scrutiny(call: CallIn, now: datetime.datetime | None = None) -> AgendaItem | None:
    """Put the called-in decision on the scrutiny committee's next meeting (not cancelled or postponed)
    after `now`, in the part the decision itself was taken in; None when no meeting is scheduled
    (officers arrange a special one)."""
    committee = scrutiny_committee()
    if committee is None:
        return None
    meeting = (
        Meeting.objects.filter(committee=committee, starts_at__gte=now or timezone.now())
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.POSTPONED])
        .order_by("starts_at", "id")
        .first()
    )
    if meeting is None:
        return None
    decided = AgendaItem.objects.get(decision__notice__call_in=call)
    call.scrutiny_item = agenda.append_item(
        meeting,
        title=f"Call-in: {decided.title}",
        description=f"Decision of {decided.meeting} called in by {call.requested_by}.",
        part=decided.part,
        exempt_paragraph=decided.exempt_paragraph,
    )
    call.save(update_fields=["scrutiny_item"])
    return call.scrutiny_item


@transaction.atomic
def record_scrutiny_outcome(call: CallIn, user, *, outcome: str, note: str = "", on: datetime.date | None = None):
    _require_manager(user)
    call = CallIn.objects.select_for_update().get(pk=call.pk)
    if call.outcome != CallIn.Outcome.PENDING:
        raise DecisionError("The scrutiny committee's outcome is already recorded.")
    if outcome not in CallIn.Outcome.values or outcome == CallIn.Outcome.PENDING:
        raise DecisionError("Choose no further action, referred back to the decision-maker, or referred to Council.")
    on = on or timezone.localdate()
    if on < call.requested_on:
        raise DecisionError("Scrutiny cannot decide before the call-in.")
    call.outcome, call.outcome_on, call.outcome_note = outcome, on, (note or "").strip()
    call.save(update_fields=["outcome", "outcome_on", "outcome_note"])
    return call


@dataclass(frozen=True)
class Status:
    """Where a decision stands on a given day."""

    label: str
    implementable_from: datetime.date | None  # None: not while called in, or being reconsidered
    open_for_call_in: bool


def status(notice: DecisionNotice, today: datetime.date | None = None) -> Status:
    """Load `call_in` with the notice (select_related) to spare a query."""
    today = today or timezone.localdate()
    try:
        call = notice.call_in
    except CallIn.DoesNotExist:
        call = None
    if notice.urgent:
        return Status("Urgent: exempt from call-in", notice.implementation_date, False)
    if call is None:
        if today <= notice.call_in_deadline:
            until = _("Open for call-in until %(day)s") % {"day": dates.short_date(notice.call_in_deadline)}
            return Status(until, notice.implementation_date, True)
        return Status(_("Not called in: may be implemented"), notice.implementation_date, False)
    if call.outcome == CallIn.Outcome.PENDING:
        return Status(_("Called in: awaiting the scrutiny committee"), None, False)
    if call.outcome == CallIn.Outcome.NO_FURTHER_ACTION:
        # Implemented once scrutiny has decided, and never before the window would have closed.
        start = max(call.outcome_on, notice.implementation_date)
        return Status(_("Called in: scrutiny took no further action"), start, False)
    return Status(_("Called in: %(outcome)s") % {"outcome": call.get_outcome_display().lower()}, None, False)


# The public's lists of decisions ---------------------------------------------------------------


@dataclass(frozen=True)
class NoticeFilters:
    """What the public may narrow a list of decision notices by; None leaves a filter off."""

    committee_id: int | None = None
    date_from: datetime.date | None = None  # the day the decision was taken (the meeting's date)
    date_to: datetime.date | None = None
    key_decision: bool | None = None
    called_in: bool | None = None


def filter_notices(notices: QuerySet, filters: NoticeFilters) -> QuerySet:
    if filters.committee_id is not None:
        notices = notices.filter(decision__agenda_item__meeting__committee_id=filters.committee_id)
    if filters.date_from is not None:
        notices = notices.filter(decision__agenda_item__meeting__starts_at__date__gte=filters.date_from)
    if filters.date_to is not None:
        notices = notices.filter(decision__agenda_item__meeting__starts_at__date__lte=filters.date_to)
    if filters.key_decision is not None:
        key = Q(decision__agenda_item__report__key_decision=True)
        notices = notices.filter(key) if filters.key_decision else notices.exclude(key)
    if filters.called_in is not None:
        notices = notices.filter(call_in__isnull=not filters.called_in)
    return notices


def awaiting_call_in(notices: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Decisions members may still call in today, the soonest deadline first."""
    today = today or timezone.localdate()
    return notices.filter(urgent=False, call_in__isnull=True, call_in_deadline__gte=today).order_by(
        "call_in_deadline", "published_at", "id"
    )
