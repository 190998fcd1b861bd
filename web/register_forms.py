"""Forms for the register of members' interests: a member's entries and gifts, the monitoring
officer's dispensations. Each returns domain values; the rules are members/register.py's."""

from __future__ import annotations

from django import forms

from committee.models import Committee
from members import access as member_access
from members import categories
from web.meeting_forms import DateInput as PlainDateInput


class DateInput(PlainDateInput):
    def __init__(self, attrs=None, format=None):
        super().__init__({"class": "govuk-input govuk-input--width-10", **(attrs or {})}, format)


SENSITIVE_HELP = (
    "Only if disclosing the details could lead to you, or someone connected with you, being subject to violence "
    "or intimidation (Localism Act 2011 s.32). The monitoring officer decides; the public register then says "
    "only that an interest is withheld."
)


class EntryForm(forms.Form):
    category = forms.ChoiceField(label="Kind of interest", choices=())
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example the employer and your job, the address of the land, the company and class of shares.",
    )
    arose_on = forms.DateField(
        label="Date the interest arose", widget=DateInput, help_text="Or the day you became aware of it."
    )
    sensitive = forms.BooleanField(required=False, label="This is a sensitive interest", help_text=SENSITIVE_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Choose the kind of interest"), *categories.choices()]


class ChangeForm(forms.Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    arose_on = forms.DateField(label="Date the interest arose", widget=DateInput)
    ended_on = forms.DateField(
        label="Date the interest ended", widget=DateInput, required=False, help_text="Leave empty if you still hold it."
    )
    sensitive = forms.BooleanField(required=False, label="This is a sensitive interest", help_text=SENSITIVE_HELP)


class GiftForm(forms.Form):
    donor = forms.CharField(label="Given by", max_length=300)
    description = forms.CharField(label="What it was", widget=forms.Textarea(attrs={"rows": 2}))
    value = forms.DecimalField(
        label="Estimated value in pounds",
        min_value=0,
        max_digits=9,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-10", "step": "0.01"}),
    )
    received_on = forms.DateField(label="Date received", widget=DateInput)


class DispensationForm(forms.Form):
    person = forms.ModelChoiceField(member_access.public_people().order_by("name"), label="Councillor")
    committee = forms.ModelChoiceField(
        Committee.objects.filter(active=True), required=False, empty_label="Any meeting of the council"
    )
    scope = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The business it covers, and whether they may speak and vote.",
    )
    granted_on = forms.DateField(widget=DateInput)
    expires_on = forms.DateField(widget=DateInput, help_text="At most four years after it is granted.")
    granted_by = forms.CharField(initial="Standards Committee", max_length=200)
