"""The demo council, loaded by manage.py loaddemo."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "The demo council"
