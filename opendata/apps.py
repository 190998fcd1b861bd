from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        # Connecting signal handlers and responders needs the app registry ready, hence the imports here
        # (Django's rule).
        from core import bad_requests
        from opendata import tombstones
        from opendata.views import moderngov
        from opendata.views import oparl as views_oparl

        tombstones.connect()
        # The APIs answer a refused request in their own format, not with an HTML page.
        bad_requests.register_responder("/oparl/", views_oparl.bad_request)
        bad_requests.register_responder("/mgwebservice.asmx/", moderngov.service_error)
