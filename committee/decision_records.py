"""Decisions taken outside meetings: a cabinet member's under delegated executive powers (the 2012
Executive Arrangements Regulations, reg. 13; the 2001 Regulations in Wales) and an officer's (the
Openness of Local Government Bodies Regulations 2014, reg. 7). A governance officer drafts the record;
until it is published only governance officers see it. Publishing issues its decision notice: a
cabinet member's decision, and an officer's key decision, may be called in like Cabinet's; an
officer's other decisions are published as a record only. A record may be the decision-maker's
reconsideration of a decision scrutiny referred back: then it is final and not subject to call-in.

A record may also be drafted in the editor as a report from a decision template and cleared through the
report's workflow (reports/decision_reports.py); publishing that report creates and publishes its record
here, linked to the report, and the record is then changed only through the report."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from committee import access, decisions
from committee.models import CallIn, DecisionNotice, DecisionRecord
from core import schedule_12a

DecisionError = decisions.DecisionError

FIELDS = (
    "maker",
    "taken_by",
    "title",
    "decision",
    "reasons",
    "alternatives_rejected",
    "interests_declared",
    "dispensations",
    "key_decision",
    "decided_on",
    "exempt_paragraph",
)


def _require_manager(user) -> None:
    if not access.can_manage_meetings(user):
        raise PermissionDenied(gettext("Only governance officers record decisions taken outside meetings."))


def drafts() -> QuerySet:
    """Records not yet published: governance officers' work, never public."""
    return DecisionRecord.objects.filter(notice__isnull=True).order_by("-modified", "-id")


def for_report(report_id: int) -> DecisionRecord | None:
    """The published decision a report drafted in the editor became, if it has."""
    return DecisionRecord.objects.filter(report_id=report_id, notice__isnull=False).select_related("notice").first()


def subject_to_call_in(record: DecisionRecord) -> bool:
    return record.maker == DecisionRecord.Maker.CABINET_MEMBER or record.key_decision


def awaiting_reconsideration() -> QuerySet:
    """Call-ins of decisions taken outside meetings that scrutiny referred back and no record answers yet."""
    return CallIn.objects.filter(
        outcome=CallIn.Outcome.REFERRED_BACK, notice__record__isnull=False, reconsideration__isnull=True
    ).select_related("notice__record")


def _clean(values: dict) -> dict:
    values = {name: values.get(name) for name in FIELDS}
    for name in ("taken_by", "title", "decision", "reasons", "alternatives_rejected"):
        values[name] = (values[name] or "").strip()
    for name in ("interests_declared", "dispensations"):
        values[name] = (values[name] or "").strip()
    if values["maker"] not in DecisionRecord.Maker.values:
        raise DecisionError(gettext("Say whether a cabinet member or an officer took the decision."))
    for name, message in (
        ("taken_by", gettext("Name the decision-maker and their role.")),
        ("title", gettext("Give the decision a title.")),
        ("decision", gettext("Write the decision.")),
        ("reasons", gettext("Give the reasons for the decision: the notice must state them.")),
    ):
        if not values[name]:
            raise DecisionError(message)
    if values["decided_on"] is None:
        raise DecisionError(gettext("Give the date of the decision."))
    if values["exempt_paragraph"] is not None and not schedule_12a.is_offered(values["exempt_paragraph"]):
        numbers = [number for number, _label in schedule_12a.offered()]
        raise DecisionError(
            gettext("Choose a paragraph of Schedule 12A from %(first)s to %(last)s.")
            % {"first": numbers[0], "last": numbers[-1]}
        )
    values["key_decision"] = bool(values["key_decision"])
    return values


@transaction.atomic
def save_draft(record: DecisionRecord | None, user, *, report=None, **values) -> DecisionRecord:
    """Create or change a draft record. A published record is the council's record and does not change.
    `report`: the report drafted in the editor that this record publishes (only when creating)."""
    _require_manager(user)
    values = _clean(values)
    if record is None:
        return DecisionRecord.objects.create(created_by=user, report=report, **values)
    record = DecisionRecord.objects.select_for_update().get(pk=record.pk)
    if DecisionNotice.objects.filter(record=record).exists():
        raise DecisionError(gettext("This decision is published: it can no longer change."))
    if record.report_id:
        raise DecisionError(gettext("This decision is drafted in the editor: change it there."))
    for name, value in values.items():
        setattr(record, name, value)
    record.save()
    return record


@transaction.atomic
def publish(
    record: DecisionRecord,
    user,
    *,
    reconsideration_of: CallIn | None = None,
    now: datetime.datetime | None = None,
) -> DecisionNotice:
    """Publish the record with its decision notice; the call-in window opens where call-in applies."""
    _require_manager(user)
    record = DecisionRecord.objects.select_for_update().get(pk=record.pk)
    if DecisionNotice.objects.filter(record=record).exists():
        raise DecisionError(gettext("This decision is already published."))
    now = now or timezone.now()
    if record.decided_on > timezone.localtime(now).date():
        raise DecisionError(gettext("A decision cannot be published before the day it is taken."))
    if reconsideration_of is not None:
        reconsideration_of = (
            awaiting_reconsideration().select_for_update(of=("self",)).filter(pk=reconsideration_of.pk).first()
        )
        if reconsideration_of is None:
            raise DecisionError(gettext("That call-in is not awaiting the decision-maker's reconsideration."))
    return DecisionNotice.objects.create(
        record=record,
        published_at=now,
        published_by=user,
        reasons=record.reasons,
        alternatives_rejected=record.alternatives_rejected,
        call_in_deadline=decisions.call_in_deadline_for(now),
        call_in_applies=reconsideration_of is None and subject_to_call_in(record),
        reconsideration_of=reconsideration_of,
    )
