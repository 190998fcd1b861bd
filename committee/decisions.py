"""Decision notices and call-in. An executive body's decision, once minuted, is published as a
decision notice; the call-in window is fixed then (committee/deadlines.py, the council's number of
clear working days). Until it closes the decision may be called in; a call-in stops implementation
until the scrutiny committee's outcome is recorded. Whether a decision may be implemented is
`status()`, computed from these records and the day, never stored.

A call-in the scrutiny committee refers back goes on the decision-maker's next meeting; the decision
taken there is the final one: its notice says what it reconsiders, and it cannot be called in again.
Decisions taken outside meetings (committee/decision_records.py) have notices too: `subject()` says
what any notice is about, whichever kind of decision it carries."""

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
from committee.models import AgendaItem, CallIn, Committee, DecisionNotice, DecisionRecord, ItemDecision, Meeting
from core import dates
from core.bilingual import bilingual_text


class DecisionError(AgendaError):
    """A step the decision notice or call-in cannot take; the message says why."""


def _require_manager(user) -> None:
    if not access.can_manage_meetings(user):
        raise PermissionDenied(_("Only governance officers publish decision notices and record call-ins."))


@dataclass(frozen=True)
class Subject:
    """What a notice is about, the same for a meeting's decision and one taken outside a meeting.
    Built from the notice with `NOTICE_RELATED` loaded, without further queries."""

    title: str
    title_cy: str
    maker: str  # the body, or the cabinet member or officer, that took the decision
    committee: Committee | None
    item: AgendaItem | None
    record: DecisionRecord | None
    decided_on: datetime.date
    part: int
    exempt_paragraph: int | None
    outcome: str
    text: str  # sanitised HTML for a meeting's decision, plain text for a record
    key_decision: bool

    @property
    def meeting(self) -> Meeting | None:
        return self.item.meeting if self.item else None


# What `subject()` and `status()` read, for select_related on a notice queryset.
NOTICE_RELATED = (
    "decision__agenda_item__meeting__committee",
    "decision__agenda_item__report",
    "decision__referred_to",
    "record",
    "call_in__reconsideration",
    "reconsideration_of",
)


def subject(notice: DecisionNotice) -> Subject:
    record = notice.record
    if record is not None:
        return Subject(
            title=record.title,
            title_cy="",
            maker=record.taken_by,
            committee=None,
            item=None,
            record=record,
            decided_on=record.decided_on,
            part=record.part,
            exempt_paragraph=record.exempt_paragraph,
            outcome=_("Decided"),
            text=record.decision,
            key_decision=record.key_decision,
        )
    item = notice.decision.agenda_item
    return Subject(
        title=item.title,
        title_cy=item.title_cy,
        maker=item.meeting.committee.name,
        committee=item.meeting.committee,
        item=item,
        record=None,
        decided_on=item.meeting.date,
        part=item.part,
        exempt_paragraph=item.exempt_paragraph,
        outcome=notice.decision.get_outcome_display(),
        text=notice.decision.text,
        key_decision=bool(item.report and item.report.key_decision),
    )


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
        raise DecisionError(
            _("%(committee)s is not an executive body: its decisions have no notice.")
            % {"committee": bilingual_text(meeting.committee, "name")}
        )
    if DecisionNotice.objects.filter(decision=decision).exists():
        raise DecisionError(_("The decision notice is already published."))
    now = now or timezone.now()
    if now < meeting.starts_at:
        raise DecisionError(_("The decision notice is published after the meeting that takes the decision."))
    if not (reasons or "").strip():
        raise DecisionError(_("Give the reasons for the decision: the notice must state them."))
    urgency_consent_by, urgency_reason = (urgency_consent_by or "").strip(), (urgency_reason or "").strip()
    if urgent and not urgency_consent_by:
        raise DecisionError(_("Name the scrutiny chair who consented to the decision being exempt from call-in."))
    if urgent and not urgency_reason:
        raise DecisionError(_("Give the reason the decision is urgent and cannot wait for the call-in period."))
    if not urgent:
        urgency_consent_by = urgency_reason = ""
    # The decision-maker reconsidering a decision scrutiny referred back: its final decision.
    reconsidered = CallIn.objects.filter(
        reconsideration_item=decision.agenda_item, outcome=CallIn.Outcome.REFERRED_BACK, reconsideration__isnull=True
    ).first()
    return DecisionNotice.objects.create(
        reconsideration_of=reconsidered,
        call_in_applies=reconsidered is None,
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
        raise DecisionError(_("Say which members called the decision in."))
    if not reason:
        raise DecisionError(_("Give the members' reasons for the call-in."))
    call = CallIn.objects.create(
        notice=notice, requested_by=requested_by, requested_on=on, reason=reason, recorded_by=user
    )
    refer_to_scrutiny(call)
    return call


def check_open_for_call_in(notice: DecisionNotice, on: datetime.date) -> None:
    """Raise DecisionError saying why the decision cannot be called in on this day, if it cannot."""
    if notice.urgent:
        raise DecisionError(
            _("This decision is urgent and exempt from call-in: %(chair)s, chair of the scrutiny committee, consented.")
            % {"chair": notice.urgency_consent_by}
        )
    if notice.reconsideration_of_id:
        raise DecisionError(_("This decision was reconsidered after a call-in: it cannot be called in again."))
    if not notice.call_in_applies:
        raise DecisionError(_("This decision is not subject to call-in."))
    if on < timezone.localtime(notice.published_at).date():
        raise DecisionError(_("A decision cannot be called in before its notice is published."))
    if on > notice.call_in_deadline:
        raise DecisionError(
            _("The call-in period ended on %(day)s.") % {"day": dates.short_date(notice.call_in_deadline)}
        )
    if CallIn.objects.filter(notice=notice).exists():
        raise DecisionError(_("The decision is already called in."))


def scrutiny_committee() -> Committee | None:
    """The committee call-ins go to: the council's named one, or its first active scrutiny committee."""
    committees = Committee.objects.filter(kind=Committee.Kind.SCRUTINY, active=True)
    if settings.CALL_IN_SCRUTINY_COMMITTEE:
        committees = committees.filter(slug=settings.CALL_IN_SCRUTINY_COMMITTEE)
    return committees.order_by("name", "id").first()


def next_meeting(committee: Committee, after: datetime.datetime) -> Meeting | None:
    """The committee's next meeting after this moment that is not cancelled or postponed."""
    return (
        Meeting.objects.filter(committee=committee, starts_at__gte=after)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.POSTPONED])
        .order_by("starts_at", "id")
        .first()
    )


def refer_to_scrutiny(call: CallIn, now: datetime.datetime | None = None) -> AgendaItem | None:
    """Put the called-in decision on the scrutiny committee's next meeting (not cancelled or postponed)
    after `now`, in the part the decision itself was taken in; None when no meeting is scheduled
    (officers arrange a special one)."""
    committee = scrutiny_committee()
    if committee is None:
        return None
    meeting = next_meeting(committee, now or timezone.now())
    if meeting is None:
        return None
    about = subject(DecisionNotice.objects.select_related(*NOTICE_RELATED).get(call_in=call))
    made = f"{about.maker}, {dates.short_date(about.decided_on)}"
    call.scrutiny_item = agenda.append_item(
        meeting,
        title=f"Call-in: {about.title}",
        description=f"Decision of {made} called in by {call.requested_by}.",
        part=about.part,
        exempt_paragraph=about.exempt_paragraph,
    )
    call.save(update_fields=["scrutiny_item"])
    return call.scrutiny_item


def refer_back(call: CallIn, now: datetime.datetime | None = None) -> AgendaItem | None:
    """Put a decision scrutiny referred back on its decision-maker's next meeting, with its report,
    to be reconsidered; None for a decision taken outside a meeting (its maker records a new one,
    committee/decision_records.py) or when no meeting is scheduled."""
    notice = DecisionNotice.objects.select_related(*NOTICE_RELATED).get(call_in=call)
    about = subject(notice)
    if about.item is None:
        return None
    meeting = next_meeting(about.committee, now or timezone.now())
    if meeting is None:
        return None
    call.reconsideration_item = agenda.append_item(
        meeting,
        title=f"Reconsideration after call-in: {about.title}",
        description=f"Decision of {about.item.meeting} referred back by the scrutiny committee.",
        kind=AgendaItem.Kind.REPORT if about.item.report_id else AgendaItem.Kind.PROCEDURAL,
        part=about.part,
        exempt_paragraph=about.exempt_paragraph,
        report=about.item.report,
    )
    call.save(update_fields=["reconsideration_item"])
    return call.reconsideration_item


def full_council() -> Committee | None:
    """The council's full Council: the body a call-in, or a recommendation, is referred to."""
    return Committee.objects.filter(kind=Committee.Kind.FULL_COUNCIL, active=True).order_by("name", "id").first()


def refer_to_council(call: CallIn, now: datetime.datetime | None = None) -> AgendaItem | None:
    """Put a decision scrutiny referred to full Council on Council's next meeting, with its report
    (a meeting's, or the one a decision record was taken on), in the part the decision was taken in;
    None when the council has no full Council body or no meeting of it is scheduled."""
    council = full_council()
    meeting = next_meeting(council, now or timezone.now()) if council is not None else None
    if meeting is None:
        return None
    about = subject(DecisionNotice.objects.select_related(*NOTICE_RELATED).get(call_in=call))
    report = about.item.report if about.item is not None else about.record.report
    made = f"{about.maker}, {dates.short_date(about.decided_on)}"
    call.council_item = agenda.append_item(
        meeting,
        title=f"Referred by scrutiny after call-in: {about.title}",
        description=f"Decision of {made} called in by {call.requested_by} and referred to Council by the "
        f"scrutiny committee on {dates.short_date(call.outcome_on)}.",
        kind=AgendaItem.Kind.REPORT if report is not None else AgendaItem.Kind.PROCEDURAL,
        part=about.part,
        exempt_paragraph=about.exempt_paragraph,
        report=report,
    )
    call.save(update_fields=["council_item"])
    return call.council_item


def _numbers_text(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"recommendation {numbers[0]}"
    return "recommendations " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


def referred_to_council(meeting: Meeting, council: Committee) -> list[tuple[AgendaItem, list[int]]]:
    """Each item of the meeting with a report it referred to full Council, and which of its
    recommendations: [] when the whole item was referred, else the numbers of those the minutes refer
    to Council one by one (Cabinet recommends some to Council and decides the rest itself)."""
    items = (
        AgendaItem.objects.filter(meeting=meeting, report__isnull=False, decision__isnull=False)
        .select_related("report", "decision")
        .prefetch_related("decision__recommendations")
    )
    found = []
    for item in items:
        if item.decision.outcome == ItemDecision.Outcome.REFERRED and item.decision.referred_to_id == council.pk:
            found.append((item, []))
            continue
        numbers = sorted(
            r.number
            for r in item.decision.recommendations.all()
            if r.outcome == ItemDecision.Outcome.REFERRED and r.referred_to_id == council.pk
        )
        if numbers:
            found.append((item, numbers))
    return found


@dataclass(frozen=True)
class CouncilReferral:
    """Where a meeting's referrals to full Council would go when its minutes are published: `target`,
    Council's next meeting; when its agenda is already published the referral needs a supplementary
    agenda there, and `following`, Council's meeting after it, is offered instead."""

    target: Meeting
    following: Meeting | None
    titles: list[str]

    @property
    def needs_supplementary_agenda(self) -> bool:
        return self.target.agenda_is_published

    def message(self) -> str:
        when = dates.short_date(self.target.date)
        text = (
            f"Council's meeting on {when} already has its agenda published: what this meeting refers to "
            f"Council ({'; '.join(self.titles)}) would need a supplementary agenda."
        )
        if self.following is not None:
            text += f" Or refer it to Council's following meeting, on {dates.short_date(self.following.date)}."
        return text


def council_referral(meeting: Meeting) -> CouncilReferral | None:
    """Where the meeting's referrals to Council will go, if it makes any not yet on a Council agenda."""
    council = full_council()
    if council is None or meeting.committee_id == council.pk:
        return None
    already = _on_council_agendas(meeting, council)
    titles = [item.title for item, _numbers in referred_to_council(meeting, council) if item.report_id not in already]
    target = next_meeting(council, meeting.starts_at) if titles else None
    if target is None:
        return None
    following = next_meeting(council, target.starts_at + datetime.timedelta(minutes=1))
    return CouncilReferral(target=target, following=following, titles=titles)


def _on_council_agendas(meeting: Meeting, council: Committee) -> set[int]:
    return set(
        AgendaItem.objects.filter(
            meeting__committee=council, meeting__starts_at__gte=meeting.starts_at, report__isnull=False
        ).values_list("report_id", flat=True)
    )


def refer_recommendations_to_council(
    meeting: Meeting, wording=None, to_meeting: Meeting | None = None
) -> list[AgendaItem]:
    """The reports a meeting referred to full Council (its recommendation to Council, or some of the
    report's recommendations) go on Council's next meeting after it, in the part they were taken in,
    carrying only the recommendations referred, unless already on a Council agenda from then on: run
    when the meeting's minutes are published. `wording(report_id, numbers)`: the referred
    recommendations' text for the agenda, from the layer that reads published reports. `to_meeting`:
    the Council meeting the governance officer chose instead (`council_referral` offers the one after a
    meeting whose agenda is already published)."""
    council = full_council()
    if council is None or meeting.committee_id == council.pk:
        return []
    if to_meeting is not None and (
        to_meeting.committee_id != council.pk
        or to_meeting.starts_at < meeting.starts_at
        or to_meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.POSTPONED)
    ):
        raise DecisionError(_("Choose a later meeting of full Council for the referral."))
    already = _on_council_agendas(meeting, council)
    added = []
    target = to_meeting
    for item, numbers in referred_to_council(meeting, council):
        if item.report_id in already:
            continue
        target = target or next_meeting(council, meeting.starts_at)
        if target is None:
            break
        description = f"Recommended to Council by {meeting.committee.name} on {dates.short_date(meeting.date)}"
        if numbers:
            description += f": {_numbers_text(numbers)} of the report."
            text = wording(item.report_id, numbers) if wording else ""
            description += f"\n{text}" if text else ""
        else:
            description += "."
        added.append(
            agenda.append_item(
                target,
                title=item.title,
                description=description,
                kind=AgendaItem.Kind.REPORT,
                part=item.part,
                exempt_paragraph=item.exempt_paragraph,
                confidential_title=item.confidential_title,
                report=item.report,
                referred_recommendations=numbers,
            )
        )
    return added


@transaction.atomic
def record_scrutiny_outcome(call: CallIn, user, *, outcome: str, note: str = "", on: datetime.date | None = None):
    _require_manager(user)
    call = CallIn.objects.select_for_update().get(pk=call.pk)
    if call.outcome != CallIn.Outcome.PENDING:
        raise DecisionError(_("The scrutiny committee's outcome is already recorded."))
    if outcome not in CallIn.Outcome.values or outcome == CallIn.Outcome.PENDING:
        raise DecisionError(_("Choose no further action, referred back to the decision-maker, or referred to Council."))
    on = on or timezone.localdate()
    if on < call.requested_on:
        raise DecisionError(_("Scrutiny cannot decide before the call-in."))
    call.outcome, call.outcome_on, call.outcome_note = outcome, on, (note or "").strip()
    call.save(update_fields=["outcome", "outcome_on", "outcome_note"])
    if outcome == CallIn.Outcome.REFERRED_BACK:
        # The decision-maker's next meeting from the day scrutiny referred it back.
        refer_back(call, timezone.make_aware(datetime.datetime.combine(on, datetime.time.min)))
    elif outcome == CallIn.Outcome.REFERRED_TO_COUNCIL:
        refer_to_council(call, timezone.make_aware(datetime.datetime.combine(on, datetime.time.min)))
    return call


@dataclass(frozen=True)
class Status:
    """Where a decision stands on a given day."""

    label: str
    implementable_from: datetime.date | None  # None: not while called in, or being reconsidered
    open_for_call_in: bool


def status(notice: DecisionNotice, today: datetime.date | None = None) -> Status:
    """Load `NOTICE_RELATED` with the notice (select_related) to spare queries."""
    today = today or timezone.localdate()
    try:
        call = notice.call_in
    except CallIn.DoesNotExist:
        call = None
    if notice.urgent:
        return Status(_("Urgent: exempt from call-in"), notice.implementation_date, False)
    if notice.reconsideration_of_id:
        return Status(_("Final decision after call-in: not subject to call-in"), notice.implementation_date, False)
    if not notice.call_in_applies:
        return Status(_("Not subject to call-in"), notice.implementation_date, False)
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
    if call.outcome == CallIn.Outcome.REFERRED_BACK and getattr(call, "reconsideration", None) is not None:
        return Status(_("Called in and referred back: superseded by the decision reconsidered"), None, False)
    return Status(_("Called in: %(outcome)s") % {"outcome": call.get_outcome_display().lower()}, None, False)


# The public's lists of decisions ---------------------------------------------------------------


@dataclass(frozen=True)
class NoticeFilters:
    """What the public may narrow a list of decision notices by; None leaves a filter off."""

    committee_id: int | None = None
    taken_by: str | None = None  # a cabinet member or officer, as their published records name them
    date_from: datetime.date | None = None  # the day the decision was taken (the meeting's date)
    date_to: datetime.date | None = None
    key_decision: bool | None = None
    called_in: bool | None = None


def filter_notices(notices: QuerySet, filters: NoticeFilters) -> QuerySet:
    """A decision taken outside a meeting has no committee: a committee filter leaves it out, and a
    cabinet member's or officer's filter leaves out the meetings' decisions."""
    if filters.committee_id is not None:
        notices = notices.filter(decision__agenda_item__meeting__committee_id=filters.committee_id)
    if filters.taken_by is not None:
        notices = notices.filter(record__taken_by=filters.taken_by)
    if filters.date_from is not None:
        notices = notices.filter(
            Q(decision__agenda_item__meeting__starts_at__date__gte=filters.date_from)
            | Q(record__decided_on__gte=filters.date_from)
        )
    if filters.date_to is not None:
        notices = notices.filter(
            Q(decision__agenda_item__meeting__starts_at__date__lte=filters.date_to)
            | Q(record__decided_on__lte=filters.date_to)
        )
    if filters.key_decision is not None:
        key = Q(decision__agenda_item__report__key_decision=True) | Q(record__key_decision=True)
        notices = notices.filter(key) if filters.key_decision else notices.exclude(key)
    if filters.called_in is not None:
        notices = notices.filter(call_in__isnull=not filters.called_in)
    return notices


def individual_makers(notices: QuerySet) -> list[str]:
    """The cabinet members and officers who took the given published decisions outside meetings,
    by name, for the decision-maker filter."""
    names = notices.filter(record__isnull=False).order_by().values_list("record__taken_by", flat=True).distinct()
    return sorted(names, key=str.casefold)


def awaiting_call_in(notices: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Decisions members may still call in today, the soonest deadline first."""
    today = today or timezone.localdate()
    return notices.filter(
        urgent=False, call_in_applies=True, call_in__isnull=True, call_in_deadline__gte=today
    ).order_by("call_in_deadline", "published_at", "id")
