"""What follows any publication."""

from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        # Connecting signal handlers needs the app registry ready, hence the import here (Django's rule).
        from publishing import public_changes

        public_changes.connect()
