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


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=2)
def render_export_part(
    self, job_id: int, attempt: int, index: int, html: str
) -> str | None:
    """One part of a long PDF. A killed worker's part is delivered again; a part that
    keeps failing fails the whole job (the merge never runs)."""
    try:
        return services.export_render_part(
            job_id=job_id, attempt=attempt, index=index, html=html
        )
    except Exception as exc:
        if self.request.retries >= self.max_retries:
            services.export_part_failed(job_id=job_id, attempt=attempt)
            raise
        raise self.retry(exc=exc, countdown=1) from exc


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def merge_export_parts(
    names: list[str | None], job_id: int, attempt: int
) -> str | None:
    """The chord's end: every part rendered; merge them into the job's file."""
    job = services.export_merge_parts(job_id=job_id, attempt=attempt, names=names)
    return job.status if job else None


@shared_task
def expire_exports() -> int:
    """Nightly: delete export files older than EXPORT_RETENTION_DAYS."""
    return services.export_expire()


@shared_task
def sweep_stale_exports() -> int:
    """Every ten minutes: fail export jobs that a killed worker left running."""
    return services.export_sweep_stale()
