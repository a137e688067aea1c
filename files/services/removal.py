"""Removing, restoring and purging stored files (KKPHAM and Aksi HAM evidence).

Removal never deletes the row: it records who removed the file, when and why, and
hides it from everything that reads active files. The bytes stay in storage for
``EVIDENCE_REMOVED_RETENTION_DAYS``; until then an administrator can restore the
file. Afterwards the nightly purge deletes the bytes and keeps the row (``purged_at``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from files import checks
from files.models import RemovableFileFields, stored_file_models
from kernel.clock import when
from kernel.errors import Refusal


def mark_removed(
    item: RemovableFileFields, *, actor: User, reason: str, now: datetime.datetime
) -> None:
    if item.removed_at is not None:
        raise Refusal(_("Berkas ini sudah dihapus."))
    item.removed_at = now
    item.removed_by = actor
    item.removal_reason = reason.strip()[:300]
    item.save(update_fields=["removed_at", "removed_by", "removal_reason"])


def removed_note(item: RemovableFileFields) -> str:
    """The history line of a removal: name, hash, who, when (with zone), why."""
    note = _(
        "Data dukung “%(name)s” (SHA-256 %(sha)s) dihapus oleh %(who)s pada %(when)s."
    ) % {
        "name": item.original_name,
        "sha": item.sha256,
        "who": item.removed_by.get_username(),
        "when": when(item.removed_at),
    }
    if item.removal_reason:
        note += " " + _("Alasan: %(reason)s") % {"reason": item.removal_reason}
    return note


def restore_refusal(actor: User, item: RemovableFileFields) -> str | None:
    """Why this removed file cannot be restored by this user, or None."""
    if not access.is_administrator(actor):
        return _("Hanya administrator yang dapat memulihkan data dukung.")
    if item.removed_at is None:
        return _("“%(name)s” tidak dihapus.") % {"name": item.original_name}
    if item.purged_at is not None:
        return _(
            "Berkas “%(name)s” sudah dimusnahkan pada %(when)s setelah masa simpan "
            "%(days)d hari; unggah ulang berkasnya."
        ) % {
            "name": item.original_name,
            "when": when(item.purged_at),
            "days": settings.EVIDENCE_REMOVED_RETENTION_DAYS,
        }
    return None


def check_restore_fits(item: RemovableFileFields, active) -> None:
    """A restored file must not duplicate an active one or exceed the size limit."""
    same = active.filter(sha256=item.sha256).first()
    if same is not None:
        raise Refusal(
            _("Berkas yang sama sudah terlampir sebagai “%(name)s”.")
            % {"name": same.original_name}
        )
    used = active.aggregate(total=Sum("size"))["total"] or 0
    if used + item.size > checks.max_answer_bytes():
        raise Refusal(
            _(
                "Jika dipulihkan, total data dukung menjadi %(size)s MB; batasnya "
                "%(limit)d MB."
            )
            % {
                "size": checks.mb(used + item.size),
                "limit": settings.EVIDENCE_MAX_ANSWER_MB,
            }
        )


def check_restorable(
    item: RemovableFileFields, *, actor: User, state_refusal: str | None, active
) -> None:
    """Refuse the restore of ``item`` among the ``active`` files of its owner: by
    someone who may not restore, of a file not removed or already purged, while the
    owner cannot be edited (``state_refusal``, the programme's reason), or when it
    would duplicate an active file or exceed the size limit."""
    refusal = restore_refusal(actor, item)
    if refusal:
        raise Refusal(refusal)
    if state_refusal:
        raise Refusal(
            _("“%(name)s” tidak dapat dipulihkan: %(why)s")
            % {"name": item.original_name, "why": state_refusal}
        )
    check_restore_fits(item, active)


def mark_restored(
    item: RemovableFileFields, *, actor: User, now: datetime.datetime
) -> str:
    """Clear the removal; returns the history line (the removal stays in history)."""
    note = _(
        "Data dukung “%(name)s” (SHA-256 %(sha)s) dipulihkan oleh %(who)s pada %(when)s."
    ) % {
        "name": item.original_name,
        "sha": item.sha256,
        "who": actor.get_username(),
        "when": when(now),
    }
    item.removed_at = None
    item.removed_by = None
    item.removal_reason = ""
    item.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    return note


def removed_files_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the bytes of files removed longer than the retention period ago."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.EVIDENCE_REMOVED_RETENTION_DAYS)
    purged = 0
    for model in stored_file_models(RemovableFileFields):
        for pk in model.all_objects.filter(
            removed_at__lt=cutoff, purged_at=None
        ).values_list("pk", flat=True):
            purged += _purge_one(model, pk, cutoff, now)
    return purged


@transaction.atomic
def _purge_one(model, pk: int, cutoff: datetime.datetime, now) -> int:
    item = (
        model.all_objects.select_for_update()
        .filter(pk=pk, removed_at__lt=cutoff, purged_at=None)
        .first()
    )
    if item is None:  # restored or purged meanwhile
        return 0
    stored = item.file
    item.purged_at = now
    item.save(update_fields=["purged_at"])
    if not file_still_used(stored.name, but=item):
        transaction.on_commit(lambda: stored.storage.delete(stored.name))
    return 1


def file_still_used(name: str, *, but) -> bool:
    """Whether a row other than ``but`` still needs the stored bytes ``name``.

    A year started from last year's answers has new rows pointing at the same stored
    files; their bytes go only with the last row that needs them (one not purged).
    A purged row is never restored, so the answer cannot change after the check;
    two purges of rows sharing a file at the same instant could both keep the
    bytes (kept, never lost: the nightly purge runs alone).
    """
    for model in stored_file_models():
        manager = getattr(model, "all_objects", model._default_manager)
        rows = manager.filter(file=name)
        if issubclass(model, RemovableFileFields):
            rows = rows.filter(purged_at=None)
        if type(but) is model:
            rows = rows.exclude(pk=but.pk)
        if rows.exists():
            return True
    return False
