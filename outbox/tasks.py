"""Beat task that sends what could not be sent when its transaction committed."""

from __future__ import annotations

from celery import shared_task

from outbox.services import dispatch_pending as dispatch_pending_service


@shared_task
def dispatch_pending() -> int:
    """Every minute: hand recorded tasks to the broker; safe to run any number of times."""
    return dispatch_pending_service()
