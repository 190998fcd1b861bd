"""Councillors: their pages, their register of interests, gifts and dispensations, and attendance."""

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Councillors and their interests"
