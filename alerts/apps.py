"""E-mail alerts: the public's, without an account, and councillors' for their committees."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("E-mail alerts")

    def ready(self) -> None:
        # Imported here because Django loads models only once the app registry is ready; publishing sits
        # below alerts and so offers a hook that alerts registers with (docs/architecture.md).
        from alerts import tasks
        from members import register
        from publishing import publication
        from work_programme import programme

        publication.on_agenda_published(tasks.queue_matching)
        programme.on_change(tasks.queue_plan_matching)
        register.on_version_published(tasks.queue_register_matching)
        register.on_gift_published(tasks.queue_gift_matching)
