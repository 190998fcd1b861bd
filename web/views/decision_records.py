"""Governance officers record decisions taken outside meetings (a cabinet member's, an officer's):
draft the record, then publish it with its decision notice. Rules live in committee/decision_records.py."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from committee import access, decision_records
from committee.models import DecisionRecord
from core import schedule_12a


class RecordForm(forms.ModelForm):
    class Meta:
        model = DecisionRecord
        fields = list(decision_records.FIELDS)
        widgets = {
            "maker": forms.RadioSelect,
            "decision": forms.Textarea(attrs={"rows": 4}),
            "reasons": forms.Textarea(attrs={"rows": 3}),
            "alternatives_rejected": forms.Textarea(attrs={"rows": 2}),
            "interests_declared": forms.Textarea(attrs={"rows": 2}),
            "dispensations": forms.Textarea(attrs={"rows": 2}),
            "decided_on": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"exempt_paragraph": _("Exempt information (Schedule 12A paragraph)")}
        help_texts = {
            "key_decision": _("A cabinet member's decision, and an officer's key decision, may be called in."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maker"].choices = DecisionRecord.Maker.choices
        self.fields["exempt_paragraph"].choices = [
            ("", _("Not exempt: published in full")),
            *schedule_12a.offered(),
        ]


class PublishForm(forms.Form):
    reconsideration_of = forms.ModelChoiceField(
        decision_records.awaiting_reconsideration(),
        required=False,
        label=_("Reconsiders a decision the scrutiny committee referred back"),
        empty_label=_("No: a new decision"),
    )


def _require_manager(request) -> None:
    if not access.can_manage_meetings(request.user):
        raise PermissionDenied("Only governance officers record decisions taken outside meetings.")


@require_http_methods(["GET", "HEAD"])
@login_required
def record_list(request):
    _require_manager(request)
    context = {
        "drafts": list(decision_records.drafts()),
        "published": list(DecisionRecord.objects.filter(notice__isnull=False).select_related("notice")[:50]),
        "awaiting": list(decision_records.awaiting_reconsideration()),
    }
    return render(request, "committee/manage/decision_records.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def record_edit(request, pk: int | None = None):
    """A new record, or a draft's changes; a published record only shows its link."""
    _require_manager(request)
    record = get_object_or_404(DecisionRecord.objects.select_related("notice"), pk=pk) if pk else None
    if record is not None and hasattr(record, "notice"):
        return redirect("committee:decision_notice", pk=record.notice.pk)
    form = RecordForm(request.POST or None, instance=record)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = decision_records.save_draft(record, request.user, **form.cleaned_data)
            except decision_records.DecisionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The draft record “%(title)s” is saved.") % {"title": saved.title})
                return redirect("committee:decision_record_edit", pk=saved.pk)
        status = 400
    context = {"form": form, "record": record, "publish_form": PublishForm()}
    return render(request, "committee/manage/decision_record.html", context, status=status)


@require_POST
@login_required
def record_publish(request, pk: int):
    _require_manager(request)
    record = get_object_or_404(DecisionRecord, pk=pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect("committee:decision_record_edit", pk=pk)
    try:
        notice = decision_records.publish(
            record, request.user, reconsideration_of=form.cleaned_data["reconsideration_of"]
        )
    except decision_records.DecisionError as error:
        messages.error(request, str(error))
        return redirect("committee:decision_record_edit", pk=pk)
    messages.success(
        request, _("The decision “%(title)s” is published with its decision notice.") % {"title": record.title}
    )
    return redirect("committee:decision_notice", pk=notice.pk)
