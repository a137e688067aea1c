"""Thin tasks: each takes ids, calls a service, and is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from reporting.services import mailing


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_email(notification_id: int) -> bool:
    """E-mail one notice; a retried or repeated task never sends it twice."""
    return mailing.notification_email_send(notification_id=notification_id)


@shared_task
def send_verifier_digest() -> int:
    """Once a day: one e-mail per verifier with the kab/kota waiting for them."""
    return mailing.verifier_digest_send()
