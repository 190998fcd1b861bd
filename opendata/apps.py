from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Open data"

    def ready(self):
        from opendata import tombstones

        tombstones.connect()
