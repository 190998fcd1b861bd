"""Forward work programmes and the Forward Plan: keeping them (governance officers and
administrators) and publishing them (everyone). The rules live in work_programme/programme.py,
work_programme/forward_plan.py and work_programme/spreadsheet.py; who may do what in committee/access.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from committee import access
from committee.models import Committee, WorkProgrammeChange, WorkProgrammeItem
from core import schedule_12a
from core.paths import path_to
from documents.pdf import html_to_pdf
from web.feeds import XmlSafeAtom1Feed
from work_programme import forward_plan
from work_programme import programme as work_programme
from work_programme.forms import (
    ImportForm,
    MoveForm,
    RouteForm,
    TableFormSet,
    TableReasonForm,
    WorkProgrammeItemForm,
    meeting_choices,
)
from work_programme.programme import BY_MEETING, ProgrammeError
from work_programme.spreadsheet import export_csv, import_csv

# Helpers ---------------------------------------------------------------------


def _require_manager(request) -> None:
    if not access.can_manage_work_programme(request.user):
        raise PermissionDenied("Only governance officers keep the work programme.")


def get_committee_for_manager(request, slug: str) -> Committee:
    """Committees are public, so a signed-in person without the role gets 403, not 404."""
    committee = get_object_or_404(Committee, slug=slug)
    _require_manager(request)
    return committee


def get_item_for_manager(request, pk: int) -> WorkProgrammeItem:
    """An item may not be published yet: people without the role get 404, not a hint it exists."""
    if not access.can_manage_work_programme(request.user):
        raise Http404("No item here")
    return get_object_or_404(WorkProgrammeItem.objects.with_status_data(), pk=pk)


def _entries(items):
    return [
        {
            "item": item,
            "status": (status := work_programme.effective_status(item)),
            "status_label": work_programme.status_label(status),
            "notice": forward_plan.notice_for(item) if forward_plan.needs_notice(item) else None,
        }
        for item in items
    ]


def report_new_url(item: WorkProgrammeItem) -> str | None:
    """Where to start the report from this item, once the drafting pages offer it."""
    try:
        return f"{reverse('reports:report_new')}?item={item.pk}"
    except NoReverseMatch:
        return None


# Keeping the programme -------------------------------------------------------


@require_safe
@login_required
def programme_manage(request, slug: str):
    committee = get_committee_for_manager(request, slug)
    items = list(
        WorkProgrammeItem.objects.with_status_data().filter(committee=committee).order_by(BY_MEETING, "title", "pk")
    )
    deferral_counts = dict(
        WorkProgrammeItem.objects.filter(committee=committee, deferrals__isnull=False)
        .values_list("pk")
        .annotate(n=Count("deferrals"))
    )
    entries = _entries(items)
    for entry in entries:
        entry["deferrals"] = deferral_counts.get(entry["item"].pk, 0)
    unpublished = sum(
        1 for i in items if i.first_published_on is None and i.status != WorkProgrammeItem.Status.WITHDRAWN
    )
    return render(
        request,
        "committee/work_programme_manage.html",
        {"committee": committee, "entries": entries, "unpublished": unpublished},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def item_add(request, slug: str):
    committee = get_committee_for_manager(request, slug)
    form = WorkProgrammeItemForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = form.save()
            if item.first_published_on:
                work_programme.record_change(item, WorkProgrammeChange.Kind.PUBLISHED, by=request.user)
        messages.success(request, _("“%(title)s” is on the programme.") % {"title": item.title})
        return redirect(item)
    return render(request, "committee/work_programme_item_form.html", {"committee": committee, "form": form})


@require_safe
@login_required
def item_detail(request, pk: int):
    item = get_item_for_manager(request, pk)
    status = work_programme.effective_status(item)
    context = {
        "committee": item.committee,
        "item": item,
        "status_label": work_programme.status_label(status),
        "report": work_programme.linked_report(item),
        "report_new_url": report_new_url(item),
        "history": work_programme.deferral_history(item),
        "notice": forward_plan.notice_for(item) if forward_plan.needs_notice(item) else None,
    }
    return render(request, "committee/work_programme_item.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def item_edit(request, pk: int):
    item = get_item_for_manager(request, pk)
    form = WorkProgrammeItemForm(request.POST or None, instance=item, committee=item.committee)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            work_programme.save_edited_item(
                form.save(commit=False), form.changed_data, item.target_meeting_id, request.user
            )
        messages.success(request, _("The item was saved."))
        return redirect(item)
    return render(
        request, "committee/work_programme_item_form.html", {"committee": item.committee, "form": form, "item": item}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def item_move(request, pk: int):
    item = get_item_for_manager(request, pk)
    form = MoveForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            work_programme.move_item(item, form.cleaned_data["to_meeting"], form.cleaned_data["reason"], request.user)
        except ProgrammeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Moved to %(meeting)s.")
                % {"meeting": work_programme.describe_meeting(form.cleaned_data["to_meeting"])},
            )
            return redirect(item)
    return render(
        request, "committee/work_programme_move.html", {"committee": item.committee, "item": item, "form": form}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def item_route(request, pk: int):
    item = get_item_for_manager(request, pk)
    form = RouteForm(request.POST or None, initial={"noticed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            forward_plan.record_route(
                item, data["route"], data["reason"], data["agreed_by"], data["noticed_on"], by=request.user
            )
        except ProgrammeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The route is recorded and shown on the Forward Plan."))
            return redirect(item)
    notice = forward_plan.notice_for(item) if forward_plan.needs_notice(item) else None
    return render(
        request,
        "committee/work_programme_route.html",
        {"committee": item.committee, "item": item, "form": form, "notice": notice},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def programme_table(request, slug: str):
    committee = get_committee_for_manager(request, slug)
    queryset = (
        WorkProgrammeItem.objects.filter(committee=committee)
        .exclude(status=WorkProgrammeItem.Status.WITHDRAWN)
        .select_related("target_meeting")
        .order_by(BY_MEETING, "title", "pk")
    )
    meetings = list(meeting_choices(committee))
    data = request.POST if request.method == "POST" else None
    formset = TableFormSet(data, queryset=queryset, form_kwargs={"meetings": meetings})
    reason_form = TableReasonForm(data)
    if request.method == "POST" and formset.is_valid() and reason_form.is_valid():
        reason = reason_form.cleaned_data["reason"]
        changed_forms = [f for f in formset.forms if f.has_changed()]
        try:
            with transaction.atomic():
                for form in changed_forms:
                    old_meeting_id = form.initial.get("target_meeting")
                    work_programme.save_edited_item(
                        form.save(commit=False), form.changed_data, old_meeting_id, request.user, reason
                    )
        except ProgrammeError as exc:
            reason_form.add_error("reason", str(exc))
        else:
            messages.success(
                request,
                ngettext("%(count)d item saved.", "%(count)d items saved.", len(changed_forms))
                % {"count": len(changed_forms)},
            )
            return redirect("committee:work_programme_manage", slug=committee.slug)
    return render(
        request,
        "committee/work_programme_table.html",
        {"committee": committee, "formset": formset, "reason_form": reason_form},
    )


@require_safe
@login_required
def programme_export(request, slug: str):
    committee = get_committee_for_manager(request, slug)
    response = HttpResponse(export_csv(committee), content_type="text/csv; charset=utf-8")
    filename = f"{committee.slug}-work-programme-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def programme_import(request, slug: str):
    committee = get_committee_for_manager(request, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    uploaded_name = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        uploaded_name = upload.name
        result = import_csv(committee, upload.read(), by=request.user, source=f"CSV import of {upload.name}")
        if result.ok:
            messages.success(
                request,
                _("Imported %(file)s: %(added)s added, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "file": upload.name,
                    "added": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("committee:work_programme_manage", slug=committee.slug)
    status = 400 if result is not None and not result.ok else 200
    return render(
        request,
        "committee/work_programme_import.html",
        {
            "committee": committee,
            "form": form,
            "result": result,
            "uploaded_name": uploaded_name,
            "schedule_12a_range": schedule_12a.range_text(),
        },
        status=status,
    )


@require_POST
@login_required
def programme_publish(request, slug: str):
    committee = get_committee_for_manager(request, slug)
    count = work_programme.publish_programme(committee, by=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d item published on the programme today.",
                "%(count)d items published on the programme today.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Every item was already published."))
    return redirect("committee:work_programme_manage", slug=committee.slug)


@require_safe
@login_required
def officers_view(request):
    _require_manager(request)
    today = timezone.localdate()
    context = {
        "due": work_programme.due_without_draft(today),
        "overdue": work_programme.overdue_drafts(today),
        "short": forward_plan.short_of_notice(today),
        "horizon_weeks": work_programme.DUE_HORIZON_DAYS // 7,
        "report_new_urls": {},
    }
    context["report_new_urls"] = {d.item.pk: report_new_url(d.item) for d in context["due"]}
    return render(request, "committee/work_programme_due.html", context)


# Publishing ------------------------------------------------------------------


def _public_context(committee: Committee) -> dict:
    return {
        "committee": committee,
        "groups": work_programme.public_programme(committee),
        "updated": timezone.localdate(),
        "key_decisions": committee.takes_key_decisions,
    }


@require_safe
def programme_public(request, slug: str):
    committee = get_object_or_404(Committee, slug=slug)
    return render(request, "public/work_programme.html", _public_context(committee))


@require_safe
def programme_pdf(request, slug: str):
    committee = get_object_or_404(Committee, slug=slug)
    html = render(request, "public/work_programme_pdf.html", _public_context(committee)).content.decode()
    pdf = html_to_pdf(html, title=f"{committee.name}: forward work programme")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{committee.slug}-work-programme.pdf"'
    return response


@require_safe
def forward_plan_public(request):
    today = timezone.localdate()
    plan = forward_plan.published_plan(today)
    steps = forward_plan.route_steps([item for item, _notice in plan])
    entries = [(item, notice, steps.get(item.pk, [])) for item, notice in plan]
    context = {"entries": entries, "today": today, "taken": forward_plan.taken_plan(today)}
    return render(request, "public/forward_plan.html", context)


class ProgrammeFeed(Feed):
    """Changes to a committee's published programme, newest first. Exempt items: title and
    paragraph only; the reasons for moves are left out for them too."""

    feed_type = XmlSafeAtom1Feed
    FEED_LENGTH = 50

    def get_object(self, request, slug: str):
        return get_object_or_404(Committee, slug=slug)

    def title(self, committee):
        return f"{committee.name}: changes to the forward work programme"

    def link(self, committee):
        return reverse("committee:work_programme_public", args=[committee.slug])

    def subtitle(self, committee):
        return f"Items added, moved and withdrawn on the {committee.name} forward work programme."

    def items(self, committee):
        return list(
            WorkProgrammeChange.objects.filter(
                committee=committee,
                item__first_published_on__isnull=False,
                at__date__gte=F("item__first_published_on"),
            )
            .select_related("item__committee", "item__target_meeting", "deferral")
            .order_by("-at", "-id")[: self.FEED_LENGTH]
        )

    def item_title(self, change):
        return f"{change.item.title}: {change.get_kind_display().lower()}"

    def item_description(self, change):
        item = change.item
        lines = []
        if change.kind == WorkProgrammeChange.Kind.MOVED and change.deferral:
            d = change.deferral
            was = f"{d.from_date:%-d %B %Y}" if d.from_date else "to be scheduled"
            now = f"{d.to_date:%-d %B %Y}" if d.to_date else "to be scheduled"
            lines.append(f"Moved from {was} to {now}.")
            if not item.is_exempt:
                lines.append(f"Reason: {d.reason}")
        else:
            lines.append(f"Meeting: {work_programme.describe_meeting(item.target_meeting)}.")
        if item.is_exempt:
            lines.append(f"Exempt: paragraph {item.exempt_paragraph} of Schedule 12A to the Local Government Act 1972.")
        elif item.purpose:
            lines.append(item.purpose)
        # Atom sends the description as type="html", which feed readers render: escape the plain text.
        return escape("\n".join(lines))

    def item_link(self, change):
        return f"{path_to('committee:work_programme_public', change.item.committee.slug)}#item-{change.item_id}"

    def item_guid(self, change):
        return f"work-programme-change-{change.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return change.at

    def item_updateddate(self, change):
        return change.at
