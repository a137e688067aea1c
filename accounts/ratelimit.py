"""Counting uses of an action per key in the shared cache.

The cache is Redis in CI and production (shared by every gunicorn worker) and a file
cache otherwise. Windows are fixed and aligned to the clock (``window = now // length``),
so a test that sets the clock with time-machine moves into the next window.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Rate:
    """At most ``limit`` uses per ``seconds``; ``name`` separates the counters."""

    name: str
    limit: int
    seconds: int

    @classmethod
    def from_setting(cls, name: str) -> Rate:
        limit, seconds = getattr(settings, name)
        return cls(name=name.lower(), limit=limit, seconds=seconds)


def rate_hit(rate: Rate, key: str) -> int:
    """Count one use by ``key``; the seconds to wait when over the limit, else 0."""
    now = time.time()
    window = int(now // rate.seconds)
    digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]
    cache_key = f"rate:{rate.name}:{digest}:{window}"
    timeout = rate.seconds + 60
    cache.add(cache_key, 0, timeout=timeout)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=timeout)
        count = 1
    if count > rate.limit:
        return max(1, math.ceil((window + 1) * rate.seconds - now))
    return 0


def minutes(seconds: int) -> int:
    """A wait in whole minutes, as people are told it (at least 1)."""
    return max(1, math.ceil(seconds / 60))
