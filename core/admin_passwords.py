"""The admin's set-password form (a person's "Reset password"), its help in the reader's language.

Django's ``AdminPasswordChangeForm`` adds its warning to the translatable help with ``+``, which makes
the help an English str when Django starts; here it is joined lazily, so /cy/admin/ shows it in Welsh.
"""

from __future__ import annotations

from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

# Django's own markup for the warning (its script and stylesheet find it by its id).
_WARNING = '<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>'


class SetPasswordForm(AdminPasswordChangeForm):
    usable_password_help_text = format_lazy(
        "{}" + _WARNING,
        SetUnusablePasswordMixin.usable_password_help_text,
        gettext_lazy("If disabled, the current password for this user will be lost."),
    )
