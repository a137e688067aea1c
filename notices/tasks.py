"""Thin tasks over the notice services."""

from __future__ import annotations

from celery import shared_task

from notices import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_email(notification_id: int) -> bool:
    """E-mail one notice; a retried or repeated task never sends it twice."""
    return services.notification_email_send(notification_id=notification_id)
