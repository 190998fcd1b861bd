from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Open data"

    def ready(self):
        from config import bad_requests
        from opendata import tombstones, views_moderngov, views_oparl

        tombstones.connect()
        # The APIs answer a refused request in their own format, not with an HTML page.
        bad_requests.register_responder("/oparl/", views_oparl.bad_request)
        bad_requests.register_responder("/mgwebservice.asmx/", views_moderngov.service_error)
