"""Drafting a report in the browser, with plain forms: every change is its own POST that
redirects back to the place on the page it came from. Rules live in reports/editing.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from committee import access
from committee.models import WorkProgrammeItem
from core import bad_requests
from publishing import publication
from reports import access as report_access
from reports import comments, editing, pasting, revisions, welsh_edition
from reports.forms import (
    TEXT_HELP,
    AppendixForm,
    BackgroundPaperForm,
    FromWorkProgrammeForm,
    NewReportForm,
    ParagraphForm,
    RecommendationForm,
    SectionForm,
    SummaryForm,
    TitleBlockForm,
)
from reports.models import Appendix, BackgroundPaper, Paragraph, Recommendation, Report, Section
from reports.structure import prefetch_report, report_structure
from reports.templates_setup import start_report_from_template
from reports.workflow import IN_CLEARANCE


def report_for_editing(request, pk: int, *, to_comment: bool = False) -> Report:
    """404 for people who may not know the report exists; 403 for those who may only read it.
    ``to_comment``: the editor page itself, which its approvers also open, read-only, to comment
    where the text is (reports/access.py `can_open_in_editor`)."""
    report = get_object_or_404(Report.objects.select_related("committee", "meeting"), pk=pk)
    if not report_access.can_view_report(request.user, report):
        raise Http404("No report here")
    if to_comment:
        allowed = report_access.can_open_in_editor(request.user, report)
    else:
        allowed = report_access.can_edit_report(request.user, report) or report_access.can_correct_published_report(
            request.user, report
        )
    if not allowed:
        raise PermissionDenied("You may read this report but not change it.")
    return report


def editor_url(report: Report, anchor: str = "", **query) -> str:
    url = reverse("reports:report_edit", args=[report.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url + (f"#{anchor}" if anchor else "")


def pdf_preview_url(report: Report) -> str | None:
    """The rendering work adds reports:report_pdf; link to it once it is there."""
    try:
        return reverse("reports:report_pdf", args=[report.pk])
    except NoReverseMatch:
        return None


# Starting a report -------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_new(request):
    if not access.is_author(request.user):
        raise PermissionDenied("Only report authors can start a report.")
    blank_form = NewReportForm(request.POST if "start" in request.POST else None)
    # ?item=<pk>: the work programme item page's "Start the report" link chooses the item.
    item_form = FromWorkProgrammeForm(
        request.POST if "from_item" in request.POST else None, initial={"item": request.GET.get("item")}
    )
    if request.method == "POST":
        if "from_item" in request.POST and item_form.is_valid():
            item = item_form.cleaned_data["item"]
            report = _start_from_item(item_form.cleaned_data["template"], item, request.user)
            return _started(request, report)
        if "start" in request.POST and blank_form.is_valid():
            data = blank_form.cleaned_data
            with transaction.atomic():
                report = start_report_from_template(
                    data["template"],
                    committee=data["committee"],
                    meeting=data["meeting"],
                    title=data["title"].strip(),
                    report_of=data["report_of"].strip(),
                    author=request.user,
                )
                revisions.record(report, request.user)
            return _started(request, report)
    return render(request, "reports/report_new.html", {"blank_form": blank_form, "item_form": item_form})


def _start_from_item(template, item: WorkProgrammeItem, user) -> Report:
    with transaction.atomic():
        item = WorkProgrammeItem.objects.select_for_update().get(pk=item.pk)
        earlier = Report.objects.filter(work_programme_item=item).first()
        if earlier is not None and earlier.status != Report.Status.WITHDRAWN:
            raise PermissionDenied("A report has already been started for that item.")
        if earlier is not None:
            # The withdrawn report lets go of the item (an item has one report); its own history
            # still says what it was, and the new report takes the item's place in the programme.
            earlier.work_programme_item = None
            earlier.save(update_fields=["work_programme_item"])
        report = start_report_from_template(
            template,
            committee=item.committee,
            meeting=item.target_meeting,
            work_programme_item=item,
            title=item.title,
            report_of=item.report_of or "",
            key_decision=item.key_decision,
            is_exempt=item.is_exempt,
            exempt_paragraph=item.exempt_paragraph,
            author=user,
        )
        # The item's status now follows the report (work_programme/programme.py): nothing to store.
        revisions.record(report, user)
    return report


def _started(request, report: Report):
    messages.success(request, _("Your draft is ready. Each section shows the template's guidance."))
    return redirect("reports:report_edit", pk=report.pk)


# The editing page --------------------------------------------------------------


def _editor_context(request, report: Report) -> dict:
    loaded = prefetch_report(Report.objects.filter(pk=report.pk)).get()
    doc = report_structure(loaded)
    recommendations = sorted(loaded.recommendations.all(), key=lambda r: (r.position, r.id))
    # Approvers' comments are marked beside the parts they are on (reports/comments.py); internal.
    counts = comments.counts(loaded) if report_access.can_see_report_history(request.user, loaded) else {}
    return {
        "report": loaded,
        "doc": doc,
        "recommendations": list(enumerate(recommendations, start=1)),
        "version": loaded.version,
        "editable": editing.may_edit_content(request.user, loaded),
        "in_clearance": loaded.status in IN_CLEARANCE,
        "may_return_to_draft": report_access.can_withdraw_report(request.user, loaded),
        # An approver reads the report here to comment on it; they never change its text.
        "commenting_only": not (
            report_access.can_edit_report(request.user, loaded)
            or report_access.can_correct_published_report(request.user, loaded)
        ),
        "is_correction": loaded.status == Report.Status.PUBLISHED,
        "open": request.GET.get("edit", ""),
        "adding": request.GET.get("add", ""),
        "pdf_url": pdf_preview_url(loaded),
        "form_version": loaded.version,
        "text_help": TEXT_HELP,
        "max_upload": settings.MAX_UPLOAD_BYTES,
        "comment_counts": counts,
        # Who may start a thread: the editor offers "Comment" beside each part without one.
        "may_comment": report_access.can_comment_on_report(request.user, loaded),
        "title_rows": [
            (row, f"row-{index}", counts.get(f"row-{row.label}")) for index, row in enumerate(doc.title_rows, start=1)
        ],
    }


def render_editor(request, report: Report, *, open_key="", form=None, conflict=None, status=200, anchor=""):
    context = _editor_context(request, report)
    if open_key:
        context["open"] = open_key
        context["adding"] = open_key
    context["form"] = form
    context["conflict"] = conflict
    context["form_anchor"] = anchor or open_key
    if conflict is not None:
        context["conflict_changes"] = conflict.changes()
    elif form is not None and form.is_bound:
        # A refused form goes back with the version it was loaded at, so a save by someone
        # else in the meantime is still caught when it is sent again.
        context["form_version"] = form.data.get("version", context["form_version"])
    return render(request, "reports/report_edit.html", context, status=status)


@require_safe
@login_required
def report_edit(request, pk: int):
    report = report_for_editing(request, pk, to_comment=True)
    return render_editor(request, report)


def _apply(request, report: Report, form, open_key: str, anchor: str, change, success: str = ""):
    """Save one change: the form's errors, a conflict or a refusal re-show the page with what was typed."""
    if form is not None and not form.is_valid():
        return render_editor(request, report, open_key=open_key, form=form, status=400, anchor=anchor)
    version = form.cleaned_data["version"] if form is not None else request.POST.get("version")
    try:
        version = int(version)
    except (TypeError, ValueError):
        version = None
    try:
        with publication.editing_report(report, request.user, version) as locked:
            result = change(locked)
    except editing.EditConflict as conflict:
        return render_editor(
            request, report, open_key=open_key, form=form, conflict=conflict, status=409, anchor=anchor
        )
    except editing.EditError as error:
        if form is not None and not isinstance(error, editing.NotEditable):
            form.add_error(None, str(error))
            return render_editor(request, report, open_key=open_key, form=form, status=400, anchor=anchor)
        messages.error(request, str(error))
        return back_to_editor(request, report, anchor)
    if success:
        messages.success(request, success)
    if isinstance(result, str):
        anchor = result
    return back_to_editor(request, report, anchor)


def back_to_editor(request, report: Report, anchor: str):
    """A plain form is redirected to the editor at the changed item. The editor's script (which asks
    with X-In-Place) is told where instead, because a followed redirect hides the #anchor from it."""
    url = editor_url(report, anchor)
    if request.headers.get("X-In-Place") == "1":
        return JsonResponse({"location": url})
    return HttpResponseRedirect(url)


# Title block and summary -------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_details(request, pk: int):
    report = report_for_editing(request, pk)
    if request.method != "POST":
        form = TitleBlockForm(instance=report, initial={"version": report.version})
        return render(request, "reports/report_details.html", {"report": report, "form": form})
    form = TitleBlockForm(request.POST, instance=Report.objects.get(pk=report.pk))
    if not form.is_valid():
        return render(request, "reports/report_details.html", {"report": report, "form": form}, status=400)
    try:
        with publication.editing_report(report, request.user, form.cleaned_data["version"]) as locked:
            data = form.cleaned_data
            for name in form.Meta.fields:
                if name not in {"wards", "contact_officers"}:
                    setattr(locked, name, data[name])
            locked.extra_title_rows = data["extra_title_rows"]
            locked.save()
            locked.wards.set(data["wards"])
            locked.contact_officers.set(data["contact_officers"])
    except editing.EditConflict as conflict:
        context = {"report": report, "form": form, "conflict": conflict, "conflict_changes": conflict.changes()}
        return render(request, "reports/report_details.html", context, status=409)
    except editing.NotEditable as error:
        messages.error(request, str(error))
        return redirect("reports:report_edit", pk=report.pk)
    messages.success(request, _("The report's details are saved."))
    return HttpResponseRedirect(editor_url(report, "title-block"))


@require_POST
@login_required
def summary_save(request, pk: int):
    report = report_for_editing(request, pk)
    form = SummaryForm(request.POST)

    def change(locked):
        locked.summary = form.cleaned_data["summary"]
        locked.save(update_fields=["summary"])

    return _apply(request, report, form, "summary", "summary", change)


# Recommendations ----------------------------------------------------------------


@require_POST
@login_required
def recommendation_add(request, pk: int):
    report = report_for_editing(request, pk)
    form = RecommendationForm(request.POST)

    def change(locked):
        created = editing.add_recommendation(
            locked, form.cleaned_data["text"], exempt_paragraph=form.cleaned_data["exempt_paragraph"]
        )
        return f"recommendation-{created.pk}"

    return _apply(request, report, form, "recommendation-new", "recommendations", change)


def _change_in_order(request, report, item, siblings, action: str, *, form, save, delete, deleted: str):
    """Save, move or delete one of a report's items kept in order (a recommendation, a section): the
    same four actions, each its own versioned change."""
    anchor = f"{type(item).__name__.lower()}-{item.pk}"
    if action == "save":
        return _apply(request, report, form, anchor, anchor, lambda locked: save(form.cleaned_data))
    actions = {
        "up": lambda locked: editing.move(item, siblings, -1),
        "down": lambda locked: editing.move(item, siblings, +1),
        "delete": lambda locked: delete(),
    }
    if action not in actions:
        raise Http404("No such action")
    return _apply(request, report, None, anchor, anchor, actions[action], deleted if action == "delete" else "")


@require_POST
@login_required
def recommendation_change(request, pk: int, item: int, action: str):
    report = report_for_editing(request, pk)
    recommendation = get_object_or_404(Recommendation, pk=item, report=report)
    siblings = Recommendation.objects.filter(report=report)

    def save(data):
        recommendation.text = data["text"]
        recommendation.exempt_paragraph = data["exempt_paragraph"]
        recommendation.save(update_fields=["text", "exempt_paragraph"])

    return _change_in_order(
        request,
        report,
        recommendation,
        siblings,
        action,
        form=RecommendationForm(request.POST),
        save=save,
        delete=lambda: editing.delete_in_order(recommendation, siblings) or "recommendations",
        deleted="Recommendation deleted.",
    )


# Sections ----------------------------------------------------------------------


@require_POST
@login_required
def section_add(request, pk: int):
    report = report_for_editing(request, pk)
    form = SectionForm(request.POST)

    def change(locked):
        return f"section-{editing.add_section(locked, form.cleaned_data['heading']).pk}"

    return _apply(request, report, form, "section-new", "sections", change)


@require_POST
@login_required
def section_change(request, pk: int, item: int, action: str):
    report = report_for_editing(request, pk)
    section = get_object_or_404(Section, pk=item, report=report)

    def save(data):
        section.heading = data["heading"].strip()
        section.save(update_fields=["heading"])

    return _change_in_order(
        request,
        report,
        section,
        Section.objects.filter(report=report),
        action,
        form=SectionForm(request.POST),
        save=save,
        delete=lambda: editing.delete_section(section) or "sections",
        deleted=f"Section “{section.heading}” deleted.",
    )


# Paragraphs --------------------------------------------------------------------


@require_POST
@login_required
def paragraph_add(request, pk: int, section: int):
    report = report_for_editing(request, pk)
    section_obj = get_object_or_404(Section, pk=section, report=report)
    parent = None
    parent_pk = bad_requests.integer(request.POST, "parent")
    if parent_pk is not None:
        parent = get_object_or_404(Paragraph, pk=parent_pk, section=section_obj)
    form = ParagraphForm(request.POST)
    open_key = f"under-{parent.pk}" if parent else f"section-{section_obj.pk}"

    def change(locked):
        heading, text = form.cleaned_data["heading"], form.cleaned_data["text"]
        exempt = form.cleaned_data["exempt_paragraph"]
        if parent is None:
            created = editing.add_paragraph(section_obj, heading, text, exempt_paragraph=exempt)
        else:
            created = editing.insert_at_end(
                Paragraph,
                Paragraph.objects.filter(parent=parent),
                section=section_obj,
                parent=parent,
                heading=heading,
                text=text,
                exempt_paragraph=exempt,
            )
        return f"paragraph-{created.pk}"

    return _apply(request, report, form, open_key, f"add-{open_key}", change)


@require_POST
@login_required
def paragraph_change(request, pk: int, item: int, action: str):
    report = report_for_editing(request, pk)
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("section", "parent"), pk=item, section__report=report
    )
    anchor = f"paragraph-{paragraph.pk}"
    if action == "save":
        form = ParagraphForm(request.POST)

        def change(locked):
            paragraph.heading = form.cleaned_data["heading"]
            paragraph.text = form.cleaned_data["text"]
            paragraph.exempt_paragraph = form.cleaned_data["exempt_paragraph"]
            if "signed_off_by" in request.POST:  # only the implications' issues ask for it
                paragraph.signed_off_by = form.cleaned_data["signed_off_by"].strip()
            paragraph.save(update_fields=["heading", "text", "exempt_paragraph", "signed_off_by"])

        return _apply(request, report, form, anchor, anchor, change)
    siblings = editing.paragraph_siblings(paragraph)
    section_anchor = f"section-{paragraph.section_id}"
    actions = {
        "up": lambda locked: editing.move(paragraph, siblings, -1),
        "down": lambda locked: editing.move(paragraph, siblings, +1),
        "indent": lambda locked: editing.indent(paragraph),
        "outdent": lambda locked: editing.outdent(paragraph),
        "delete": lambda locked: editing.delete_paragraph(paragraph) or section_anchor,
    }
    if action not in actions:
        raise Http404("No such action")
    done = "Paragraph deleted. An earlier revision still holds its text." if action == "delete" else ""
    return _apply(request, report, None, anchor, anchor, actions[action], done)


# Background papers and appendices ---------------------------------------------------


@require_POST
@login_required
def paper_add(request, pk: int):
    report = report_for_editing(request, pk)
    form = BackgroundPaperForm(request.POST, request.FILES)

    def change(locked):
        data = form.cleaned_data
        paper = editing.add_background_paper(
            locked, title=data["title"].strip(), url=data["url"], date=data["date"], file=data["file"] or ""
        )
        return f"paper-{paper.pk}"

    return _apply(request, report, form, "paper-new", "papers", change)


@require_POST
@login_required
def appendix_add(request, pk: int):
    report = report_for_editing(request, pk)
    form = AppendixForm(request.POST, request.FILES)

    def change(locked):
        data, checked = form.cleaned_data, form.checked
        appendix = editing.add_appendix(
            locked,
            title=data["title"].strip(),
            content_type=checked.content_type,
            size=checked.size,
            sha512=checked.sha512,
            file=data["file"],
            exempt_paragraph=data["exempt_paragraph"],
            public_interest_reason=data["public_interest_reason"],
            own_label=data["own_label"].strip(),
        )
        return f"appendix-{appendix.pk}"

    return _apply(request, report, form, "appendix-new", "appendices", change)


def _ordered_item_change(request, pk: int, item: int, action: str, model, kind: str, list_anchor: str):
    report = report_for_editing(request, pk)
    obj = get_object_or_404(model, pk=item, report=report)
    siblings = model.objects.filter(report=report)
    anchor = f"{kind}-{obj.pk}"

    def delete(locked):
        stored = obj.file.name if obj.file else ""
        editing.delete_in_order(obj, siblings)
        # The file goes once the deletion is committed; a revision keeps only its name and fingerprint.
        if stored:
            storage = obj.file.storage
            transaction.on_commit(lambda: storage.delete(stored))
        return list_anchor

    actions = {
        "up": lambda locked: editing.move(obj, siblings, -1),
        "down": lambda locked: editing.move(obj, siblings, +1),
        "delete": delete,
    }
    if action not in actions:
        raise Http404("No such action")
    return _apply(request, report, None, anchor, anchor, actions[action], "Deleted." if action == "delete" else "")


@require_POST
@login_required
def paper_change(request, pk: int, item: int, action: str):
    return _ordered_item_change(request, pk, item, action, BackgroundPaper, "paper", "papers")


@require_POST
@login_required
def appendix_change(request, pk: int, item: int, action: str):
    return _ordered_item_change(request, pk, item, action, Appendix, "appendix", "appendices")


# Preview and paste -----------------------------------------------------------------


@require_safe
@login_required
def report_preview(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    if not report_access.can_view_report(request.user, report):
        raise Http404("No report here")
    if not report_access.can_see_report_history(request.user, report):
        raise PermissionDenied("The preview is for the people working on the report.")
    loaded = prefetch_report(Report.objects.filter(pk=pk)).get()
    context = {
        "report": loaded,
        "doc": welsh_edition.for_reader(report_structure(loaded)),
        "pdf_url": pdf_preview_url(loaded),
    }
    return render(request, "reports/report_preview.html", context)


@require_POST
@login_required
def clean_paste(request):
    """The small script sends pasted HTML here and puts back the text box's text for what will be
    stored: plain text with simple marks, never HTML (core/editable_text.py)."""
    if not access.is_staff_user(request.user):
        raise PermissionDenied
    return JsonResponse({"text": pasting.to_editable_text(request.POST.get("html", ""))})


# Uploaded files: served through the same check as the report they belong to ----------


def _serve(request, pk: int, model, item: int):
    report = get_object_or_404(Report, pk=pk)
    obj = get_object_or_404(model, pk=item, report=report)
    # One rule for every route to a report's files (committee/access.py), asked alone here, so the
    # rule itself decides: 404 whether the report or only this file is out of reach.
    if not obj.file or not report_access.can_open_report_file(request.user, report, obj):
        raise Http404("No file here")
    return _file(obj.file, getattr(obj, "content_type", ""))


def _file(field_file, content_type: str):
    name = field_file.name.rsplit("/", 1)[-1]
    inline = name.lower().endswith(".pdf")
    content_type = content_type or ("application/pdf" if inline else "application/octet-stream")
    # Word and Excel files download; a PDF opens in the browser. Never sniffed as anything else.
    return FileResponse(field_file.open("rb"), as_attachment=not inline, filename=name, content_type=content_type)


@require_safe
def appendix_file(request, pk: int, item: int):
    return _serve(request, pk, Appendix, item)


@require_safe
def appendix_redacted_file(request, pk: int, item: int):
    """An exempt appendix's redacted version, published in its place (reports/exemption.py)."""
    report = get_object_or_404(Report, pk=pk)
    appendix = get_object_or_404(Appendix, pk=item, report=report)
    if not report_access.can_open_redacted_appendix(request.user, report, appendix):
        raise Http404("No file here")
    return _file(appendix.redacted_file, appendix.redacted_content_type)


@require_safe
def paper_file(request, pk: int, item: int):
    return _serve(request, pk, BackgroundPaper, item)
