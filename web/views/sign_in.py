"""Signing in: officers land on their dashboard, everyone else on the home page.

A ``next`` address (the page that asked them to sign in) still comes first.
"""

from __future__ import annotations

from django.contrib.auth.views import LoginView
from django.shortcuts import resolve_url
from django.urls import reverse

from committee import access
from core.sign_in import SignInForm


class SignInView(LoginView):
    authentication_form = SignInForm

    def get_default_redirect_url(self):
        # Called once the user is signed in, so request.user is who just signed in.
        if access.is_staff_user(self.request.user):
            return reverse("reports:dashboard")
        return super().get_default_redirect_url() or resolve_url("home")
