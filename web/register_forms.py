"""Forms for the register of members' interests: a member's entries and gifts, the monitoring
officer's dispensations. Each returns domain values; the rules are members/register.py's."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Person
from members import access as member_access
from members import categories
from web.meeting_forms import DateInput as PlainDateInput


class DateInput(PlainDateInput):
    def __init__(self, attrs=None, format=None):
        super().__init__({"class": "govuk-input govuk-input--width-10", **(attrs or {})}, format)


SENSITIVE_HELP = _(
    "Only if disclosing the details could lead to you, or someone connected with you, being subject to violence "
    "or intimidation (Localism Act 2011 s.32). The monitoring officer decides; the public register then says "
    "only that an interest is withheld."
)


class EntryForm(forms.Form):
    category = forms.ChoiceField(label=_("Kind of interest"), choices=())
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the employer and your job, the address of the land, the company and class of shares."),
    )
    arose_on = forms.DateField(
        label=_("Date the interest arose"), widget=DateInput, help_text=_("Or the day you became aware of it.")
    )
    sensitive = forms.BooleanField(required=False, label=_("This is a sensitive interest"), help_text=SENSITIVE_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choose the kind of interest")), *categories.choices()]


class ChangeForm(forms.Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    arose_on = forms.DateField(label=_("Date the interest arose"), widget=DateInput)
    ended_on = forms.DateField(
        label=_("Date the interest ended"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty if you still hold it."),
    )
    sensitive = forms.BooleanField(required=False, label=_("This is a sensitive interest"), help_text=SENSITIVE_HELP)


class GiftForm(forms.Form):
    donor = forms.CharField(label=_("Given by"), max_length=300)
    description = forms.CharField(label=_("What it was"), widget=forms.Textarea(attrs={"rows": 2}))
    value = forms.DecimalField(
        label=_("Estimated value in pounds"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-10", "step": "0.01"}),
    )
    received_on = forms.DateField(label=_("Date received"), widget=DateInput)


class DispensationForm(forms.Form):
    person = forms.ModelChoiceField(member_access.public_people().order_by("name"), label=_("Councillor"))
    committee = forms.ModelChoiceField(
        Committee.objects.filter(active=True),
        required=False,
        empty_label=_("Any meeting of the council"),
        label=_("Committee"),
    )
    scope = forms.CharField(
        label=_("Scope"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The business it covers, and whether they may speak and vote."),
    )
    granted_on = forms.DateField(label=_("Granted on"), widget=DateInput)
    expires_on = forms.DateField(
        label=_("Expires on"), widget=DateInput, help_text=_("At most four years after it is granted.")
    )
    granted_by = forms.CharField(label=_("Granted by"), initial="Standards Committee", max_length=200)


# Councillors' records kept by the monitoring officer's team and governance officers ---------------

PHOTO_MAX_BYTES = 5 * 1024 * 1024


class ProfileForm(forms.Form):
    """A councillor's photo, what it shows (its alt text), and the address they give for post."""

    photo = forms.ImageField(
        required=False,
        label=_("Photo"),
        help_text=_("A JPEG or PNG, at most 5 MB. Leave empty to keep the photo there is."),
        widget=forms.FileInput(attrs={"class": "govuk-file-upload", "accept": "image/jpeg,image/png"}),
    )
    photo_alt = forms.CharField(
        required=False,
        max_length=250,
        label=_("What the photo shows"),
        help_text=_(
            "Read out to people who cannot see it, for example: Head and shoulders of Cllr Ann Jones, smiling."
        ),
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )
    remove_photo = forms.BooleanField(required=False, label=_("Remove the photo"))
    postal_address = forms.CharField(
        required=False,
        label=_("Address for post"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
    )

    def __init__(self, *args, has_photo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_photo = has_photo

    def clean_photo(self):
        photo = self.cleaned_data["photo"]
        if photo and photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The photo must be 5 MB or smaller."))
        if photo and getattr(photo, "image", None) is not None and photo.image.format not in ("JPEG", "PNG"):
            raise forms.ValidationError(_("The photo must be a JPEG or a PNG."))
        return photo

    def clean(self):
        data = super().clean()
        keeps_photo = (data.get("photo") or self.has_photo) and not data.get("remove_photo")
        if keeps_photo and not (data.get("photo_alt") or "").strip():
            self.add_error("photo_alt", _("Say what the photo shows, for people who cannot see it."))
        return data


class AbsenceApprovalForm(forms.Form):
    person = forms.ModelChoiceField(
        member_access.public_people().filter(kind=Person.Kind.COUNCILLOR).order_by("name"),
        label=_("Councillor"),
        empty_label=_("Choose the councillor"),
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), help_text=_("The reason for the absence the council approved.")
    )
    approved_by = forms.CharField(
        label=_("Approved by"), max_length=200, initial="Council", help_text=_("The meeting that approved it.")
    )
    approved_on = forms.DateField(label=_("Date approved"), widget=DateInput)
    until = forms.DateField(label=_("Approved until"), widget=DateInput)
