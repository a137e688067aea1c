"""Thin tasks over the stored-file services."""

from __future__ import annotations

from celery import shared_task

from files.services import partial, previews, removal


# No automatic retry: a preview is drawn once, and a failure is an answer too.
@shared_task(
    acks_late=True, reject_on_worker_lost=True, soft_time_limit=240, time_limit=300
)
def render_preview(preview_id: int) -> str | None:
    """Draw one evidence preview under the renderer's limits; safe to run twice."""
    row = previews.preview_render(preview_id=preview_id)
    return row.status if row else None


@shared_task
def purge_removed_evidence() -> int:
    """Nightly: delete the bytes of evidence removed EVIDENCE_REMOVED_RETENTION_DAYS ago."""
    return removal.removed_files_purge()


@shared_task
def sweep_partial_uploads() -> int:
    """Hourly: remove resumable uploads left alone past UPLOAD_PARTIAL_HOURS."""
    return partial.partial_sweep()
