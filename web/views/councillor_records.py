"""Councillors' records kept by the monitoring officer's team and governance officers: each councillor's
photo (with what it shows) and postal address, and the council's approvals of absence under the
six-month rule. Rules live in members/profiles.py and members/six_month_rule.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from committee.models import Person
from members import access as member_access
from members import profiles, six_month_rule
from web.register_forms import AbsenceApprovalForm, ProfileForm


def _require_records_keeper(request) -> None:
    if not member_access.can_keep_councillor_records(request.user):
        raise PermissionDenied("For the monitoring officer's team and governance officers.")


@login_required
@require_safe
def councillor_records(request):
    _require_records_keeper(request)
    people = list(member_access.public_people().select_related("ward", "profile").order_by("name", "id"))
    for person in people:
        profile = getattr(person, "profile", None)
        person.has_photo = bool(profile and profile.photo)
        person.photo_alt = profile.photo_alt if profile else ""
        person.postal_address = profile.postal_address if profile else ""
    return render(request, "members/councillor_records.html", {"people": people})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def councillor_profile_edit(request, pk: int):
    _require_records_keeper(request)
    person = get_object_or_404(member_access.public_people(), pk=pk)
    profile = profiles.profile_of(person)
    has_photo = bool(profile and profile.photo)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, has_photo=has_photo)
        if form.is_valid():
            profiles.save_profile(person, request.user, **form.cleaned_data)
            messages.success(request, _("%(name)s's page is updated.") % {"name": person.name})
            return redirect("members:councillor_profile_edit", person.pk)
        status = 400
    else:
        initial = {"photo_alt": profile.photo_alt, "postal_address": profile.postal_address} if profile else {}
        form, status = ProfileForm(initial=initial, has_photo=has_photo), 200
    context = {"person": person, "profile": profile, "form": form}
    return render(request, "members/councillor_profile_form.html", context, status=status)


def _absences_page(request, form=None, status=200):
    context = {
        "absences": six_month_rule.absences(),
        "approvals": list(six_month_rule.approvals()),
        "form": form or AbsenceApprovalForm(initial={"person": request.GET.get("person") or None}),
    }
    return render(request, "members/absences.html", context, status=status)


@login_required
@require_safe
def absences(request):
    _require_records_keeper(request)
    return _absences_page(request)


@require_POST
@login_required
def absence_approve(request):
    _require_records_keeper(request)
    form = AbsenceApprovalForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        person: Person = data.pop("person")
        try:
            six_month_rule.approve_absence(person, request.user, **data)
        except six_month_rule.AbsenceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The council's approval of %(name)s's absence is recorded.") % {"name": person.name}
            )
            return redirect("members:absences")
    return _absences_page(request, form, status=400)
