"""Celery tasks of Aksi HAM: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task
from django.utils.dateparse import parse_datetime

from aksiham.services.notices import reminders_send


@shared_task
def send_reminders(now: str | None = None) -> dict[str, int]:
    """Hourly (beat): due, overdue and waiting reminders; never twice per event."""
    count = reminders_send(now=parse_datetime(now) if now else None)
    return {"due": count.due, "overdue": count.overdue, "waiting": count.waiting}
