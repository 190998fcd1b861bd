"""A report's route through meetings: the governance officers' page that sets it (committee/routes.py
keeps the rules; these views turn its refusals into messages next to the form)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from committee import access, routes
from committee.models import Consultation
from committee.routes import RouteError
from web.meeting_forms import RouteStepForm
from web.views import steps
from web.views.reports import get_report_for_user


def _report(request, pk: int):
    report = get_report_for_user(request, pk)
    if not access.can_manage_meetings(request.user):
        raise PermissionDenied("Only governance officers set a report's route.")
    return report


def _back(report):
    return redirect("reports:report_route", pk=report.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_route(request, pk: int):
    report = _report(request, pk)
    form = RouteStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            routes.add_step(report, request.user, **form.cleaned_data)
        except RouteError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("%(committee)s added to the route.") % {"committee": form.cleaned_data["committee"].name}
            )
            return _back(report)
    route = routes.outcomes([report.pk], public=False).get(report.pk, [])
    context = {
        "report": report,
        "route": route,
        "form": form,
        "change_forms": [
            (
                o,
                RouteStepForm(
                    prefix=f"step-{o.step.pk}",
                    changing=True,
                    current=o.step.meeting,
                    initial={"role": o.step.role, "meeting": o.step.meeting_id},
                ),
            )
            for o in route
        ],
    }
    return render(request, "reports/report_route.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def report_route_step(request, pk: int, step: int, action: str):
    report = _report(request, pk)
    consultation = get_object_or_404(Consultation, pk=step, report_id=report.pk)
    if action in ("up", "down"):
        return steps.attempt(
            request,
            lambda: routes.move_step(consultation, request.user, action),
            _("Step moved."),
            refused=RouteError,
            back=_back(report),
        )
    if action == "remove":
        return steps.attempt(
            request,
            lambda: routes.remove_step(consultation, request.user),
            _("Step removed."),
            refused=RouteError,
            back=_back(report),
        )
    if action == "save":
        form = RouteStepForm(
            request.POST, prefix=f"step-{consultation.pk}", changing=True, current=consultation.meeting
        )
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return _back(report)
        return steps.attempt(
            request,
            lambda: routes.change_step(
                consultation, request.user, role=form.cleaned_data["role"], meeting=form.cleaned_data["meeting"]
            ),
            "Step saved.",
            refused=RouteError,
            back=_back(report),
        )
    raise Http404("No such change to a step")
