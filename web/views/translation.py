"""The report's Welsh beside its English, block by block (reports/translation.py): a plain form,
so it works without JavaScript. The translator, the authors of a draft and the governance team write
here; everyone else working on the report reads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reports import editing, translation
from web.views.clearance import report_for_staff


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_welsh(request, pk: int):
    report = report_for_staff(request, pk)
    may_translate = translation.may_translate(request.user, report)
    parts = translation.parts(report)
    status = 200
    if request.method == "POST":
        if not may_translate:
            raise PermissionDenied("You may read this report's Welsh but not change it.")
        typed = {b.key: request.POST[b.key] for part in parts for b in part.blocks if b.key in request.POST}
        confirmed = set(request.POST.getlist("confirm"))
        version = request.POST.get("version", "")
        try:
            translation.save_welsh(report, request.user, int(version) if version.isdigit() else 0, typed, confirmed)
        except editing.EditError as error:
            messages.error(request, str(error))
            status = 409 if isinstance(error, editing.EditConflict) else 400
            report.refresh_from_db()
            parts = translation.parts(report)
            for part in parts:  # what was typed stays in the form
                for block in part.blocks:
                    block.typed = typed.get(block.key)
        else:
            messages.success(request, _("The Welsh is saved."))
            return redirect("reports:report_welsh", pk=report.pk)
    context = {
        "report": report,
        "parts": parts,
        "may_translate": may_translate,
        "outstanding": translation.outstanding(report, parts),
        "required": translation.required_scope(report),
    }
    return render(request, "reports/report_welsh.html", context, status=status)
