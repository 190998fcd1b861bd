"""Online call-in: councillors sign a request to call an executive decision in, each with their
reasons, before the call-in deadline. Once the council's number have signed (CALL_IN_MEMBERS_REQUIRED)
the decision is called in and referred to the scrutiny committee (committee/decisions.py). Members of
the body that took the decision cannot call it in; urgent decisions cannot be called in at all."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from committee import access, call_in_mail, decisions
from committee.models import CallIn, CallInSignature, Committee, DecisionNotice, Person

DecisionError = decisions.DecisionError


def members_required() -> int:
    return max(settings.CALL_IN_MEMBERS_REQUIRED, 1)


def signing_councillor(user) -> Person | None:
    """The councillor a signed-in user is, if any: a Person of kind councillor with a current seat."""
    if not getattr(user, "is_authenticated", False):
        return None
    person = Person.objects.filter(user=user, kind=Person.Kind.COUNCILLOR).first()
    if person is None or not access.member_committee_ids(user):
        return None
    return person


def on_deciding_body(user, notice: DecisionNotice) -> bool:
    """Whether the user sits on the body that took the decision: for a decision taken outside a
    meeting, the executive the cabinet member or officer acted for."""
    if notice.record_id:
        deciding = set(Committee.objects.filter(kind=Committee.Kind.EXECUTIVE).values_list("pk", flat=True))
    else:
        deciding = {notice.decision.agenda_item.meeting.committee_id}
    return bool(deciding & access.member_committee_ids(user))


def refusal(user, notice: DecisionNotice, on: datetime.date | None = None) -> str:
    """Why this user may not sign the call-in request today, or "" when they may."""
    if signing_councillor(user) is None:
        return gettext("Only councillors may sign a call-in request.")
    if on_deciding_body(user, notice):
        return gettext("Members of the body that took the decision cannot call it in.")
    try:
        decisions.check_open_for_call_in(notice, on or timezone.localdate())
    except DecisionError as error:
        return str(error)
    return ""


@transaction.atomic
def sign(notice: DecisionNotice, user, *, reasons: str, now: datetime.datetime | None = None) -> CallIn | None:
    """Add the councillor's signature; the one that makes the number calls the decision in. Returns
    the call-in once made. PermissionDenied for someone who is not a councillor or sits on the
    deciding body; DecisionError for a step the notice does not allow (after the deadline, twice)."""
    now = now or timezone.now()
    on = timezone.localtime(now).date()
    notice = (
        DecisionNotice.objects.select_for_update(of=("self",))
        .select_related("decision__agenda_item__meeting__committee", "record")
        .get(pk=notice.pk)
    )
    person = signing_councillor(user)
    if person is None or on_deciding_body(user, notice):
        raise PermissionDenied(refusal(user, notice, on))
    decisions.check_open_for_call_in(notice, on)
    if CallInSignature.objects.filter(notice=notice, person=person).exists():
        raise DecisionError(gettext("You have already signed this call-in request."))
    reasons = (reasons or "").strip()
    if not reasons:
        raise DecisionError(gettext("Give your reasons for calling the decision in."))
    CallInSignature.objects.create(notice=notice, person=person, reasons=reasons, signed_at=now)
    signatures = list(notice.signatures.select_related("person").order_by("signed_at", "id"))
    if len(signatures) < members_required():
        if len(signatures) == 1:
            call_in_mail.queue(notice, call_in_mail.STARTED)
        return None
    call = CallIn.objects.create(
        notice=notice,
        requested_by=", ".join(s.person.name for s in signatures),
        requested_on=on,
        reason="\n\n".join(f"{s.person.name}: {s.reasons}" for s in signatures),
        recorded_by=None,
    )
    decisions.refer_to_scrutiny(call, now)
    call_in_mail.queue(notice, call_in_mail.CALLED_IN)
    return call
