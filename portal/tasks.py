"""Housekeeping tasks of the site shell."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "portal:worker-heartbeat"


@shared_task
def heartbeat() -> str:
    """Record that a worker ran a task; safe to run any number of times."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now


@shared_task
def ping(token: str) -> str:
    """Echo a token back: proves that a worker takes tasks from the broker."""
    return f"pong:{token}"
