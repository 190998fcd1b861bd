"""Every page, officers' and public."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "web"
    verbose_name = _("Web pages")

    def ready(self):
        # What moves a signed-in reader's kept entitlements (web/readers.py); imported here because Django
        # loads models only once the app registry is ready.
        from web import readers

        readers.connect()
