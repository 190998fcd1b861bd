"""The shared cache (Redis) as an optimisation the site works without.

Everything kept in it can be made again: pages and report bodies are rendered afresh, the public
edition starts a new number, sessions are read from the database (``cached_db``), and sign-in
throttling counts failures in the database (django-axes' database handler). So when Redis cannot be
reached, ``FailSafeRedisCache`` answers as an empty cache that keeps nothing — ``get`` gives the
default, ``add`` and ``set`` keep nothing — instead of raising, and the request goes on uncached.

- **Not a stall for every request.** A connection is given up after ``socket_connect_timeout``; after a
  failure the process does not try Redis again for ``RETRY_SECONDS``, answering from nothing at once.
- **Logged once an outage,** not once a request: an error when Redis is lost, a warning when it is back.
- **Emptied when it is back.** While it was away the database moved on without it: a report withdrawn
  did not move the public edition, a person who signed out still has a session kept in it. So the first
  call that finds Redis again empties it (``clear()``, Django's ``FLUSHDB``: give the site a Redis
  database of its own) before anything is read from it.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# How long a process answers from nothing after Redis failed, before trying it again.
RETRY_SECONDS = 5.0

# Connections give up quickly (a Redis that does not answer must not hold a page for long) and are
# not retried within a call: the next call, seconds later, is the retry.
FAST_FAILING = {
    "socket_connect_timeout": 0.5,
    "socket_timeout": 1.0,
    "retry": Retry(NoBackoff(), 0),
}


class _Outage:
    """Whether Redis at one address is out, shared by every thread of the process (Django makes a
    cache object per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


def reset() -> None:
    """Forget every outage (tests)."""
    with _outages_lock:
        _outages.clear()


class _OneClientAPool(RedisCacheClient):
    """Django makes a new ``redis.Redis`` for every call, whose constructor builds a table of some two
    hundred reply parsers: a fifth of a millisecond a call, six calls a signed-in page. One client a
    pool serves every call the same (it takes a connection from the pool for each command)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**FAST_FAILING, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._class = _OneClientAPool
        self._outage = _outage_for(",".join(self._servers))

    # The outage: noticed, waited out, and ended --------------------------------------------------------

    def _usable(self) -> bool:
        outage = self._outage
        if outage.down_since is None:
            return True
        with outage.lock:
            if outage.down_since is None:
                return True
            if time.monotonic() < outage.retry_at:
                return False
            outage.retry_at = time.monotonic() + RETRY_SECONDS  # one thread tries; the others wait it out
        try:
            super().clear()
        except RedisError:
            return False
        with outage.lock:
            seconds = time.monotonic() - outage.down_since if outage.down_since is not None else 0
            outage.down_since = None
        logger.warning("Redis is reachable again after %.0f seconds; emptied it, as it missed what changed.", seconds)
        return True

    def _failed(self, error: RedisError) -> None:
        outage = self._outage
        with outage.lock:
            first = outage.down_since is None
            if first:
                outage.down_since = time.monotonic()
            outage.retry_at = time.monotonic() + RETRY_SECONDS
        if first:
            logger.error(
                "Redis cannot be reached (%s): serving pages uncached and sessions from the database until it is back.",
                error,
            )

    def _safely(self, call, default):
        if not self._usable():
            return default
        try:
            return call()
        except RedisError as error:
            self._failed(error)
            return default

    # Django's cache API, each answering as an empty cache that keeps nothing while Redis is out --------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(lambda: super(FailSafeRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._safely(lambda: super(FailSafeRedisCache, self).get(key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(lambda: super(FailSafeRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(lambda: super(FailSafeRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        return self._safely(lambda: super(FailSafeRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None):
        return self._safely(lambda: super(FailSafeRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._safely(lambda: super(FailSafeRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        # A key that is not there still raises ValueError, as Django's caches do: callers rely on it.
        return self._safely(lambda: super(FailSafeRedisCache, self).incr(key, delta, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(lambda: super(FailSafeRedisCache, self).set_many(data, timeout, version), list(data))

    def delete_many(self, keys, version=None):
        return self._safely(lambda: super(FailSafeRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._safely(lambda: super(FailSafeRedisCache, self).clear(), False)
