"""Tests: fast hashing, in-memory e-mail, media in a temporary folder."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="committee-reports-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="committee-reports-static-")
# Browser tests are served by the live server: let whitenoise find files where they are.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A fixed key for members' notes here only (reading_room/sealing.py); production sets its own.
READING_ROOM_NOTES_KEYS = READING_ROOM_NOTES_KEYS or ["WwCYU1YcLGZ-4XAAmvSArLWnj7cH5Zq1wUD2vQwJ4xE="]  # noqa: F405
