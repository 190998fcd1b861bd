"""What follows any publication."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        # Connecting signal handlers needs the app registry ready, hence the import here (Django's rule).
        from publishing import public_changes

        public_changes.connect()
