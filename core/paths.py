"""Paths to the pages of many objects of one kind, without a reverse() for each.

``reverse()`` searches the URL patterns on every call (30–60 µs on a small server). A list page links to
tens of meetings and committees and a feed to hundreds, so that was a tenth of their rendering. Here a
named URL that takes one argument is reversed once a process (script prefix and language: Welsh paths
start /cy/) with a stand-in value,
and each path is the part before it, the value and the part after: the same string ``reverse()`` gives,
because the int and slug converters write a value as ``str(value)`` and a slug's characters need no
quoting. A value its converter would refuse goes to ``reverse()``, which refuses it as before.
"""

from __future__ import annotations

import functools
import re

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

_STAND_INS = {int: 918_273_645_546_372_819, str: "zq-stand-in-qz"}
_PLAIN = {int: re.compile(r"[0-9]+"), str: re.compile(r"[-a-zA-Z0-9_]+")}


@functools.cache
def _around(prefix: str, language: str | None, name: str, kind: type) -> tuple[str, str]:
    stand_in = str(_STAND_INS[kind])
    head, found, tail = reverse(name, args=[_STAND_INS[kind]]).partition(stand_in)
    if not found or stand_in in tail:
        raise ValueError(f"{name} does not take its one argument as a plain path segment")
    return head, tail


def path_to(name: str, value: int | str) -> str:
    """``reverse(name, args=[value])`` for a URL whose one argument is an int (a pk) or a slug."""
    kind = type(value)
    if kind not in _PLAIN or not _PLAIN[kind].fullmatch(str(value)):
        return reverse(name, args=[value])
    head, tail = _around(get_script_prefix(), get_language(), name, kind)
    return f"{head}{value}{tail}"
