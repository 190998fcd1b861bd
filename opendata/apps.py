from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Open data"

    def ready(self):
        # Connecting signal handlers needs the app registry ready, hence the import here (Django's rule).
        from opendata import tombstones

        tombstones.connect()
