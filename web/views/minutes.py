"""Governance officers write the minutes: attendance, declarations, each item's decision, then
publish them as draft minutes and confirm them at the next meeting. Rules live in committee/minutes.py."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from committee import access, minutes
from committee.agenda import AgendaError
from committee.models import AgendaItem, Attendance, Declaration, ItemDecision, Meeting, Minutes, Person
from core import bad_requests
from publishing import publication
from reports.agendas import agenda_for
from web.views import steps


class AttendanceForm(forms.Form):
    person = forms.ModelChoiceField(Person.objects.all())
    kind = forms.ChoiceField(choices=Attendance.Kind.choices, widget=forms.RadioSelect, label="Attendance")
    substitute_for = forms.ModelChoiceField(Person.objects.all(), required=False, label="Substituting for")


class DeclarationForm(forms.Form):
    person = forms.ModelChoiceField(Person.objects.all())
    interest = forms.ChoiceField(choices=Declaration.Interest.choices)
    agenda_item = forms.ModelChoiceField(AgendaItem.objects.none(), required=False, label="Agenda item")
    detail = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=ItemDecision.Outcome.choices,
        widget=forms.RadioSelect,
        label="Decision",
        error_messages={"required": "Choose the decision: agreed, agreed as amended, deferred or noted."},
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Minute, or the recommendations as amended"
    )


class NotesForm(forms.Form):
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, label="Other business minuted")


def _meeting(request, pk: int) -> Meeting:
    if not access.can_manage_meetings(request.user):
        raise PermissionDenied("Only governance officers write minutes.")
    return get_object_or_404(Meeting.objects.select_related("committee", "venue"), pk=pk)


def _back(meeting: Meeting):
    return redirect("committee:minutes_edit", pk=meeting.pk)


def _attempt(request, meeting, action, success):
    @transaction.atomic
    def step():
        action()
        publication.minutes_changed(meeting)

    return steps.attempt(request, step, success, refused=AgendaError, back=_back(meeting))


@require_safe
@login_required
def minutes_edit(request, pk: int):
    return _minutes_page(request, _meeting(request, pk))


def _minutes_page(request, meeting: Meeting, *, refused=None, refused_item: int | None = None, status=200):
    """The minutes being written. A refused form (`refused`; for a decision, `refused_item` says
    whose) comes back with what was typed and its errors next to the fields (400)."""
    record = Minutes.objects.filter(meeting=meeting).first()
    items = list(meeting.agenda_items.select_related("report", "decision"))
    agenda = agenda_for(meeting, request.user, items)
    rows = []
    for entry in agenda.entries:
        decision = getattr(entry.item, "decision", None)
        initial = {"outcome": decision.outcome, "text": decision.text} if decision else {}
        form = DecisionForm(initial=initial, prefix=f"item{entry.item.pk}")
        if refused_item == entry.item.pk:
            form = refused
        rows.append({"entry": entry, "decision": decision, "form": form})
    next_meeting = meeting.committee.meetings.filter(starts_at__gt=meeting.starts_at).order_by("starts_at").first()
    context = {
        "meeting": meeting,
        "minutes": record,
        "attendance": list(meeting.attendance.select_related("person", "substitute_for")),
        "declarations": list(meeting.declarations.select_related("person", "agenda_item")),
        "rows": rows,
        "attendance_form": refused if isinstance(refused, AttendanceForm) else AttendanceForm(),
        "declaration_form": refused if isinstance(refused, DeclarationForm) else DeclarationForm(meeting=meeting),
        "notes_form": NotesForm(initial={"notes": record.notes if record else ""}),
        "next_meeting": next_meeting,
    }
    return render(request, "committee/manage/minutes.html", context, status=status)


@require_POST
@login_required
def minutes_attendance(request, pk: int):
    meeting = _meeting(request, pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        return _minutes_page(request, meeting, refused=form, status=400)
    data = form.cleaned_data
    return _attempt(
        request,
        meeting,
        lambda: minutes.record_attendance(meeting, request.user, data["person"], data["kind"], data["substitute_for"]),
        f"Attendance recorded for {data['person']}.",
    )


@require_POST
@login_required
def minutes_declaration(request, pk: int):
    meeting = _meeting(request, pk)
    form = DeclarationForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _minutes_page(request, meeting, refused=form, status=400)
    data = form.cleaned_data
    return _attempt(
        request,
        meeting,
        lambda: minutes.declare_interest(
            meeting, request.user, data["person"], data["interest"], data["detail"], data["agenda_item"]
        ),
        "Declaration recorded.",
    )


@require_POST
@login_required
def minutes_decision(request, pk: int, item_pk: int):
    meeting = _meeting(request, pk)
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=item_pk, meeting=meeting)
    form = DecisionForm(request.POST, prefix=f"item{item.pk}")
    if not form.is_valid():
        return _minutes_page(request, meeting, refused=form, refused_item=item.pk, status=400)
    data = form.cleaned_data
    return _attempt(
        request,
        meeting,
        lambda: minutes.set_decision(item, request.user, outcome=data["outcome"], text=data["text"]),
        f"Decision recorded for “{item.title}”.",
    )


@require_POST
@login_required
def minutes_notes(request, pk: int):
    meeting = _meeting(request, pk)
    form = NotesForm(request.POST)
    form.is_valid()
    return _attempt(
        request,
        meeting,
        lambda: minutes.save_notes(meeting, request.user, form.cleaned_data.get("notes", "")),
        "Saved.",
    )


@require_POST
@login_required
def minutes_publish(request, pk: int):
    meeting = _meeting(request, pk)
    return _attempt(
        request, meeting, lambda: publication.publish_minutes(meeting, request.user), "The draft minutes are published."
    )


@require_POST
@login_required
def minutes_confirm(request, pk: int):
    meeting = _meeting(request, pk)
    at_meeting = None
    at_meeting_pk = bad_requests.integer(request.POST, "at_meeting")
    if at_meeting_pk is not None:
        at_meeting = Meeting.objects.filter(pk=at_meeting_pk, committee=meeting.committee).first()
    return _attempt(
        request,
        meeting,
        lambda: publication.confirm_minutes(meeting, request.user, at_meeting=at_meeting),
        "The minutes are confirmed.",
    )
