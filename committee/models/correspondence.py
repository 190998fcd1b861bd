"""The language each signed-in person is written to in (committee/correspondence.py decides it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class EmailLanguage(models.Model):
    """A person's e-mail language: the one they chose on their account page, or else the one they last
    signed in at (``chosen`` says which, so that signing in never undoes a choice)."""

    class Language(models.TextChoices):
        # Each named in itself, as the site's language switch names them.
        ENGLISH = "en-gb", "English"
        WELSH = "cy", "Cymraeg"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="email_language"
    )
    language = models.CharField(max_length=10, choices=Language.choices)
    chosen = models.BooleanField(default=False)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user} — {self.language}"
