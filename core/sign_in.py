"""The sign-in forms, without the autofocus Django puts on the user name.

GOV.UK advises against autofocus: it moves a screen reader past the page's heading and makes the
user name, not the "Skip to main content" link, the first Tab stop.
"""

from __future__ import annotations

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm


class NoAutofocusMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)


class SignInForm(NoAutofocusMixin, AuthenticationForm):
    pass


class AdminSignInForm(NoAutofocusMixin, AdminAuthenticationForm):
    pass
