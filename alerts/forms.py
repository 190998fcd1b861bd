"""The form to ask for an alert, without an account."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import Alert
from committee.models import Committee, Person, Ward
from core import bad_requests


class IdChoiceField(forms.ModelChoiceField):
    """A choice by id that refuses a value no id can be ("²", thirty digits) before asking the database."""

    def to_python(self, value):
        if value not in self.empty_values and bad_requests.parse_int(str(value)) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


PUBLIC_KINDS = [(k, label) for k, label in Alert.Kind.choices if k != Alert.Kind.MEMBER_PAPERS]


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    kind = forms.ChoiceField(label=_("What do you want to follow?"), choices=PUBLIC_KINDS, widget=forms.RadioSelect)
    committee = IdChoiceField(queryset=Committee.objects.filter(active=True), required=False)
    ward = forms.ModelChoiceField(queryset=Ward.objects.all(), required=False, to_field_name="slug")
    words = forms.CharField(label=_("Words"), max_length=200, required=False, strip=True)
    person = IdChoiceField(
        queryset=Person.objects.filter(kind__in=[Person.Kind.COUNCILLOR, Person.Kind.CO_OPTED]), required=False
    )
    frequency = forms.ChoiceField(
        label=_("How often?"),
        choices=Alert.Frequency.choices,
        initial=Alert.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_words(self) -> str:
        return " ".join(self.cleaned_data["words"].split())

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needed = {
            Alert.Kind.COMMITTEE: "committee",
            Alert.Kind.WARD: "ward",
            Alert.Kind.WORDS: "words",
            Alert.Kind.COUNCILLOR: "person",
        }.get(kind)
        if needed and not data.get(needed):
            messages = {
                "committee": "Choose the committee to follow.",
                "ward": "Choose the ward to follow.",
                "words": "Enter the words to look for.",
                "person": "Choose the councillor to follow.",
            }
            self.add_error(needed, messages[needed])
        return data

    def alert_fields(self) -> dict:
        """What the new alert follows: only the field its kind needs."""
        data = self.cleaned_data
        kind = data["kind"]
        return {
            "kind": kind,
            # Words may be narrowed to one committee, as on the search page.
            "committee": data["committee"] if kind in (Alert.Kind.COMMITTEE, Alert.Kind.WORDS) else None,
            "ward": data["ward"] if kind == Alert.Kind.WARD else None,
            "words": data["words"] if kind == Alert.Kind.WORDS else "",
            "person": data["person"] if kind == Alert.Kind.COUNCILLOR else None,
            "frequency": data["frequency"],
        }
