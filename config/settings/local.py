"""Development: DEBUG on unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)

# A fixed key for members' notes here only (reading_room/sealing.py); production sets its own.
READING_ROOM_NOTES_KEYS = READING_ROOM_NOTES_KEYS or ["WwCYU1YcLGZ-4XAAmvSArLWnj7cH5Zq1wUD2vQwJ4xE="]  # noqa: F405
