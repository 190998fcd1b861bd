"""The councillors' reading room: their committees' coming papers, private notes, what changed."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadingRoomConfig(AppConfig):
    name = "reading_room"
    verbose_name = _("Reading room")
