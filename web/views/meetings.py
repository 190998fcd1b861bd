"""Governance officers' pages: schedule meetings, build and publish agendas, postpone or cancel.

Each change of state is its own POST-only URL; the domain modules (agenda, publishing,
scheduling) check permissions and rules, and the views turn their errors into messages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from committee import access, agenda, scheduling
from committee.agenda import AgendaError
from committee.models import AgendaItem, AgendaPack, Committee, Meeting
from committee.scheduling import SchedulingError
from core import dates
from documents import packs
from publishing import publication as publishing
from reports import agendas
from web.meeting_forms import (
    CorrectTitleForm,
    EditItemForm,
    ItemForm,
    MeetingForm,
    NoticeForm,
    PostponeForm,
    PublishForm,
    ReportItemForm,
    SeriesForm,
)
from web.views import steps


def _require_manager(request) -> None:
    if not access.can_manage_meetings(request.user):
        raise PermissionDenied("Only governance officers manage meetings.")


def _meeting(request, pk: int) -> Meeting:
    _require_manager(request)
    return get_object_or_404(Meeting.objects.select_related("committee", "venue"), pk=pk)


def _item(request, pk: int, item_pk: int) -> AgendaItem:
    _require_manager(request)
    return get_object_or_404(AgendaItem.objects.select_related("meeting__committee"), pk=item_pk, meeting_id=pk)


def _back(meeting: Meeting):
    return redirect("committee:agenda_build", pk=meeting.pk)


@require_safe
@login_required
def meetings_manage(request):
    _require_manager(request)
    upcoming = list(Meeting.objects.upcoming().select_related("committee", "venue")[:60])
    committees = list(Committee.objects.filter(active=True))
    return render(request, "committee/manage/meetings.html", {"upcoming": upcoming, "committees": committees})


@require_http_methods(["GET", "POST"])
@login_required
def meeting_schedule(request, slug: str):
    _require_manager(request)
    committee = get_object_or_404(Committee, slug=slug)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        past = form.cleaned_data["already_held"]
        schedule = scheduling.record_past_meeting if past else scheduling.schedule_meeting
        try:
            meeting = schedule(committee, request.user, form.starts_at(), form.cleaned_data["venue"])
        except SchedulingError as error:
            form.add_error(None, str(error))
        else:
            done = _("Meeting of %(date)s recorded as history.") if past else _("Meeting of %(date)s scheduled.")
            messages.success(request, done % {"date": dates.long_date(meeting.date)})
            return _back(meeting)
    return render(request, "committee/manage/schedule.html", {"committee": committee, "form": form, "series": False})


@require_http_methods(["GET", "POST"])
@login_required
def meeting_schedule_series(request, slug: str):
    _require_manager(request)
    committee = get_object_or_404(Committee, slug=slug)
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = scheduling.schedule_series(committee, request.user, **form.cleaned_data)
        except SchedulingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext("%(count)d meeting scheduled.", "%(count)d meetings scheduled.", len(created))
                % {"count": len(created)},
            )
            return redirect("committee:meetings_manage")
    return render(request, "committee/manage/schedule.html", {"committee": committee, "form": form, "series": True})


@require_safe
@login_required
def agenda_build(request, pk: int):
    return _agenda_page(request, _meeting(request, pk))


def _agenda_page(request, meeting: Meeting, *, item_form=None, report_form=None, publish_form=None, status=200):
    """The agenda being built. A refused form comes back here with what was typed and its errors
    next to the fields (400), rather than as a message after a redirect that would lose it."""
    items = list(meeting.agenda_items.select_related("report", "publication"))
    built = agendas.agenda_for(meeting, request.user, items)
    supplementary = meeting.agenda_is_published
    check = publishing.check_publication(meeting, supplementary=supplementary)
    packs_list = list(AgendaPack.objects.filter(meeting=meeting))
    # A pack is kept until something in it changes: say so when it has, and offer the rebuild.
    packs_stale = meeting.agenda_is_published and (
        {p.variant for p in packs_list} != set(packs.variants_for(meeting))
        or any(p.fingerprint != packs.fingerprint(meeting, p.variant) for p in packs_list)
    )
    context = {
        "meeting": meeting,
        "agenda": built,
        "check": check,
        "item_form": item_form or ItemForm(),
        "report_form": report_form or ReportItemForm(meeting=meeting),
        "publish_form": publish_form or PublishForm(),
        "supplementary": supplementary,
        "publications": list(meeting.publications.select_related("published_by")),
        "packs": packs_list,
        "packs_stale": packs_stale,
        "today": timezone.localdate(),
    }
    return render(request, "committee/manage/agenda.html", context, status=status)


def _attempt(request, meeting: Meeting, action, success: str):
    return steps.attempt(request, action, success, refused=(AgendaError, SchedulingError), back=_back(meeting))


@require_POST
@login_required
def agenda_opening_items(request, pk: int):
    meeting = _meeting(request, pk)
    return _attempt(
        request, meeting, lambda: agenda.add_opening_items(meeting, request.user), _("Standard opening items added.")
    )


@require_POST
@login_required
def agenda_item_add(request, pk: int):
    meeting = _meeting(request, pk)
    form = ItemForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            agenda.add_item(
                meeting,
                request.user,
                title=data["title"],
                confidential_title=data["confidential_title"],
                description=data["description"],
                part=data["part"],
                exempt_paragraph=data["exempt_paragraph"],
            )
        except AgendaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("“%(title)s” added.") % {"title": data["title"]})
            return _back(meeting)
    return _agenda_page(request, meeting, item_form=form, status=400)


@require_POST
@login_required
def agenda_report_add(request, pk: int):
    meeting = _meeting(request, pk)
    form = ReportItemForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _agenda_page(request, meeting, report_form=form, status=400)
    report = form.cleaned_data["report"]
    return _attempt(
        request, meeting, lambda: agenda.add_report_item(meeting, request.user, report), f"“{report.title}” added."
    )


@require_POST
@login_required
def agenda_item_move(request, pk: int, item_pk: int, direction: str):
    item = _item(request, pk, item_pk)
    return _attempt(request, item.meeting, lambda: agenda.move_item(item, request.user, direction), _("Item moved."))


@require_POST
@login_required
def agenda_item_remove(request, pk: int, item_pk: int):
    item = _item(request, pk, item_pk)
    return _attempt(request, item.meeting, lambda: agenda.remove_item(item, request.user), f"“{item.title}” removed.")


@require_http_methods(["GET", "POST"])
@login_required
def agenda_item_edit(request, pk: int, item_pk: int):
    item = _item(request, pk, item_pk)
    published = agenda.is_published(item)
    if published:
        form = CorrectTitleForm(request.POST or None, initial={"title": item.title})
        change = publishing.correct_item_title
    else:
        initial = {"title": item.title, "confidential_title": item.confidential_title, "description": item.description}
        form = EditItemForm(request.POST or None, initial=initial, part=item.part)
        change = agenda.update_item
    if request.method == "POST" and form.is_valid():
        try:
            change(item, request.user, **form.cleaned_data)
        except AgendaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Item saved."))
            return _back(item.meeting)
    context = {"item": item, "meeting": item.meeting, "form": form, "published": published}
    return render(request, "committee/manage/item_edit.html", context)


def _publish(request, pk: int, publish, done: str):
    meeting = _meeting(request, pk)
    form = PublishForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        publish(
            meeting,
            request.user,
            late_reason=data.get("late_reason", ""),
            late_reason_detail=data.get("late_reason_detail", ""),
        )
    except publishing.LateReasonRequired as error:
        form.add_error("late_reason", str(error))
        return _agenda_page(request, meeting, publish_form=form, status=400)
    except AgendaError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return _back(meeting)


@require_POST
@login_required
def agenda_publish(request, pk: int):
    return _publish(request, pk, publishing.publish_agenda, "The agenda and its reports are published.")


@require_POST
@login_required
def agenda_publish_supplementary(request, pk: int):
    return _publish(request, pk, publishing.publish_supplementary, "The supplementary agenda is published.")


@require_http_methods(["GET", "POST"])
@login_required
def meeting_postpone(request, pk: int):
    meeting = _meeting(request, pk)
    form = PostponeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scheduling.postpone_meeting(
                meeting, request.user, notice=form.cleaned_data["notice"], new_starts_at=form.new_starts_at()
            )
        except SchedulingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is postponed and the public notice is shown."))
            return redirect(meeting.get_absolute_url())
    return render(
        request, "committee/manage/status_change.html", {"meeting": meeting, "form": form, "action": "postpone"}
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_cancel(request, pk: int):
    meeting = _meeting(request, pk)
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scheduling.cancel_meeting(meeting, request.user, notice=form.cleaned_data["notice"])
        except SchedulingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is cancelled and the public notice is shown."))
            return redirect(meeting.get_absolute_url())
    return render(
        request, "committee/manage/status_change.html", {"meeting": meeting, "form": form, "action": "cancel"}
    )


@require_POST
@login_required
def agenda_packs_rebuild(request, pk: int):
    meeting = _meeting(request, pk)
    if not meeting.agenda_is_published:
        messages.error(request, _("Publish the agenda first: packs hold only published papers."))
    else:
        # Always built again when an officer asks: a pack's row may say "being built" of a build that
        # stopped, and the officer is the one who can see that it did.
        packs.request_packs(meeting, force=True)
        messages.success(request, _("The agenda packs are being built again. Refresh this page to see their progress."))
    return _back(meeting)
