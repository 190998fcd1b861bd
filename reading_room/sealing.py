"""Notes sealed at rest: Fernet (AES-128-CBC with an HMAC) with keys from the environment.

READING_ROOM_NOTES_KEYS is a list, newest first: a note is sealed with the first and opened with any,
so a council can rotate the key without losing notes (``cryptography``'s MultiFernet). A database dump,
a backup or the admin shows only tokens.
"""

from __future__ import annotations

import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class NoteUnreadable(Exception):
    """The note was sealed with a key this server no longer has."""


def _fernet() -> MultiFernet:
    keys = getattr(settings, "READING_ROOM_NOTES_KEYS", [])
    if not keys:
        raise ImproperlyConfigured("Set READING_ROOM_NOTES_KEY (Fernet.generate_key()) to keep members' notes.")
    return MultiFernet([Fernet(key) for key in keys])


def seal(quote: str, text: str) -> str:
    payload = json.dumps({"quote": quote, "text": text}, ensure_ascii=False).encode()
    return _fernet().encrypt(payload).decode("ascii")


def unseal(token: str) -> tuple[str, str]:
    """(quote, text) of a sealed note."""
    try:
        payload = json.loads(_fernet().decrypt(token.encode("ascii")))
    except InvalidToken as error:
        raise NoteUnreadable("This note was sealed with a key the server no longer holds.") from error
    return payload["quote"], payload["text"]
