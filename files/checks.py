"""Checking uploads before anything is stored: name, size, real type, hash.

Used for KKPHAM evidence, approval letters and Aksi HAM evidence alike. Files are
read in chunks, never whole, so a 20 MB scan costs a few kilobytes of memory.
Names are checked in ``names``; office documents (ZIP archives: bombs, macros) in
``archives``. The request as a whole is size-limited before it is read
(portal.middleware.RequestSizeLimitMiddleware).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from files.archives import office_type
from files.names import clean_name

__all__ = [
    "ALLOWED_LABEL",
    "ALLOWED_TYPES",
    "CheckedUpload",
    "check_batch",
    "check_upload",
    "clean_name",
    "max_answer_bytes",
    "max_file_bytes",
    "stored_fields",
]

CHUNK = 64 * 1024

# extension → MIME type of what we accept, decided by content.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
NAME_ALIASES = {"jpeg": "jpg"}
ALLOWED_LABEL = "PDF, JPG, PNG, DOCX, XLSX, ODT, ODS"


@dataclass(frozen=True)
class CheckedUpload:
    upload: UploadedFile
    name: str
    size: int
    sha256: str
    extension: str
    content_type: str


def max_file_bytes() -> int:
    return settings.EVIDENCE_MAX_FILE_MB * 1024 * 1024


def max_answer_bytes() -> int:
    return settings.EVIDENCE_MAX_ANSWER_MB * 1024 * 1024


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _sniff(upload: UploadedFile, name: str) -> str | None:
    """The real type of the file from its bytes, as one of ALLOWED_TYPES or None;
    raises ValidationError for a ZIP bomb or a document with macros."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    extension = kind.extension if kind else None
    if extension in ("docx", "xlsx", "odt", "ods", "zip"):
        return office_type(upload, name)
    return extension if extension in ALLOWED_TYPES else None


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Accept a file only if its name, size and real content are acceptable."""
    name = clean_name(upload.name)
    if upload.size == 0:
        raise ValidationError(_("Berkas “%(name)s” kosong.") % {"name": name})
    if upload.size > max_file_bytes():
        raise ValidationError(
            _(
                "Berkas “%(name)s” berukuran %(size)s MB; batasnya %(limit)d MB per berkas."
            )
            % {
                "name": name,
                "size": mb(upload.size),
                "limit": settings.EVIDENCE_MAX_FILE_MB,
            }
        )
    extension = _sniff(upload, name)
    if extension is None:
        raise ValidationError(
            _("Isi berkas “%(name)s” bukan jenis yang diizinkan (%(allowed)s).")
            % {"name": name, "allowed": ALLOWED_LABEL}
        )
    named = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if NAME_ALIASES.get(named, named) != extension:
        raise ValidationError(
            _(
                "Isi berkas “%(name)s” adalah %(real)s, tidak sesuai dengan akhiran namanya."
            )
            % {"name": name, "real": extension.upper()}
        )
    return CheckedUpload(
        upload=upload,
        name=name,
        size=upload.size,
        sha256=_sha256(upload),
        extension=extension,
        content_type=ALLOWED_TYPES[extension],
    )


def check_batch(
    uploads: list[UploadedFile], *, existing: dict[str, str], used_bytes: int
) -> list[CheckedUpload]:
    """Check several files for one item: each file, duplicates, and the item's total.

    ``existing`` maps the SHA-256 of files already attached to their names; all
    problems are raised together so that the person fixes them in one go.
    """
    if not uploads:
        raise ValidationError(_("Pilih sedikitnya satu berkas."))
    problems, checked = [], []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as exc:
            problems.extend(exc.messages)
    seen = dict(existing)
    for item in checked:
        if item.sha256 in seen:
            problems.append(
                _("“%(name)s” sama persis dengan “%(old)s” yang sudah diunggah.")
                % {"name": item.name, "old": seen[item.sha256]}
            )
        seen[item.sha256] = item.name
    if used_bytes + sum(c.size for c in checked) > max_answer_bytes():
        problems.append(
            _("Total data dukung satu isian paling banyak %(limit)d MB.")
            % {"limit": max_answer_bytes() // 1024 // 1024}
        )
    if problems:
        raise ValidationError(problems)
    return checked


def stored_fields(item: CheckedUpload, actor) -> dict:
    """The StoredFileFields values of a checked upload."""
    return {
        "original_name": item.name,
        "size": item.size,
        "sha256": item.sha256,
        "content_type": item.content_type,
        "uploaded_by": actor,
    }
