"""Decision notices and call-in: the public list of recent executive decisions with their call-in
status, each notice's page, and the governance officers' steps (publish a notice from the minutes,
record a call-in, record the scrutiny committee's outcome). Rules live in committee/decisions.py."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from committee import access, call_in, decisions
from committee.models import AgendaItem, CallIn, Committee, DecisionNotice, WorkProgrammeItem
from core import bad_requests
from core.numbering import agenda_numbers
from web.views import steps

RECENT = 50


class NoticeForm(forms.Form):
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Reasons for the decision"))
    alternatives_rejected = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Alternatives considered and rejected")
    )
    urgent = forms.BooleanField(
        required=False,
        label=_("Urgent: exempt from call-in"),
        help_text=_("Only with the consent of the chair of the scrutiny committee."),
    )
    urgency_consent_by = forms.CharField(required=False, label=_("Scrutiny chair who consented (urgent decisions)"))
    urgency_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Why the decision is urgent")
    )


class SignCallInForm(forms.Form):
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Your reasons for calling the decision in"),
        error_messages={"required": _("Give your reasons for calling the decision in.")},
    )


class CallInForm(forms.Form):
    requested_by = forms.CharField(label=_("Called in by (the members' names)"))
    requested_on = forms.DateField(label=_("Date of the call-in (YYYY-MM-DD)"))
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("The members' reasons"))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[c for c in CallIn.Outcome.choices if c[0] != CallIn.Outcome.PENDING],
        widget=forms.RadioSelect,
        label=_("The scrutiny committee's outcome"),
    )
    outcome_on = forms.DateField(label=_("Date of the scrutiny meeting (YYYY-MM-DD)"))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Minute"))


def _notices():
    return access.public_decision_notices().select_related(*decisions.NOTICE_RELATED)


def _row(request, notice: DecisionNotice) -> dict:
    return {
        "notice": notice,
        "subject": decisions.subject(notice),
        "status": decisions.status(notice),
        "show_text": access.can_see_notice_text(request.user, notice),
    }


YES_NO = {"yes": True, "no": False}


def _yes_no(raw: str | None, label: str, errors: list[str]) -> bool | None:
    if raw and raw not in YES_NO:
        errors.append(f"Choose yes or no for ‘{label}’.")
    return YES_NO.get(raw or "")


# A cabinet member or officer in the decision-maker filter, told apart from a committee's slug.
INDIVIDUAL = "by:"


def _filters(request, committee: Committee | None, individuals: list[str]) -> tuple[decisions.NoticeFilters, list[str]]:
    """The list's filters from the query string: anything unreadable is left off, with a message."""
    errors: list[str] = []
    date_from = bad_requests.parse_date(request.GET.get("from") or "")
    date_to = bad_requests.parse_date(request.GET.get("to") or "")
    if request.GET.get("from") and date_from is None:
        errors.append("Enter the ‘from’ date as a real date, like 2026-04-01.")
    if request.GET.get("to") and date_to is None:
        errors.append("Enter the ‘to’ date as a real date, like 2026-04-30.")
    key_decision = _yes_no(request.GET.get("key"), "key decision", errors)
    called_in = _yes_no(request.GET.get("called_in"), "called in", errors)
    committee_id = committee.pk if committee else None
    taken_by = None
    maker = request.GET.get("maker") or ""
    if committee is None and maker.startswith(INDIVIDUAL):
        taken_by = maker.removeprefix(INDIVIDUAL)
        if taken_by not in individuals:
            taken_by = None
            errors.append("Choose a decision-maker from the list.")
    elif committee is None and maker:
        committee_id = Committee.objects.filter(slug=maker[:200]).values_list("pk", flat=True).first()
        if committee_id is None:
            errors.append("Choose a decision-maker from the list.")
    return decisions.NoticeFilters(committee_id, taken_by, date_from, date_to, key_decision, called_in), errors


@require_safe
def decision_list(request, slug: str | None = None):
    """Executive decisions, newest first, each with where it stands on call-in: the council's, or
    one decision-maker's; filtered by decision-maker, date, key decision and whether called in."""
    committee = get_object_or_404(access.public_committees(), slug=slug) if slug else None
    individuals = [] if committee else decisions.individual_makers(access.public_decision_notices())
    filters, errors = _filters(request, committee, individuals)
    notices = list(decisions.filter_notices(_notices(), filters)[:RECENT])
    context = {
        "rows": [_row(request, n) for n in notices],
        "committee": committee,
        "makers": list(Committee.objects.filter(kind=Committee.Kind.EXECUTIVE).order_by("name")),
        "individuals": [(INDIVIDUAL + name, name) for name in individuals],
        "filters": filters,
        "maker": request.GET.get("maker", "") if committee is None else "",
        "errors": errors,
        "limit": RECENT,
    }
    return render(request, "public/decision_list.html", context)


@require_safe
def decisions_awaiting_call_in(request):
    """Decisions members may still call in, the soonest deadline first."""
    notices = list(decisions.awaiting_call_in(_notices())[:RECENT])
    return render(request, "public/decisions_awaiting_call_in.html", {"rows": [_row(request, n) for n in notices]})


@require_safe
def decision_notice(request, pk: int):
    notice = get_object_or_404(_notices(), pk=pk)
    row = _row(request, notice)
    item, number = row["subject"].item, ""
    if item is not None:
        siblings = list(AgendaItem.objects.public().filter(meeting_id=item.meeting_id).only("id", "part", "position"))
        number = agenda_numbers(siblings).get(item.pk, "")
    call = getattr(notice, "call_in", None)
    report = row["subject"].item.report if row["subject"].item else row["subject"].record.report
    context = {
        **row,
        # The key decision's entry on the Forward Plan that gave notice of it.
        "plan_item": _plan_item(report),
        "number": number,
        "call": call,
        # The decision this one reconsiders after a call-in, and the one that reconsidered this.
        "reconsiders": notice.reconsideration_of.notice if notice.reconsideration_of_id else None,
        "reconsidered_by": _notices().filter(reconsideration_of=call).first() if call else None,
        "manage": access.can_manage_meetings(request.user),
        "call_in_form": CallInForm(),
        "outcome_form": OutcomeForm(),
        **_signing(request, notice),
    }
    return render(request, "public/decision_notice.html", context)


def _plan_item(report) -> WorkProgrammeItem | None:
    if report is None or report.work_programme_item_id is None:
        return None
    item = access.public_work_programme_items().filter(pk=report.work_programme_item_id).first()
    return item if item is not None and (item.key_decision or item.is_exempt) else None


def _signing(request, notice: DecisionNotice) -> dict:
    """The online call-in request: how many have signed, and whether this visitor may sign."""
    signatures = list(notice.signatures.select_related("person"))
    person = call_in.signing_councillor(request.user)
    return {
        "signatures": signatures,
        "members_required": call_in.members_required(),
        "signed": person is not None and any(s.person_id == person.pk for s in signatures),
        "may_sign": person is not None and not call_in.refusal(request.user, notice),
        "sign_form": SignCallInForm(),
    }


@require_POST
@login_required
def call_in_sign(request, pk: int):
    """A councillor signs the request to call the decision in; the last signature needed calls it in."""
    notice = get_object_or_404(_notices(), pk=pk)
    back = redirect("committee:decision_notice", pk=pk)
    form = SignCallInForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, back)
    try:
        call = call_in.sign(notice, request.user, reasons=form.cleaned_data["reasons"])
    except decisions.DecisionError as error:
        messages.error(request, str(error))
        return back
    if call is None:
        messages.success(request, _("You have signed the call-in request."))
    else:
        messages.success(
            request,
            _("You have signed the call-in request: enough members have signed, and the decision is called in."),
        )
    return back


def _require_manager(request) -> None:
    if not access.can_manage_meetings(request.user):
        raise PermissionDenied("Only governance officers publish decision notices and record call-ins.")


def _refused(request, form, back):
    """A form missing what it needs: its first error, back on the page it came from."""
    messages.error(request, next(iter(form.errors.values()))[0])
    return back


@require_POST
@login_required
def decision_notice_publish(request, pk: int, item_pk: int):
    _require_manager(request)
    item = get_object_or_404(AgendaItem.objects.select_related("decision"), pk=item_pk, meeting_id=pk)
    back = redirect("committee:minutes_edit", pk=pk)
    decision = getattr(item, "decision", None)
    if decision is None:
        messages.error(request, _("Record the decision before publishing its notice."))
        return back
    form = NoticeForm(request.POST, prefix=f"notice{item.pk}")
    if not form.is_valid():
        return _refused(request, form, back)
    return steps.attempt(
        request,
        lambda: decisions.publish_notice(decision, request.user, **form.cleaned_data),
        _("The decision notice for “%(title)s” is published.") % {"title": item.title},
        refused=decisions.DecisionError,
        back=back,
    )


@require_POST
@login_required
def call_in_record(request, pk: int):
    _require_manager(request)
    notice = get_object_or_404(DecisionNotice, pk=pk)
    back = redirect("committee:decision_notice", pk=pk)
    form = CallInForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, back)
    data = form.cleaned_data
    return steps.attempt(
        request,
        lambda: decisions.call_in(
            notice, request.user, requested_by=data["requested_by"], reason=data["reason"], on=data["requested_on"]
        ),
        "The call-in is recorded: the decision may not be implemented until scrutiny decides.",
        refused=decisions.DecisionError,
        back=back,
    )


@require_POST
@login_required
def call_in_outcome(request, pk: int):
    _require_manager(request)
    notice = get_object_or_404(DecisionNotice.objects.select_related("call_in"), pk=pk)
    back = redirect("committee:decision_notice", pk=pk)
    call = getattr(notice, "call_in", None)
    if call is None:
        messages.error(request, _("The decision has not been called in."))
        return back
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, back)
    data = form.cleaned_data
    return steps.attempt(
        request,
        lambda: decisions.record_scrutiny_outcome(
            call, request.user, outcome=data["outcome"], note=data["note"], on=data["outcome_on"]
        ),
        "The scrutiny committee's outcome is recorded.",
        refused=decisions.DecisionError,
        back=back,
    )
