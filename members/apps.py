"""Councillors: their pages, their register of interests, gifts and dispensations, and attendance."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Councillors and their interests")
