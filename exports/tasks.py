"""Thin tasks over the export services (which queue them by name)."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from exports import services


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def render_export(job_id: int) -> str | None:
    """Render one export job; a second run of the same job does nothing."""
    job = services.export_run(job_id=job_id)
    return job.status if job else None


@shared_task
def expire_exports() -> int:
    """Nightly: delete export files older than EXPORT_RETENTION_DAYS."""
    return services.export_expire()


@shared_task
def sweep_stale_exports() -> int:
    """Every ten minutes: fail export jobs that a killed worker left running."""
    return services.export_sweep_stale()
