"""A signed-in reader's generation: a counter in the shared cache that names what they are entitled
to (web/readers.py keeps a reader's entitlements under it). Anything that changes who may read what
of someone calls ``changed`` with their user's id; their next request then works it out afresh.

It moves at once and again when the change is committed, so a request that read the database before
the commit cannot keep what it read under the new generation. A counter that is lost (Redis restarted
or evicting) starts again from the clock, never from a number an old key used.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

from core import request_snapshot


def key(user_id) -> str:
    """Where a user's generation is kept in the shared cache (web/readers.py prefetches it)."""
    return f"reader-generation:{user_id}"


def generation(user_id) -> int:
    where = key(user_id)
    found = request_snapshot.get(where)
    if found is None:
        cache.add(where, time.time_ns(), None)
        found = cache.get(where)
    # A cache that keeps nothing (Redis down): a new generation every time, so nothing is ever found.
    return found if found is not None else time.time_ns()


def _move(user_ids) -> None:
    for user_id in user_ids:
        try:
            cache.incr(key(user_id))
        except ValueError:  # none kept: any new value moves it
            cache.set(key(user_id), time.time_ns(), None)


def changed(*user_ids) -> None:
    """What these users are entitled to may have changed."""
    users = {pk for pk in user_ids if pk is not None}
    if users:
        _move(users)
        transaction.on_commit(lambda: _move(users))
