"""Forms for scheduling meetings and building agendas. Each returns domain values from clean()."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee import routes
from committee.models import (
    AgendaItem,
    AgendaPublication,
    Committee,
    Consultation,
    Meeting,
    Venue,
)
from core import schedule_12a
from core.bilingual import bilingual_text
from reports.models import Report


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class VenueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Venue) -> str:
        return bilingual_text(obj, "name")  # "Neuadd y Sir" on a Welsh page


class MeetingForm(forms.Form):
    date = forms.DateField(widget=DateInput)
    time = forms.TimeField(widget=TimeInput, initial=datetime.time(19))
    venue = VenueChoiceField(Venue.objects.all(), required=False, empty_label=_("To be confirmed"))
    already_held = forms.BooleanField(
        required=False,
        label=_("This meeting has already taken place"),
        help_text=_(
            "For recording the council's history (moving in from another system, back-filling a year): "
            "its agenda is published as a record, with no deadline."
        ),
    )

    def starts_at(self) -> datetime.datetime:
        data = self.cleaned_data
        return datetime.datetime.combine(data["date"], data["time"], tzinfo=timezone.get_current_timezone())


class SeriesForm(forms.Form):
    first = forms.DateField(label=_("Date of the first meeting"), widget=DateInput)
    time = forms.TimeField(widget=TimeInput, initial=datetime.time(19))
    every_weeks = forms.IntegerField(label=_("Meet every (weeks)"), min_value=1, max_value=52, initial=6)
    count = forms.IntegerField(label=_("Number of meetings"), min_value=1, max_value=52, initial=6)
    venue = VenueChoiceField(Venue.objects.all(), required=False, empty_label=_("To be confirmed"))


def confidential_title_field() -> forms.CharField:
    return forms.CharField(
        max_length=500,
        required=False,
        label=_("Confidential title (Part 2 only)"),
        help_text=_(
            "The full title, for members entitled to Part 2. The title above is what the public agenda "
            "shows: word it so that it does not disclose what the exemption protects."
        ),
    )


class ItemForm(forms.Form):
    title = forms.CharField(max_length=500, error_messages={"required": _("Enter the item's title.")})
    confidential_title = confidential_title_field()
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    part = forms.TypedChoiceField(
        choices=AgendaItem.Part.choices, coerce=int, initial=1, widget=forms.RadioSelect, label=_("Part")
    )
    exempt_paragraph = forms.TypedChoiceField(
        choices=schedule_12a.choices,
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Schedule 12A paragraph (Part 2 only)"),
    )

    def clean(self):
        data = super().clean()
        if data.get("part") == AgendaItem.Part.EXEMPT and not data.get("exempt_paragraph"):
            self.add_error("exempt_paragraph", _("Choose the Schedule 12A paragraph that makes this item exempt."))
        if data.get("part") == AgendaItem.Part.PUBLIC:
            data["exempt_paragraph"] = None
            if data.get("confidential_title"):
                self.add_error("confidential_title", _("Only a Part 2 item has a confidential title."))
        return data


class EditItemForm(forms.Form):
    title = forms.CharField(max_length=500)
    confidential_title = confidential_title_field()
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, part: int = AgendaItem.Part.PUBLIC, **kwargs):
        super().__init__(*args, **kwargs)
        if part != AgendaItem.Part.EXEMPT:
            del self.fields["confidential_title"]


class CorrectTitleForm(forms.Form):
    """A published item: only its title's wording can be mended."""

    title = forms.CharField(max_length=500, error_messages={"required": _("Enter the item's title.")})


class ReportItemForm(forms.Form):
    report = forms.ModelChoiceField(
        Report.objects.none(),
        label=_("Report"),
        error_messages={
            "required": _("Choose a report for this committee that is not on the agenda yet."),
            "invalid_choice": _("Choose a report for this committee that is not on the agenda yet."),
        },
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # Reports whose route passes through this committee, and its own reports without a route.
        self.fields["report"].queryset = (
            Report.objects.filter(pk__in=Report.objects.filter(routes.offered_to(meeting)).values("pk"))
            .exclude(status=Report.Status.WITHDRAWN)
            .exclude(agenda_items__meeting=meeting)
            .order_by("title")
        )


class PublishForm(forms.Form):
    late_reason = forms.ChoiceField(
        choices=AgendaPublication.LateReason.choices,
        widget=forms.RadioSelect,
        required=False,
        label=_("Why is this being published after the deadline?"),
    )
    late_reason_detail = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("More detail (recorded with the reason)")
    )


class NoticeForm(forms.Form):
    notice = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Notice for the public"),
        help_text=_("Shown on the meeting page and in the calendar feeds."),
    )


class PostponeForm(NoticeForm):
    new_date = forms.DateField(widget=DateInput, required=False, label=_("New date (leave empty if not yet known)"))
    new_time = forms.TimeField(widget=TimeInput, required=False, label=_("New time"))

    def new_starts_at(self) -> datetime.datetime | None:
        data = self.cleaned_data
        if not data.get("new_date"):
            return None
        return datetime.datetime.combine(
            data["new_date"], data.get("new_time") or datetime.time(19), tzinfo=timezone.get_current_timezone()
        )


class RouteStepForm(forms.Form):
    """A step of a report's route: the committee, its meeting if it is fixed, and what it is asked to do."""

    committee = forms.ModelChoiceField(
        Committee.objects.filter(active=True),
        label=_("Committee"),
        error_messages={"required": _("Choose the committee."), "invalid_choice": _("Choose the committee.")},
    )
    meeting = forms.ModelChoiceField(
        Meeting.objects.none(),
        required=False,
        label=_("Meeting"),
        empty_label=_("To be decided"),
        help_text=_("Leave it to be decided until the meeting is known: putting the report on an agenda sets it."),
        error_messages={"invalid_choice": _("Choose one of the meetings listed, or leave it to be decided.")},
    )
    role = forms.ChoiceField(
        choices=Consultation.Role.choices,
        widget=forms.RadioSelect,
        label=_("The meeting is asked"),
        error_messages={"required": _("Choose what the meeting is asked to do.")},
    )

    def __init__(self, *args, changing: bool = False, current: Meeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if changing:
            del self.fields["committee"]
        # This year's meetings and those to come, not cancelled, and the step's own; the rules say
        # whether the one chosen fits (committee/routes.py).
        since = timezone.now() - datetime.timedelta(days=365)
        offered = Q(starts_at__gte=since) & ~Q(status=Meeting.Status.CANCELLED)
        if current is not None:
            offered |= Q(pk=current.pk)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(offered).select_related("committee").order_by("starts_at", "id")
        )
