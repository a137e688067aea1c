"""Office documents are ZIP archives: tell them apart, refuse bombs and macros.

Nothing is unpacked whole. The central directory is checked first (number of parts,
declared sizes, compression ratio), so a few kilobytes that would inflate to
gigabytes are refused before any part is read; the few parts that are read
(content types, manifest, ODF content) are scanned in chunks and are bounded by
their declared size, which has passed the check.
"""

from __future__ import annotations

import zipfile
import zlib
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CHUNK = 64 * 1024
MAX_MEMBERS = 10_000
# The ratio applies to parts above this size: a tiny part of repeated XML may
# well shrink a thousandfold without being a bomb.
RATIO_FROM_BYTES = 1024 * 1024
SMALL_PART = 1024 * 1024  # [Content_Types].xml, mimetype, manifest: a few KB

MIME_ODT = "application/vnd.oasis.opendocument.text"
MIME_ODS = "application/vnd.oasis.opendocument.spreadsheet"

# Parts that only exist to carry code: (lower-case name prefix or suffix, what it is).
OOXML_MACRO_PARTS = (
    ("vbaproject.bin", gettext_lazy("VBA")),
    ("vbadata.xml", gettext_lazy("VBA")),
    ("xl/macrosheets/", gettext_lazy("lembar makro Excel 4")),
    ("xl/dialogsheets/", gettext_lazy("lembar dialog Excel 5")),
)
OOXML_MACRO_TYPES = (b"macroenabled", b"vbaproject", b"macrosheet", b"dialogsheet")
ODF_SCRIPT_DIRS = ("basic/", "scripts/", "dialogs/")
# Event bindings and links that run a macro when the document is opened or clicked.
ODF_SCRIPT_MARKS = (b"event-listener", b"vnd.sun.star.script:", b"macro:///")
ODF_SCANNED = ("content.xml", "styles.xml", "meta-inf/manifest.xml")

READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    KeyError,
    UnicodeDecodeError,
    RuntimeError,  # encrypted
    NotImplementedError,  # odd codecs
    EOFError,
    ValueError,
    zlib.error,
)


def office_type(upload: IO[bytes], name: str) -> str | None:
    """ "docx", "xlsx", "odt" or "ods" for an acceptable document, None for any other
    ZIP; raises ValidationError for a ZIP bomb or a document that carries macros."""
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            check_bomb(members, name)
            return _document_type(archive, {m.filename for m in members}, name)
    except READ_ERRORS:  # broken, encrypted, odd codecs
        return None
    finally:
        upload.seek(0)


def check_bomb(members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse an archive by what its directory declares, before anything inflates."""
    if len(members) > MAX_MEMBERS:
        raise ValidationError(
            _(
                "Berkas “%(name)s” memuat terlalu banyak bagian (%(count)d; batasnya %(limit)d)."
            )
            % {"name": name, "count": len(members), "limit": MAX_MEMBERS}
        )
    limit_mb = settings.EVIDENCE_MAX_UNPACKED_MB
    unpacked = sum(m.file_size for m in members)
    if unpacked > limit_mb * 1024 * 1024:
        raise ValidationError(
            _(
                "Isi berkas “%(name)s” terlalu besar setelah dibuka (%(size)s MB; "
                "batasnya %(limit)d MB)."
            )
            % {"name": name, "size": _mb(unpacked), "limit": limit_mb}
        )
    ratio_limit = settings.EVIDENCE_MAX_ZIP_RATIO
    for member in members:
        if member.file_size < RATIO_FROM_BYTES:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > ratio_limit:
            raise ValidationError(
                _(
                    "Berkas “%(name)s” dipadatkan secara tidak wajar: bagian %(part)s "
                    "mengembang %(ratio)d kali (batasnya %(limit)d kali)."
                )
                % {
                    "name": name,
                    "part": member.filename[:80],
                    "ratio": ratio,
                    "limit": ratio_limit,
                }
            )


def _document_type(archive: zipfile.ZipFile, names: set[str], name: str) -> str | None:
    lower = {n.lower() for n in names}
    if "[Content_Types].xml" in names:
        _refuse_ooxml_macros(archive, lower, name)
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return None
    if "mimetype" not in names:
        return None
    mimetype = _small(archive, "mimetype").decode().strip()
    if mimetype not in (MIME_ODT, MIME_ODS):
        return None
    _refuse_odf_scripts(archive, names, name)
    return "odt" if mimetype == MIME_ODT else "ods"


def _refuse_ooxml_macros(archive: zipfile.ZipFile, lower: set[str], name: str) -> None:
    for part, what in OOXML_MACRO_PARTS:
        if any(n.endswith(part) or n.startswith(part) for n in lower):
            raise _macro(name, what)
    types = _small(archive, "[Content_Types].xml").lower()
    if any(mark in types for mark in OOXML_MACRO_TYPES):
        raise _macro(name, _("jenis isi makro"))


def _refuse_odf_scripts(archive: zipfile.ZipFile, names: set[str], name: str) -> None:
    if any(n.lower().startswith(ODF_SCRIPT_DIRS) for n in names):
        raise _macro(name, _("pustaka Basic atau skrip"))
    for member in names:
        if member.lower() not in ODF_SCANNED:
            continue
        marks = ODF_SCRIPT_MARKS
        if member.lower() == "meta-inf/manifest.xml":
            marks = (b'full-path="basic/', b'full-path="scripts/', *marks)
        if _contains(archive, member, marks):
            raise _macro(name, _("pengikatan acara atau skrip"))


def _small(archive: zipfile.ZipFile, member: str) -> bytes:
    """A part that is a few kilobytes in a real document; refuse an inflated one."""
    if archive.getinfo(member).file_size > SMALL_PART:
        raise zipfile.BadZipFile(member)
    return archive.read(member)


def _contains(archive: zipfile.ZipFile, member: str, marks: tuple[bytes, ...]) -> bool:
    """Whether a part contains one of ``marks`` (case-insensitive), read in chunks."""
    overlap = max(len(m) for m in marks)
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(CHUNK):
            data = tail + chunk.lower()
            if any(mark in data for mark in marks):
                return True
            tail = data[-overlap:]
    return False


def _macro(name: str, what: str) -> ValidationError:
    return ValidationError(
        _(
            "Berkas “%(name)s” memuat makro atau skrip (%(what)s) dan tidak diterima. "
            "Simpan ulang tanpa makro (misalnya sebagai PDF), lalu unggah lagi."
        )
        % {"name": name, "what": what}
    )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")
