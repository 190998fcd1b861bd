"""The report's staff page and its clearance steps: each step its own POST, each asking
reports/workflow.py, which asks committee/access.py. Views never set a report's status."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from committee import access, routes
from core import editable_text
from publishing import publication
from reports import access as report_access
from reports import comments, completeness, decision_reports, kept_bodies, revisions, translation, workflow
from reports.forms import (
    CommentForm,
    CorrectionForm,
    LiftExemptionForm,
    RedactedAppendixForm,
    RedactedParagraphForm,
    SignOffForm,
    SubmitForm,
)
from reports.models import Appendix, Paragraph, Recommendation, Report, ReportRevision, SignOff
from reports.structure import exempt_parts, loaded_structure
from web.views import steps
from web.views.drafting import pdf_preview_url


def report_for_staff(request, pk: int) -> Report:
    """The people working on a report see its staff page; readers get 403, everyone else 404."""
    report = get_object_or_404(Report.objects.select_related("committee", "meeting", "author"), pk=pk)
    if not report_access.can_view_report(request.user, report):
        raise Http404("No report here")
    if not report_access.can_see_report_history(request.user, report):
        raise PermissionDenied("Clearance records are for the people working on the report.")
    return report


def _back(report: Report):
    return redirect("reports:report_manage", pk=report.pk)


def _refused(request, report: Report, error: workflow.WorkflowError):
    if isinstance(error, workflow.NotAllowed):
        raise error
    messages.error(request, str(error))
    return _back(report)


@require_safe
@login_required
def report_manage(request, pk: int):
    report = report_for_staff(request, pk)
    signoffs = list(report.signoffs.select_related("approver"))
    transitions = list(report.transitions.select_related("by").order_by("-at", "-id"))
    actions = workflow.available_actions(request.user, report, signoffs)
    my_signoffs = [
        s for s in signoffs if s.decision == SignOff.Decision.PENDING and report_access.can_sign_off(request.user, s)
    ]
    open_comments = report.comments.filter(parent=None, resolved_at=None).count()
    last_request = next(
        (t for t in transitions if t.from_status == Report.Status.SUBMITTED and t.to_status == Report.Status.DRAFT),
        None,
    )
    context = {
        "report": report,
        "signoffs": signoffs,
        "transitions": transitions,
        "actions": actions,
        "sign_off_forms": [
            (s, SignOffForm(initial={"role": s.role}, open_comments=open_comments)) for s in my_signoffs
        ],
        "open_comments": open_comments,
        "changes_requested": last_request if report.status == Report.Status.DRAFT else None,
        "may_edit": report_access.can_edit_report(request.user, report)
        or report_access.can_correct_published_report(request.user, report),
        # Approvers open the report as a document to comment where the text is (reports/access.py).
        "may_comment_in_place": report_access.can_open_in_editor(request.user, report),
        "deadline": report.meeting.report_deadline() if report.meeting_id else None,
        "published_revisions": revisions.published_revisions(report),
        "revision_count": report.revisions.count(),
        "pdf_url": pdf_preview_url(report),
        "comment_form": CommentForm(),
        "route": routes.steps_of(report),
        "may_set_route": access.can_manage_meetings(request.user),
        "welsh_outstanding": bool(translation.outstanding(report)),
    }
    return render(request, "reports/report_manage.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_submit(request, pk: int):
    report = report_for_staff(request, pk)
    if not report_access.can_edit_report(request.user, report):
        raise PermissionDenied("Only the report's authors can submit it.")
    form = SubmitForm(request.POST or None, report=report, approvers_for_role=workflow.approvers_for_role)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.submit(report, request.user, approvers=form.approvers(), comment=form.cleaned_data["comment"])
        except workflow.WorkflowError as error:
            return _refused(request, report, error)
        messages.success(request, _("The report is submitted for clearance. The approvers have been e-mailed."))
        return _back(report)
    status = 400 if request.method == "POST" else 200
    context = {"report": report, "form": form, "unwritten": completeness.unwritten_required_sections(report)}
    return render(request, "reports/report_submit.html", context, status=status)


@require_POST
@login_required
def report_sign_off(request, pk: int):
    report = report_for_staff(request, pk)
    open_threads = [t for t in comments.threads(report, loaded_structure(report)) if t.is_open]
    form = SignOffForm(request.POST, open_comments=len(open_threads))
    if not form.is_valid():
        signoff = report.signoffs.filter(role=request.POST.get("role")).first()
        if signoff is None or not report_access.can_sign_off(request.user, signoff):
            raise PermissionDenied("This sign-off is not assigned to you.")
        context = {"report": report, "signoff": signoff, "form": form}
        return render(request, "reports/report_sign_off.html", context, status=400)
    approve = form.cleaned_data["decision"] == "approve"
    comment = form.cleaned_data["comment"].strip()
    if not approve:  # a request for changes lists the open comments on the text
        comment = "\n\n".join(part for part in (comment, comments.request_summary(open_threads)) if part)
    try:
        workflow.sign_off(report, request.user, form.cleaned_data["role"], approve, comment)
    except workflow.WorkflowError as error:
        return _refused(request, report, error)
    if approve:
        messages.success(request, _("Thank you: your sign-off is recorded."))
    else:
        messages.success(request, _("The report is back with its author, with your comment."))
    return _back(report)


def _simple_step(request, pk: int, step, success: str):
    report = report_for_staff(request, pk)
    form = CommentForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    # NotAllowed is not among the refusals shown as a message: it goes on up as a 403.
    return steps.attempt(
        request,
        lambda: step(report, request.user, comment),
        success,
        refused=workflow.InvalidTransition,
        back=_back(report),
    )


@require_POST
@login_required
def report_approve(request, pk: int):
    return _simple_step(request, pk, workflow.approve_for_publication, "The report is approved for publication.")


@require_POST
@login_required
def report_publish(request, pk: int):
    published = "The report is published."
    if decision_reports.is_decision_record(report_for_staff(request, pk)):
        published = "The decision is published with its notice: it is on the council's decisions page."
    return _simple_step(request, pk, lambda report, user, _comment: publication.publish_report(report, user), published)


@require_POST
@login_required
def report_withdraw(request, pk: int):
    return _simple_step(request, pk, workflow.withdraw, "The report is withdrawn.")


@require_POST
@login_required
def report_return_to_draft(request, pk: int):
    report = report_for_staff(request, pk)
    form = CommentForm(request.POST)
    form.is_valid()
    try:
        workflow.return_to_draft(report, request.user, form.cleaned_data.get("comment", ""))
    except workflow.WorkflowError as error:
        return _refused(request, report, error)
    messages.success(
        request, _("The report is back in draft and its sign-offs are cleared. Submit it again when ready.")
    )
    if request.POST.get("next") == "edit":
        return redirect("reports:report_edit", pk=report.pk)
    return _back(report)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_correct(request, pk: int):
    report = report_for_staff(request, pk)
    if not report_access.can_correct_published_report(request.user, report):
        raise PermissionDenied("Only a governance officer can correct a published report.")
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            publication.publish_correction(report, request.user, form.cleaned_data["note"])
        except workflow.WorkflowError as error:
            return _refused(request, report, error)
        messages.success(request, _("The correction is published. The earlier version stays readable."))
        return _back(report)
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/report_correct.html", {"report": report, "form": form}, status=status)


# Lifting an exemption --------------------------------------------------------------

EXEMPT_KINDS = {"appendix": Appendix, "recommendation": Recommendation, "paragraph": Paragraph}


def _report_for_lifting(request, pk: int) -> Report:
    report = report_for_staff(request, pk)
    if not report_access.can_correct_published_report(request.user, report):
        raise PermissionDenied("Only a governance officer can lift an exemption of a published report.")
    return report


@require_safe
@login_required
def report_exemptions(request, pk: int):
    """The exempt parts of a published report, each with the way to lift its exemption."""
    report = _report_for_lifting(request, pk)
    parts = exempt_parts(loaded_structure(report))
    return render(request, "reports/report_exemptions.html", {"report": report, "parts": parts})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def exemption_lift(request, pk: int, kind: str, item: int):
    """Confirm, with a reason, that one exempt part is exempt no longer: it is published at once as a
    correction (publishing/publication.py lift_exemption); earlier versions keep it exempt."""
    report = _report_for_lifting(request, pk)
    if kind not in EXEMPT_KINDS:
        raise Http404("No such part")
    part = next((p for p in exempt_parts(loaded_structure(report)) if p.kind == kind and p.pk == item), None)
    if part is None:
        raise Http404("No exempt part here")
    form = LiftExemptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = EXEMPT_KINDS[kind].objects.get(pk=item)
        note = f"{part.name}: no longer exempt (was paragraph {part.paragraph} of Schedule 12A). "
        try:
            publication.lift_exemption(report, request.user, row, note + form.cleaned_data["reason"].strip())
        except workflow.WorkflowError as error:
            return _refused(request, report, error)
        messages.success(
            request, _("%(part)s is published. The earlier versions keep it exempt.") % {"part": part.name}
        )
        return _back(report)
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/exemption_lift.html", {"report": report, "part": part, "form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def appendix_redact(request, pk: int, item: int):
    """Publish a redacted version of one exempt appendix in its place, for the public; members keep
    the whole appendix (publishing/publication.py publish_redacted_appendix)."""
    report = _report_for_lifting(request, pk)
    part = next((p for p in exempt_parts(loaded_structure(report)) if p.kind == "appendix" and p.pk == item), None)
    if part is None:
        raise Http404("No exempt appendix here")
    form = RedactedAppendixForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        appendix = Appendix.objects.get(pk=item)
        note = f"{part.name}: a redacted version is published in its place. {form.cleaned_data['reason'].strip()}"
        try:
            publication.publish_redacted_appendix(
                report, request.user, appendix, form.cleaned_data["file"], form.checked, note
            )
        except workflow.WorkflowError as error:
            return _refused(request, report, error)
        messages.success(
            request,
            _("The redacted version of %(part)s is published. Members keep the whole appendix.") % {"part": part.name},
        )
        return _back(report)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "reports/appendix_redact.html", {"report": report, "part": part, "form": form}, status=status
    )


REDACTABLE_TEXT = {"paragraph": Paragraph, "recommendation": Recommendation}


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def text_redact(request, pk: int, kind: str, item: int):
    """Publish a redacted version of one exempt paragraph or recommendation in its place, for the
    public; members keep it whole (publishing/publication.py publish_redacted_text)."""
    report = _report_for_lifting(request, pk)
    part = next((p for p in exempt_parts(loaded_structure(report)) if p.kind == kind and p.pk == item), None)
    if part is None:
        raise Http404(f"No exempt {kind} here")
    row = REDACTABLE_TEXT[kind].objects.get(pk=item)
    form = RedactedParagraphForm(request.POST or None, initial={"text": editable_text.to_text(row.text)})
    if request.method == "POST" and form.is_valid():
        note = f"{part.name}: a redacted version is published in its place. {form.cleaned_data['reason'].strip()}"
        try:
            publication.publish_redacted_text(report, request.user, row, form.cleaned_data["text"], note)
        except workflow.WorkflowError as error:
            return _refused(request, report, error)
        messages.success(
            request, _("The redacted version of %(part)s is published. Members keep it whole.") % {"part": part.name}
        )
        return _back(report)
    status = 400 if request.method == "POST" else 200
    context = {"report": report, "part": part, "form": form}
    return render(request, "reports/paragraph_redact.html", context, status=status)


# Revisions -----------------------------------------------------------------------


@require_safe
@login_required
def revision_list(request, pk: int):
    report = report_for_staff(request, pk)
    items = list(report.revisions.select_related("created_by").order_by("-number").defer("content"))
    return render(request, "reports/revision_list.html", {"report": report, "revisions": items})


@require_safe
def revision_detail(request, pk: int, number: int):
    """A published revision stays readable at its own address by whoever may read the report, except
    one published while the report was exempt (Part 2 readers only, for ever); a working revision only
    by the people working on it (committee/access.py can_read_revision)."""
    report = get_object_or_404(Report.objects.select_related("committee"), pk=pk)
    revision = get_object_or_404(ReportRevision, report=report, number=number)
    if not report_access.can_read_revision(request.user, report, revision):
        raise Http404("No revision here")
    later = (
        report_access.revisions_visible_to(request.user, report)
        .filter(is_published=True, number__gt=revision.number)
        .defer("content")
        .order_by("number")
        .first()
        if revision.is_published
        else None
    )
    context = {
        "report": report,
        "revision": revision,
        # The revision's own title: the live row may hold a correction nobody has published.
        "title": revision.content["title"],
        "later": later,
        "is_staff_view": report_access.can_see_report_history(request.user, report),
    }
    if revision.is_published:  # frozen: from the shared cache when anybody may read it (reports/kept_bodies.py)
        entitled = report_access.can_read_exempt_parts(request.user, report)
        context["body"] = kept_bodies.published_body(request, report, revision, entitled=entitled)
    else:
        context["doc"] = revisions.structure_from_snapshot(revision.content)
    return render(request, "reports/revision_detail.html", context)


@require_safe
@login_required
def revision_compare(request, pk: int):
    report = report_for_staff(request, pk)
    numbers = list(report.revisions.order_by("number").values_list("number", flat=True))
    if len(numbers) < 2:
        messages.info(request, _("There is only one revision so far: nothing to compare."))
        return redirect("reports:revision_list", pk=report.pk)
    try:
        new_number = int(request.GET.get("b", numbers[-1]))
        old_number = int(request.GET.get("a", numbers[numbers.index(new_number) - 1] if new_number in numbers else 0))
    except ValueError:
        raise Http404("No such revisions") from None
    old = get_object_or_404(ReportRevision, report=report, number=old_number)
    new = get_object_or_404(ReportRevision, report=report, number=new_number)
    parts = revisions.compare(old.content, new.content)
    context = {"report": report, "old": old, "new": new, "parts": parts, "numbers": numbers}
    return render(request, "reports/revision_compare.html", context)
