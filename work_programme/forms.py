"""Forms for keeping the programme: an item, a move, a forward plan route, the table, an import."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Meeting, Person, WorkProgrammeItem
from core import schedule_12a

MANUAL_STATUS_CHOICES = [(s, WorkProgrammeItem.Status(s).label) for s in WorkProgrammeItem.MANUAL_STATUSES]


def meeting_choices(committee: Committee, include: Meeting | None = None):
    """Meetings an item can be planned for: this committee's, still to come, not cancelled."""
    qs = Meeting.objects.filter(committee=committee, starts_at__gte=timezone.now()).exclude(
        status=Meeting.Status.CANCELLED
    )
    if include is not None:
        qs = qs | Meeting.objects.filter(pk=include.pk)
    return qs.order_by("starts_at")


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.date:%A %-d %B %Y}"


def _check_exempt(form: forms.Form, cleaned: dict) -> None:
    if cleaned.get("is_exempt") and not cleaned.get("exempt_paragraph"):
        form.add_error("exempt_paragraph", _("Choose the paragraph of Schedule 12A that makes the item exempt."))
    if not cleaned.get("is_exempt"):
        cleaned["exempt_paragraph"] = None


class WorkProgrammeItemForm(forms.ModelForm):
    """Add or edit an item. The meeting is chosen when the item is added; after that it is
    moved with a reason, so that the deferral history is complete."""

    target_meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(), required=False, empty_label=_("To be scheduled"), label=_("Meeting")
    )
    status = forms.ChoiceField(
        choices=MANUAL_STATUS_CHOICES,
        help_text=_("Report in drafting, on agenda and considered follow the report; they are not set here."),
    )

    class Meta:
        model = WorkProgrammeItem
        fields = [
            "title",
            "purpose",
            "report_of",
            "lead_officer",
            "target_meeting",
            "key_decision",
            "is_exempt",
            "exempt_paragraph",
            "status",
            "first_published_on",
        ]
        labels = {
            "report_of": _("Report of"),
            "is_exempt": _("Exempt (Part 2): only its title and paragraph are published"),
            "exempt_paragraph": _("Schedule 12A paragraph"),
            "first_published_on": _("First published on"),
        }
        help_texts = {
            "purpose": _("Published, unless the item is exempt."),
            "first_published_on": _(
                "Set when you publish the programme. Key decisions need 28 clear days' notice "
                "from this date. Format: YYYY-MM-DD."
            ),
        }
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee = committee
        self.fields["lead_officer"].queryset = Person.objects.filter(kind=Person.Kind.OFFICER)
        self.fields["exempt_paragraph"].required = False
        self.fields["exempt_paragraph"].choices = [("", "---------"), *schedule_12a.offered()]
        if self.instance.pk:
            del self.fields["target_meeting"]
        else:
            self.fields["target_meeting"].queryset = meeting_choices(committee)
        if self.instance.pk and self.instance.status not in WorkProgrammeItem.MANUAL_STATUSES:
            self.initial["status"] = WorkProgrammeItem.Status.PLANNED

    def clean(self):
        cleaned = super().clean()
        _check_exempt(self, cleaned)
        return cleaned

    def save(self, commit: bool = True):
        item = super().save(commit=False)
        item.committee = self.committee
        if commit:
            item.save()
        return item


class MoveForm(forms.Form):
    to_meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(), required=False, empty_label=_("To be scheduled"), label=_("Move to")
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the item's history, and shown to committee members."),
        max_length=2000,
    )

    def __init__(self, *args, item: WorkProgrammeItem, **kwargs):
        super().__init__(*args, **kwargs)
        qs = meeting_choices(item.committee)
        if item.target_meeting_id:
            qs = qs.exclude(pk=item.target_meeting_id)
        self.fields["to_meeting"].queryset = qs


class RouteForm(forms.Form):
    route = forms.ChoiceField(
        choices=WorkProgrammeItem.ForwardPlanRoute.choices,
        widget=forms.RadioSelect,
        label=_("Route taken"),
        help_text=_(
            "General exception: at least 5 clear days' notice, with the scrutiny chair informed. "
            "Special urgency: fewer, with the chair's agreement."
        ),
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Why the decision cannot wait"),
        help_text=_("Published on the forward plan."),
        max_length=2000,
    )
    agreed_by = forms.CharField(
        label=_("Chair informed or agreeing"),
        required=False,
        max_length=200,
        help_text=_("Needed for special urgency."),
    )
    noticed_on = forms.DateField(
        label=_("Notice published on"), help_text=_("Format: YYYY-MM-DD."), input_formats=["%Y-%m-%d", "%d/%m/%Y"]
    )


def _govuk(field: forms.Field) -> None:
    """The table renders widgets itself, so they carry GOV.UK classes here."""
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        widget.attrs["class"] = "govuk-checkboxes__input"
    elif isinstance(widget, forms.Select):
        widget.attrs["class"] = "govuk-select"
    else:
        widget.attrs["class"] = "govuk-input"


class TableRowForm(forms.ModelForm):
    status = forms.ChoiceField(choices=MANUAL_STATUS_CHOICES)
    target_meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(), required=False, empty_label=_("To be scheduled")
    )

    class Meta:
        model = WorkProgrammeItem
        fields = ["title", "report_of", "target_meeting", "key_decision", "is_exempt", "exempt_paragraph", "status"]

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = list(meetings or [])
        if self.instance.target_meeting_id and self.instance.target_meeting_id not in {m.pk for m in meetings}:
            meetings.append(self.instance.target_meeting)
        field = self.fields["target_meeting"]
        field.queryset = Meeting.objects.filter(pk__in=[m.pk for m in meetings])
        # The choices are built from the evaluated list: a table of fifty rows runs no query per row.
        field.choices = [("", _("To be scheduled"))] + [(m.pk, field.label_from_instance(m)) for m in meetings]
        self.fields["exempt_paragraph"].required = False
        self.fields["exempt_paragraph"].choices = [("", "---------"), *schedule_12a.offered()]
        if self.instance.status not in WorkProgrammeItem.MANUAL_STATUSES:
            self.initial["status"] = WorkProgrammeItem.Status.PLANNED
        for f in self.fields.values():
            _govuk(f)
        self.fields["title"].widget.attrs["class"] += " govuk-!-width-full"

    def clean(self):
        cleaned = super().clean()
        _check_exempt(self, cleaned)
        return cleaned


TableFormSet = forms.modelformset_factory(WorkProgrammeItem, form=TableRowForm, extra=0, can_delete=False)


class TableReasonForm(forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Reason for any moves"),
        help_text=_("Needed if you change an item's meeting: it is kept in each moved item's history."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("Start from an export. Nothing is saved unless every row is right.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise forms.ValidationError(_("The file is larger than 5 MB: split it and import it in parts."))
        return upload
