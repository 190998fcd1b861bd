"""A signed-in person's own settings: the language the site e-mails them in (committee/correspondence.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from committee import correspondence
from committee.models import EmailLanguage


@login_required
@require_http_methods(["GET", "POST"])
def email_language(request):
    if request.method == "POST":
        language = request.POST.get("language", "")
        if language in EmailLanguage.Language.values:
            correspondence.choose(request.user, language)
            messages.success(request, _("Saved: we will e-mail you in the language you chose."))
            return redirect("email_language")
        messages.error(request, _("Choose English or Welsh."))
        return redirect("email_language")
    context = {
        "language": correspondence.for_user(request.user),
        "languages": EmailLanguage.Language.choices,
        "address": request.user.email,
    }
    return render(request, "registration/email_language.html", context)
