"""Signing in: officers land on their dashboard, everyone else on the home page.

A ``next`` address (the page that asked them to sign in) still comes first.
"""

from __future__ import annotations

from django.contrib.auth.views import LoginView, LogoutView
from django.shortcuts import resolve_url
from django.urls import reverse

from committee import access, correspondence
from core.sign_in import SignInForm


class SignInView(LoginView):
    authentication_form = SignInForm

    def get_default_redirect_url(self):
        # Called once the user is signed in, so request.user is who just signed in.
        if access.is_staff_user(self.request.user):
            return reverse("reports:dashboard")
        return super().get_default_redirect_url() or resolve_url("home")

    def form_valid(self, form):
        # Public pages are sent "public, max-age" without Vary: Cookie (web/caching.py), so the browser
        # may hold anonymous copies: drop them, or the page they return to shows no signed-in controls.
        response = super().form_valid(form)
        response["Clear-Site-Data"] = '"cache"'
        # Until they choose on their account page, people are e-mailed in the language they sign in at.
        correspondence.signed_in(self.request.user)
        return response


class SignOutView(LogoutView):
    """Signing out also clears what this browser kept: the reading room's offline papers (Part 2 among
    them) and anything else in its storage and cache (Clear-Site-Data; the service worker is told too,
    by static/js/reading-room.js, for browsers that ignore the header)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
