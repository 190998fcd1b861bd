from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = "Committees and meetings"

    def ready(self):
        from publishing import public_edition

        public_edition.connect()
