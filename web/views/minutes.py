"""Governance officers write the minutes: attendance, declarations, each item's decision, then
publish them as draft minutes and confirm them at the next meeting. Rules live in committee/minutes.py."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from committee import access, actions, decisions, minutes, votes
from committee.agenda import AgendaError
from committee.models import (
    Action,
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    ItemDecision,
    Meeting,
    Minutes,
    Person,
    RecordedVote,
)
from core import bad_requests, text_boxes
from publishing import publication
from reports import published
from reports.agendas import agenda_for
from web.views import decisions as views_decisions
from web.views import steps


class AttendanceForm(forms.Form):
    person = forms.ModelChoiceField(Person.objects.all())
    kind = forms.ChoiceField(choices=Attendance.Kind.choices, widget=forms.RadioSelect, label=_("Attendance"))
    substitute_for = forms.ModelChoiceField(Person.objects.all(), required=False, label=_("Substituting for"))


class DeclarationForm(forms.Form):
    person = forms.ModelChoiceField(Person.objects.all())
    interest = forms.ChoiceField(choices=Declaration.interests_declared)
    agenda_item = forms.ModelChoiceField(AgendaItem.objects.none(), required=False, label=_("Agenda item"))
    detail = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()


class ResolutionForm(forms.Form):
    """The outcome of one question, the body it is referred to, and the vote if one was taken."""

    outcome = forms.ChoiceField(choices=ItemDecision.Outcome.choices, widget=forms.RadioSelect, label=_("Decision"))
    referred_to = forms.ModelChoiceField(Committee.objects.filter(active=True), required=False, label=_("Referred to"))
    votes_for = forms.IntegerField(min_value=0, required=False, label=_("Votes for"))
    votes_against = forms.IntegerField(min_value=0, required=False, label=_("Votes against"))
    votes_abstaining = forms.IntegerField(min_value=0, required=False, label=_("Abstentions"))

    def votes(self):
        counts = (self.cleaned_data.get(f"votes_{k}") for k in ("for", "against", "abstaining"))
        counts = tuple(counts)
        return None if all(c is None for c in counts) else counts


# The minutes' text boxes take formatted text, as a report's do: marks typed without JavaScript,
# an editor with its toolbar with it (core/text_boxes.py, static/editor/textbox.js).
MINUTES_TEXT_HELP = _(
    "Leave a blank line between paragraphs. Start a line with “- ” for a bullet or “1. ” for a numbered list. "
    "Write **bold**, *italic* and [words](https://link). A table is lines of | cells |, its first row the header."
)


def minutes_text(label: str, rows: int) -> text_boxes.FormattedTextField:
    return text_boxes.FormattedTextField(
        label=label,
        required=False,
        help_text=MINUTES_TEXT_HELP,
        widget=text_boxes.FormattedTextarea(attrs={"rows": rows}),
    )


class DecisionForm(ResolutionForm):
    text = minutes_text(_("Minute, or the recommendations as amended"), rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].error_messages["required"] = gettext("Choose the decision: %(choices)s.") % {
            "choices": gettext(minutes.OUTCOME_CHOICES_TEXT)
        }


class RecommendationForm(ResolutionForm):
    """The decision on one recommendation of the report; left blank, none is recorded."""

    amendment = minutes_text(_("The recommendation as amended"), rows=2)
    mover = forms.ModelChoiceField(Person.objects.all(), required=False, label=_("Amendment moved by"))
    seconder = forms.ModelChoiceField(Person.objects.all(), required=False, label=_("Amendment seconded by"))
    field_order = ["outcome", "amendment", "mover", "seconder", "referred_to"]

    def __init__(self, *args, number: int, text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.number, self.text = number, text
        self.fields["outcome"].required = False
        self.fields["outcome"].choices = [("", _("No decision recorded")), *ItemDecision.Outcome.choices]
        self.fields["outcome"].label = f"Decision on recommendation {number}"

    def outcome(self) -> minutes.RecommendationOutcome | None:
        data = self.cleaned_data
        if not data.get("outcome"):
            return None
        return minutes.RecommendationOutcome(
            number=self.number,
            outcome=data["outcome"],
            amendment=data.get("amendment") or "",
            mover=data.get("mover"),
            seconder=data.get("seconder"),
            referred_to=data.get("referred_to"),
            votes=self.votes(),
        )


def _resolution_initial(resolution) -> dict:
    fields = ("outcome", "referred_to", "votes_for", "votes_against", "votes_abstaining")
    return {name: getattr(resolution, f"{name}_id" if name == "referred_to" else name) for name in fields}


def _decision_forms(item: AgendaItem, recommendations: list[tuple[int, str]], data=None):
    """The item's form and one for each recommendation of its report as published."""
    decision = getattr(item, "decision", None)
    initial = {**_resolution_initial(decision), "text": decision.text} if decision else {}
    form = DecisionForm(data, initial=initial, prefix=f"item{item.pk}")
    recorded = {r.number: r for r in decision.recommendations.all()} if decision else {}
    rec_forms = []
    for number, text in recommendations:
        rec = recorded.get(number)
        rec_initial = {}
        if rec is not None:
            rec_initial = {
                **_resolution_initial(rec),
                "amendment": rec.amendment,
                "mover": rec.mover_id,
                "seconder": rec.seconder_id,
            }
        rec_forms.append(
            RecommendationForm(data, initial=rec_initial, prefix=f"item{item.pk}-rec{number}", number=number, text=text)
        )
    return form, rec_forms


class NamedVoteForm(forms.Form):
    """A recorded vote: the question, and each member present's vote (left blank, not voting)."""

    question = forms.ChoiceField(label=_("Recorded vote on"))

    def __init__(self, *args, voters, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.voters = voters
        self.fields["question"].choices = [
            ("item", gettext("The decision on the item")),
            *(
                (str(r.number), gettext("Recommendation %(number)s") % {"number": r.number})
                for r in decision.recommendations.all()
            ),
        ]
        for person in voters:
            self.fields[f"vote_{person.pk}"] = forms.ChoiceField(
                choices=[("", "Did not vote"), *RecordedVote.Vote.choices], required=False, label=person.name
            )

    def votes(self) -> dict:
        return {p: self.cleaned_data[f"vote_{p.pk}"] for p in self.voters if self.cleaned_data.get(f"vote_{p.pk}")}


class ActionForm(forms.Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Action"))
    owner = forms.CharField(label=_("Owner"), help_text=_("The officer or member who carries it out."))
    due_on = forms.DateField(required=False, label=_("Due date (YYYY-MM-DD)"))
    agenda_item = forms.ModelChoiceField(AgendaItem.objects.none(), required=False, label=_("Arising from item"))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=Action.Status.choices, label=_("Status"))
    progress = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Progress"))


class NotesForm(forms.Form):
    notes = minutes_text("Other business minuted", rows=5)


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
    whose, and `refused` is its forms) comes back with what was typed and its errors next to the
    fields (400)."""
    record = Minutes.objects.filter(meeting=meeting).first()
    items = list(
        meeting.agenda_items.select_related("report", "decision__notice").prefetch_related("decision__recommendations")
    )
    agenda = agenda_for(meeting, request.user, items)
    recommendations = published.recommendations(item.report_id for item in items if item.report_id)
    voters = [a.person for a in meeting.attendance.select_related("person") if a.kind in votes.VOTERS]
    rows = []
    for entry in agenda.entries:
        decision = getattr(entry.item, "decision", None)
        form, rec_forms = _decision_forms(entry.item, recommendations.get(entry.item.report_id, []))
        if refused_item == entry.item.pk:
            form, rec_forms = refused
        rows.append(
            {
                "entry": entry,
                "decision": decision,
                "form": form,
                "recommendation_forms": rec_forms,
                "notice": getattr(decision, "notice", None) if decision else None,
                "notice_form": views_decisions.NoticeForm(prefix=f"notice{entry.item.pk}"),
                "vote_form": (
                    NamedVoteForm(prefix=f"vote{entry.item.pk}", voters=voters, decision=decision)
                    if decision and voters
                    else None
                ),
            }
        )
    next_meeting = meeting.committee.meetings.filter(starts_at__gt=meeting.starts_at).order_by("starts_at").first()
    context = {
        "meeting": meeting,
        "minutes": record,
        "attendance": list(meeting.attendance.select_related("person", "substitute_for")),
        "declarations": list(meeting.declarations.select_related("person", "agenda_item")),
        "rows": rows,
        "actions": list(meeting.actions.select_related("agenda_item")),
        "action_form": refused if isinstance(refused, ActionForm) else ActionForm(meeting=meeting),
        "attendance_form": refused if isinstance(refused, AttendanceForm) else AttendanceForm(),
        "declaration_form": refused if isinstance(refused, DeclarationForm) else DeclarationForm(meeting=meeting),
        "notes_form": NotesForm(initial={"notes": record.notes if record else ""}),
        "next_meeting": next_meeting,
        # Where its referrals to full Council would go: warned when that agenda is already published.
        "council_referral": decisions.council_referral(meeting) if not record or record.status == "draft" else None,
        # Cabinet's decisions are published as decision notices, which open the call-in window.
        "executive": decisions.takes_executive_decisions(meeting.committee),
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
        _("Attendance recorded for %(person)s.") % {"person": data["person"]},
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
    """The item's decision and its report's recommendations', saved together. A refusal (a form's,
    or a rule's such as an amendment without its seconder) comes back with everything typed kept."""
    meeting = _meeting(request, pk)
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__committee", "decision").prefetch_related(
            "decision__recommendations"
        ),
        pk=item_pk,
        meeting=meeting,
    )
    recs = published.recommendations([item.report_id]).get(item.report_id, []) if item.report_id else []
    form, rec_forms = _decision_forms(item, recs, data=request.POST)
    if all([form.is_valid(), *(f.is_valid() for f in rec_forms)]):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                minutes.set_decision(
                    item,
                    request.user,
                    outcome=data["outcome"],
                    text=data["text"],
                    referred_to=data["referred_to"],
                    votes=form.votes(),
                    recommendations=[r for r in (f.outcome() for f in rec_forms) if r is not None],
                )
                publication.minutes_changed(meeting)
        except AgendaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Decision recorded for “%(title)s”.") % {"title": item.title})
            return _back(meeting)
    return _minutes_page(request, meeting, refused=(form, rec_forms), refused_item=item.pk, status=400)


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
        _("Saved."),
    )


@require_POST
@login_required
def minutes_publish(request, pk: int):
    """Publish the draft minutes. What they refer to full Council goes on Council's next meeting, or,
    when that agenda is already published, on the later one the officer chose (`council_meeting`)."""
    meeting = _meeting(request, pk)
    council_meeting = None
    council_meeting_pk = bad_requests.integer(request.POST, "council_meeting")
    if council_meeting_pk is not None:
        council_meeting = Meeting.objects.filter(pk=council_meeting_pk).first()
    return _attempt(
        request,
        meeting,
        lambda: publication.publish_minutes(meeting, request.user, council_meeting=council_meeting),
        _("The draft minutes are published."),
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
        _("The minutes are confirmed."),
    )


@require_POST
@login_required
def minutes_action(request, pk: int):
    """An action arising from the meeting, with its owner and due date."""
    meeting = _meeting(request, pk)
    form = ActionForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _minutes_page(request, meeting, refused=form, status=400)
    data = form.cleaned_data
    return steps.attempt(
        request,
        lambda: publication.add_action(
            meeting,
            request.user,
            description=data["description"],
            owner=data["owner"],
            due_on=data["due_on"],
            agenda_item=data["agenda_item"],
        ),
        "Action recorded.",
        refused=actions.ActionError,
        back=_back(meeting),
    )


@require_safe
@login_required
def actions_manage(request):
    """Every action not yet done, across committees, soonest due first, each with its update form."""
    if not access.can_manage_meetings(request.user):
        raise PermissionDenied("Only governance officers record actions.")
    rows = list(
        actions.outstanding()
        .select_related("meeting__committee", "agenda_item")
        .order_by("due_on", "meeting__starts_at", "id")
    )
    forms_by = [
        (a, ActionUpdateForm(prefix=f"action{a.pk}", initial={"status": a.status, "progress": a.update})) for a in rows
    ]
    return render(request, "committee/manage/actions.html", {"rows": forms_by, "today": timezone.localdate()})


@require_POST
@login_required
def action_update(request, pk: int):
    if not access.can_manage_meetings(request.user):
        raise PermissionDenied("Only governance officers record actions.")
    action = get_object_or_404(Action, pk=pk)
    form = ActionUpdateForm(request.POST, prefix=f"action{pk}")
    back = redirect("committee:actions_manage")
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return back
    return steps.attempt(
        request,
        lambda: publication.update_action(
            action, request.user, status=form.cleaned_data["status"], progress=form.cleaned_data["progress"]
        ),
        "Action updated.",
        refused=actions.ActionError,
        back=back,
    )


@require_POST
@login_required
def minutes_named_vote(request, pk: int, item_pk: int):
    """A recorded (named) vote on the item's decision or one of its recommendations: the names set the counts."""
    meeting = _meeting(request, pk)
    item = get_object_or_404(AgendaItem.objects.select_related("decision"), pk=item_pk, meeting=meeting)
    decision = getattr(item, "decision", None)
    if decision is None:
        messages.error(request, _("Record the decision before its recorded vote."))
        return _back(meeting)
    voters = [a.person for a in meeting.attendance.select_related("person") if a.kind in votes.VOTERS]
    form = NamedVoteForm(request.POST, prefix=f"vote{item.pk}", voters=voters, decision=decision)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return _back(meeting)
    question = form.cleaned_data["question"]
    resolution = decision if question == "item" else decision.recommendations.get(number=int(question))
    return _attempt(
        request,
        meeting,
        lambda: votes.record_named_vote(resolution, request.user, form.votes()),
        _("Recorded vote saved for “%(title)s”.") % {"title": item.title},
    )
