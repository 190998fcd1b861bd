"""The public edition: a number that moves whenever something the public can see may have changed.

The anonymous page cache (web/caching.py) keys every page by it, so a report withdrawn, an agenda
published or minutes confirmed shows at once to the next visitor, rather than after the page's minute
in the cache runs out. What counts as a public change, and the signals that notice one, are
publishing's (publishing/public_changes.py).
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

from core import request_snapshot

KEY = "public-edition"


def current() -> int:
    """The edition now; a cache that lost it (restarted, evicted) starts a new one, never an old number."""
    edition = request_snapshot.get(KEY)  # once a page, with the reader's other values (web/readers.py)
    if edition is None:
        cache.add(KEY, time.time_ns(), timeout=None)
        edition = cache.get(KEY)
    return edition


def changed() -> None:
    """Something public changed: a new edition once the transaction that changed it commits.

    After the commit, so that no request can read the new edition and then the old rows.
    """
    transaction.on_commit(_next_edition)


def _next_edition() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not there: any new number will do
        cache.add(KEY, time.time_ns(), timeout=None)
