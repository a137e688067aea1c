"""Resumable uploads (tus): create, append a chunk, assemble, end, sweep.

The bytes arrive as numbered chunk objects under ``partial/<key>/`` in the default
(private) storage, so the same code works on the filesystem and on S3 and across
web processes. Nothing here makes evidence: when the last byte arrives, the caller
assembles the chunks into one temporary file and passes it to its own attach
service, which runs the same checks as a one-request upload (name, size, real
type, duplicate, SHA-256).
"""

from __future__ import annotations

import contextlib
import datetime
import secrets
import shutil
from typing import BinaryIO

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from files import checks
from files.models import PartialUpload
from kernel import clock
from kernel.errors import Refusal

COPY = 64 * 1024


class OffsetMismatch(Refusal):
    """The chunk does not start where the stored bytes end (tus: 409)."""


def lifetime() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.UPLOAD_PARTIAL_HOURS)


def chunk_max_bytes() -> int:
    return settings.UPLOAD_CHUNK_MAX_MB * 1024 * 1024


@transaction.atomic
def partial_create(
    *, owner: User, purpose: str, target_id: int, name: str, length: int, now=None
) -> PartialUpload:
    """Start an upload after the checks that need no content: name and size."""
    name = checks.clean_name(name)[:255]
    named = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if checks.NAME_ALIASES.get(named, named) not in checks.ALLOWED_TYPES:
        # Said before any byte is sent; the content is checked again at the end.
        raise Refusal(
            _("Berkas “%(name)s” bukan jenis yang diizinkan (%(allowed)s).")
            % {"name": name, "allowed": checks.ALLOWED_LABEL}
        )
    if length <= 0:
        raise Refusal(_("Berkas “%(name)s” kosong.") % {"name": name})
    if length > checks.max_file_bytes():
        raise Refusal(
            _(
                "Berkas “%(name)s” berukuran %(size)s MB; batasnya %(limit)d MB per berkas."
            )
            % {
                "name": name,
                "size": checks.mb(length),
                "limit": settings.EVIDENCE_MAX_FILE_MB,
            }
        )
    now = now or clock.now()
    return PartialUpload.objects.create(
        key=secrets.token_urlsafe(24),
        owner=owner,
        purpose=purpose,
        target_id=target_id,
        name=name,
        length=length,
        created_at=now,
        expires_at=now + lifetime(),
    )


def is_expired(upload: PartialUpload, now=None) -> bool:
    return upload.expires_at <= (now or clock.now())


@transaction.atomic
def partial_append(
    *, upload: PartialUpload, offset: int, body: BinaryIO, size: int, now=None
) -> PartialUpload:
    """Store one chunk that starts at ``offset`` (the bytes received so far).

    ``size`` is the request's declared length; a chunk that arrives shorter (a
    dropped connection) is not kept, so the offset stays where the last whole
    chunk ended and the client resumes from there.
    """
    upload = PartialUpload.objects.select_for_update().get(pk=upload.pk)
    if offset != upload.offset:
        raise OffsetMismatch(
            _("Potongan dimulai di bita %(got)d, padahal yang tersimpan %(have)d bita.")
            % {"got": offset, "have": upload.offset}
        )
    if size > upload.length - upload.offset or size > chunk_max_bytes():
        raise Refusal(_("Potongan melebihi ukuran berkas yang diumumkan."))
    if size == 0:
        return upload
    spool = TemporaryUploadedFile("chunk", "application/octet-stream", size, None)
    try:
        received = 0
        while received < size:
            piece = body.read(min(COPY, size - received))
            if not piece:
                break
            spool.write(piece)
            received += len(piece)
        if received != size:
            raise Refusal(_("Koneksi terputus sebelum potongan selesai diterima."))
        spool.seek(0)
        name = upload.chunk_name(upload.chunks)
        if default_storage.exists(name):  # left by an attempt rolled back earlier
            default_storage.delete(name)
        default_storage.save(name, spool)  # a move on the filesystem, not a copy
    finally:
        spool.close()
    upload.offset += size
    upload.chunks += 1
    upload.expires_at = (now or clock.now()) + lifetime()
    upload.save(update_fields=["offset", "chunks", "expires_at"])
    return upload


def assembled(upload: PartialUpload) -> TemporaryUploadedFile:
    """The complete upload as one temporary file (the caller closes it), copied in
    64 KB pieces: memory stays flat whatever the size."""
    target = TemporaryUploadedFile(
        upload.name, "application/octet-stream", upload.length, None
    )
    for number in range(upload.chunks):
        with default_storage.open(upload.chunk_name(number), "rb") as chunk:
            shutil.copyfileobj(chunk, target, COPY)
    target.flush()
    target.seek(0)
    return target


def _delete_chunks(upload: PartialUpload) -> None:
    for number in range(upload.chunks):
        default_storage.delete(upload.chunk_name(number))
    with contextlib.suppress(NotImplementedError):  # the filesystem keeps folders
        shutil.rmtree(default_storage.path(upload.folder), ignore_errors=True)


def partial_end(*, upload: PartialUpload) -> None:
    """Forget an upload (finished, refused, ended by its owner or expired)."""
    keep = PartialUpload(key=upload.key, chunks=upload.chunks)
    PartialUpload.objects.filter(pk=upload.pk).delete()
    transaction.on_commit(lambda: _delete_chunks(keep))


def partial_sweep(*, now=None) -> int:
    """Remove uploads left alone past their expiry, rows and chunks."""
    now = now or clock.now()
    count = 0
    for upload in PartialUpload.objects.filter(expires_at__lte=now):
        with transaction.atomic():
            partial_end(upload=upload)
        count += 1
    return count
