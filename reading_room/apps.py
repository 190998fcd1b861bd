"""The councillors' reading room: their committees' coming papers, private notes, what changed."""

from django.apps import AppConfig


class ReadingRoomConfig(AppConfig):
    name = "reading_room"
    verbose_name = "Reading room"
