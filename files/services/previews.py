"""Previews of stored files: one bounded attempt per file content, kept whatever its outcome.

A page view never draws anything itself: it queues at most PREVIEW_PER_PAGE missing
previews for the worker (``files.tasks.render_preview``, through the outbox) and
shows what is already known. The worker draws under the limits of
``files.drawing``; success and failure are both stored, so a hostile file costs
its few seconds once and afterwards answers at once with "not available".
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from files.drawing import Limits, render_pdf_first_page
from files.models import Preview, StoredFileFields, stored_file_models
from outbox.services import enqueue_many_after_commit

PDF = "application/pdf"
IMAGES = ("image/jpeg", "image/png")

# What the console shows for one file (the preview state of one stored file).
IMAGE = "image"  # shown as it is: nothing to draw
NONE = "none"  # a PDF nobody has asked to draw yet
NOT_PREVIEWABLE = ""


def _key(evidence: StoredFileFields) -> tuple[str, int]:
    return evidence.sha256, evidence.size


def _status(row: Preview) -> str:
    """A drawing still "running" long after the wall limit died with its worker."""
    if row.status == Preview.Status.RUNNING and row.started_at:
        limit = datetime.timedelta(seconds=settings.PREVIEW_WALL_SECONDS + 60)
        if timezone.now() - row.started_at > limit:
            return Preview.Status.FAILED
    return row.status


def preview_states(evidences: Iterable[StoredFileFields]) -> dict[int, str]:
    """File pk → IMAGE, NONE, NOT_PREVIEWABLE or a Preview.Status, in one query."""
    files = list(evidences)
    pdfs = [e for e in files if e.content_type == PDF]
    known: dict[tuple[str, int], str] = {}
    if pdfs:
        rows = Preview.objects.filter(sha256__in={e.sha256 for e in pdfs})
        known = {(r.sha256, r.size): _status(r) for r in rows}
    states = {}
    for e in files:
        if e.content_type in IMAGES:
            states[e.pk] = IMAGE
        elif e.content_type == PDF:
            states[e.pk] = known.get(_key(e), NONE)
        else:
            states[e.pk] = NOT_PREVIEWABLE
    return states


def previews_request(evidences: Iterable[StoredFileFields], *, limit: int) -> int:
    """Queue drawings for at most ``limit`` PDFs that have no preview record yet.

    Returns how many were queued. A file whose drawing was tried, whatever came of it,
    is never queued again, so repeating the request costs nothing; the number of
    queries does not grow with the number of files.
    """
    wanted: list[tuple[str, int]] = []
    for evidence in evidences:
        key = _key(evidence)
        if evidence.content_type == PDF and key not in wanted:
            wanted.append(key)
    if not wanted:
        return 0
    shas = {sha for sha, _ in wanted}
    existing = set(
        Preview.objects.filter(sha256__in=shas).values_list("sha256", "size")
    )
    missing = [key for key in wanted if key not in existing][:limit]
    if not missing:
        return 0
    with transaction.atomic():
        # Another request may create the same record at the same moment: the
        # second drawing task then finds it claimed and does nothing.
        Preview.objects.bulk_create(
            [Preview(sha256=sha, size=size) for sha, size in missing],
            ignore_conflicts=True,
        )
        created = [
            pk
            for pk, sha, size in Preview.objects.filter(
                sha256__in={sha for sha, _ in missing}, status=Preview.Status.PENDING
            ).values_list("pk", "sha256", "size")
            if (sha, size) in missing
        ]
        enqueue_many_after_commit(
            "files.tasks.render_preview", [[pk] for pk in created]
        )
    return len(created)


def _claim(preview_id: int) -> Preview | None:
    """Mark a pending record running; one left running past the limits was interrupted."""
    with transaction.atomic():
        row = Preview.objects.select_for_update().filter(pk=preview_id).first()
        if row is None or row.status in (Preview.Status.DONE, Preview.Status.FAILED):
            return None
        if row.status == Preview.Status.RUNNING:
            if _status(row) == Preview.Status.RUNNING:
                return None  # a second task for the same file: the first one draws
            # The worker that started it stopped midway: never draw this file again.
            row.status = Preview.Status.FAILED
            row.reason = "interrupted: the worker stopped while drawing"
            row.finished_at = timezone.now()
            row.save(update_fields=["status", "reason", "finished_at"])
            return None
        row.status = Preview.Status.RUNNING
        row.started_at = timezone.now()
        row.save(update_fields=["status", "started_at"])
        return row


def preview_render(*, preview_id: int) -> Preview | None:
    """Draw one queued preview (worker side); a second run of the same task does nothing."""
    row = _claim(preview_id)
    if row is None:
        return None
    evidence = next(
        (
            found
            for model in stored_file_models()
            if (
                found := model._default_manager.filter(
                    sha256=row.sha256, size=row.size, content_type=PDF
                )
                .order_by("pk")
                .first()
            )
        ),
        None,
    )
    if evidence is None:
        row.delete()  # the file was removed before its turn: nothing to keep
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        with evidence.file.open("rb") as handle, source.open("wb") as out:
            shutil.copyfileobj(handle, out, 64 * 1024)
        rendered = render_pdf_first_page(source, Limits.from_settings())
    if rendered.png is not None:
        if default_storage.exists(row.file_name):
            default_storage.delete(row.file_name)
        default_storage.save(row.file_name, ContentFile(rendered.png))
    row.status = Preview.Status.DONE if rendered.png else Preview.Status.FAILED
    row.reason = rendered.reason[:300]
    row.cpu_seconds = Decimal(f"{rendered.cpu_seconds:.2f}")
    row.finished_at = timezone.now()
    row.save(update_fields=["status", "reason", "cpu_seconds", "finished_at"])
    return row


@dataclass(frozen=True)
class Shown:
    """What the preview URL answers: the bytes, or the state that explains why not."""

    state: str
    content: bytes | None = None
    content_type: str = ""


def preview_show(evidence: StoredFileFields) -> Shown:
    """Never draws: an image as it is, a stored PNG, or the known state."""
    if evidence.content_type in IMAGES:
        with evidence.file.open("rb") as handle:
            return Shown(IMAGE, handle.read(), evidence.content_type)
    if evidence.content_type != PDF:
        return Shown(NOT_PREVIEWABLE)
    row = Preview.objects.filter(sha256=evidence.sha256, size=evidence.size).first()
    if row is None:
        return Shown(NONE)
    if row.status != Preview.Status.DONE:
        return Shown(_status(row))
    try:
        with default_storage.open(row.file_name, "rb") as handle:
            return Shown(row.status, handle.read(), "image/png")
    except FileNotFoundError:
        # The PNG was lost (a restore without it): the next review page draws it again.
        row.delete()
        return Shown(NONE)
