from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from committee import access
from reports import access as report_access
from reports import revisions
from reports.dashboard import dashboard_for
from reports.models import Report
from reports.published import with_exempt_flag
from reports.structure import prefetch_report, report_structure
from web import fragments


def get_report_for_user(request, pk: int, write: bool = False) -> Report:
    """404 for people who may not know the report exists; 403 for read-only people asking to write."""
    # Whether it was last published exempt comes with it: the access check needs it for a published report.
    report = get_object_or_404(with_exempt_flag(Report.objects.select_related("committee", "meeting__venue")), pk=pk)
    if not report_access.can_view_report(request.user, report):
        raise Http404("No report here")
    if write and not report_access.can_edit_report(request.user, report):
        raise PermissionDenied("You may read this report but not change it.")
    return report


@require_safe
@login_required
def dashboard(request):
    if not access.is_staff_user(request.user):
        raise PermissionDenied

    board = dashboard_for(request.user)
    context = {**board.__dict__, "may_start": access.is_author(request.user)}
    return render(request, "reports/dashboard.html", context)


@require_safe
def report_detail(request, pk: int):
    report = get_report_for_user(request, pk)
    # A published report shows its latest published revision: a correction being drafted
    # stays out of sight until it is published with its "Revised on" note.
    latest = revisions.latest_published_revision(report) if report.status == Report.Status.PUBLISHED else None
    if latest is not None:
        # Frozen: rendered once and kept in the shared cache when anybody may read it (web/fragments.py).
        entitled = report_access.can_read_exempt_parts(request.user, report)
        body = fragments.published_body(request, report, latest, entitled=entitled)
        context = {"body": body, "title": latest.content["title"]}
        # Only the earlier versions this visitor may read: one published while the report was exempt
        # stays with those entitled to Part 2, even once a correction has made the report public.
        earlier = report_access.revisions_visible_to(request.user, report).filter(
            is_published=True, number__lt=latest.number
        )
        context["earlier_revisions"] = list(earlier.defer("content").order_by("number"))
    else:
        if report_access.can_read_exempt_parts(request.user, report):
            doc = report_structure(prefetch_report().get(pk=report.pk))  # a constant number of queries
        else:  # published before revisions were kept: the public edition of it as it stands
            doc = revisions.readable_structure(report, None, entitled=False)
        context = {"doc": doc, "title": doc.report.title}
    context.update(report=report, latest_revision=latest)
    return render(request, "reports/report_detail.html", context)
