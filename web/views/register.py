"""The register of members' interests as members keep it (signed in, their own) and as the monitoring
officer's team checks and publishes it. Rules live in members/register.py; who may do what in
members/access.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from members import access as member_access
from members import register, six_month_rule
from members.models import EntryVersion, Gift, RegisterEntry
from web.register_forms import ChangeForm, DispensationForm, EntryForm, GiftForm


def _own_person(request):
    person = member_access.person_of(request.user)
    if person is None:
        raise PermissionDenied("Only councillors and co-opted members keep a register here.")
    return person


def _my_register_page(request, person, *, entry_form=None, gift_form=None, change_forms=None, status=200):
    entries = list(RegisterEntry.objects.filter(person=person).order_by("category", "id"))
    latest = {}
    for version in EntryVersion.objects.filter(entry__person=person).order_by("entry_id", "submitted_at", "id"):
        latest[version.entry_id] = version
    change_forms = change_forms or {}
    rows = []
    for entry in entries:
        version = latest[entry.pk]
        form = change_forms.get(entry.pk) or ChangeForm(
            prefix=f"e{entry.pk}",
            initial={
                # A sensitive interest's details are the monitoring officer's: the member writes them afresh.
                "description": "" if version.sensitive else version.description,
                "arose_on": version.arose_on,
                "ended_on": version.ended_on,
                "sensitive": version.sensitive,
            },
        )
        shown = member_access.WITHHELD if version.sensitive else version.description
        rows.append({"entry": entry, "version": version, "description": shown, "form": form})
    context = {
        "person": person,
        "rows": rows,
        # Prefixed: the page holds several forms, and each field's id must be its own.
        "entry_form": entry_form or EntryForm(prefix="interest"),
        "gift_form": gift_form or GiftForm(prefix="gift"),
        "gifts": list(Gift.objects.filter(person=person)),
        "gifts_threshold": register.gifts_threshold(),
        "history": register.history(person, request.user, waiting=True),
    }
    return render(request, "members/my_register.html", context, status=status)


@login_required
@require_safe
def my_register(request):
    return _my_register_page(request, _own_person(request))


@require_POST
@login_required
def my_register_add(request):
    person = _own_person(request)
    form = EntryForm(request.POST, prefix="interest")
    if form.is_valid():
        try:
            register.submit_entry(person, request.user, **form.cleaned_data)
        except register.RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your interest is sent to the monitoring officer to check and publish."))
            return redirect("members:my_register")
    return _my_register_page(request, person, entry_form=form, status=400)


@require_POST
@login_required
def my_register_change(request, pk: int):
    person = _own_person(request)
    entry = get_object_or_404(RegisterEntry, pk=pk, person=person)
    form = ChangeForm(request.POST, prefix=f"e{entry.pk}")
    if form.is_valid():
        try:
            register.change_entry(entry, request.user, **form.cleaned_data)
        except register.RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your change is sent to the monitoring officer to check and publish."))
            return redirect("members:my_register")
    return _my_register_page(request, person, change_forms={entry.pk: form}, status=400)


@require_POST
@login_required
def my_gift_add(request):
    person = _own_person(request)
    form = GiftForm(request.POST, prefix="gift")
    if form.is_valid():
        try:
            register.register_gift(person, request.user, **form.cleaned_data)
        except register.RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The gift or hospitality is sent to the monitoring officer to publish."))
            return redirect("members:my_register")
    return _my_register_page(request, person, gift_form=form, status=400)


# The monitoring officer's team -------------------------------------------------------------------


def _require_monitoring_officer(request) -> None:
    if not member_access.is_monitoring_officer(request.user):
        raise PermissionDenied("For the monitoring officer's team.")


def _review_page(request, *, dispensation_form=None, status=200):
    waiting = register.waiting_versions()
    for version in waiting:
        first = version.entry.versions.order_by("submitted_at", "id").first()
        version.late_days = register.days_late(first.arose_on, first.submitted_at)
    context = {
        "waiting": waiting,
        "gifts": list(Gift.objects.filter(published_at__isnull=True).select_related("person")),
        "unexplained": register.unexplained_declarations(),
        "absences": six_month_rule.absences(),
        "dispensation_form": dispensation_form or DispensationForm(),
    }
    return render(request, "members/register_review.html", context, status=status)


@login_required
@require_safe
def register_review(request):
    _require_monitoring_officer(request)
    return _review_page(request)


@require_POST
@login_required
def register_publish(request, pk: int):
    _require_monitoring_officer(request)
    version = get_object_or_404(EntryVersion.objects.select_related("entry__person"), pk=pk)
    try:
        register.publish_version(version, request.user)
    except register.RegisterError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Published on %(name)s's register.") % {"name": version.entry.person.name})
    return redirect("members:register_review")


@require_POST
@login_required
def gift_publish(request, pk: int):
    _require_monitoring_officer(request)
    gift = get_object_or_404(Gift.objects.select_related("person"), pk=pk)
    try:
        register.publish_gift(gift, request.user)
    except register.RegisterError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Published on %(name)s's register of gifts and hospitality.") % {"name": gift.person.name}
        )
    return redirect("members:register_review")


@require_POST
@login_required
def dispensation_add(request):
    _require_monitoring_officer(request)
    form = DispensationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            register.grant_dispensation(data.pop("person"), request.user, **data)
        except register.RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Dispensation recorded."))
            return redirect("members:register_review")
    return _review_page(request, dispensation_form=form, status=400)
