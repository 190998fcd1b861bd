from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = _("Committees and meetings")

    def ready(self):
        # core/ asks for the council and the record lives here; imported here as Django loads models
        # only once the app registry is ready.
        from committee.models import saved_council_identity
        from core import council

        council.register_source(saved_council_identity)
