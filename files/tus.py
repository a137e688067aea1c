"""The tus 1.0.0 resumable-upload protocol over Django views (core, creation,
termination and expiration extensions; https://tus.io/protocols/resumable-upload).

The programme's views decide who may upload what (the target object and its
permission, checked on every request) and what a finished file becomes; this
module speaks the protocol: headers, status codes, offsets. Error bodies are
plain Indonesian sentences that the page shows as they are.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from email.utils import format_datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from files import checks
from files.models import PartialUpload
from files.services import partial
from kernel.errors import Refusal, refusal_messages

VERSION = "1.0.0"
EXTENSIONS = "creation,termination,expiration"
OFFSET_TYPE = "application/offset+octet-stream"


def respond(status: int, text: str = "", **headers: str) -> HttpResponse:
    response = HttpResponse(
        text, status=status, content_type="text/plain; charset=utf-8"
    )
    response["Tus-Resumable"] = VERSION
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def options() -> HttpResponse:
    return respond(
        204,
        Tus_Version=VERSION,
        Tus_Extension=EXTENSIONS,
        Tus_Max_Size=str(checks.max_file_bytes()),
    )


def version_refusal(request: HttpRequest) -> HttpResponse | None:
    if request.headers.get("Tus-Resumable") != VERSION:
        return respond(
            412,
            _("Versi protokol unggah tidak didukung. Muat ulang halaman."),
            Tus_Version=VERSION,
        )
    return None


def _integer(text: str | None) -> int | None:
    if text is None or not text.isascii() or not text.isdigit() or len(text) > 15:
        return None
    return int(text)


def metadata(header: str) -> dict[str, str]:
    """``Upload-Metadata``: comma-separated ``key base64value`` pairs."""
    found = {}
    for pair in header.split(","):
        parts = pair.strip().split(" ")
        if not parts[0]:
            continue
        try:
            value = base64.b64decode(parts[1], validate=True) if len(parts) > 1 else b""
            found[parts[0]] = value.decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            found[parts[0]] = ""
    return found


def _expires(upload: PartialUpload) -> str:
    return format_datetime(upload.expires_at, usegmt=True)


def create(
    request: HttpRequest,
    *,
    purpose: str,
    target_id: int,
    location: Callable[[str], str],
) -> HttpResponse:
    """POST (creation): Upload-Length and Upload-Metadata (``filename``)."""
    length = _integer(request.headers.get("Upload-Length"))
    if length is None:
        return respond(400, _("Ukuran berkas tidak diketahui. Muat ulang halaman."))
    if length > checks.max_file_bytes():
        return respond(
            413,
            _("Berkas berukuran %(size)s MB; batasnya %(limit)d MB per berkas.")
            % {"size": checks.mb(length), "limit": settings.EVIDENCE_MAX_FILE_MB},
        )
    name = metadata(request.headers.get("Upload-Metadata", "")).get("filename", "")
    try:
        upload = partial.partial_create(
            owner=request.user,
            purpose=purpose,
            target_id=target_id,
            name=name,
            length=length,
        )
    except (ValidationError, Refusal) as exc:
        return respond(400, " ".join(refusal_messages(exc)))
    return respond(201, Location=location(upload.key), Upload_Expires=_expires(upload))


def head(upload: PartialUpload) -> HttpResponse:
    return respond(
        200,
        Upload_Offset=str(upload.offset),
        Upload_Length=str(upload.length),
        Upload_Expires=_expires(upload),
    )


def gone(upload: PartialUpload) -> HttpResponse:
    partial.partial_end(upload=upload)
    return respond(
        410,
        _(
            "Unggahan “%(name)s” sudah kedaluwarsa. Pilih berkasnya lagi untuk mengunggah dari awal."
        )
        % {"name": upload.name},
    )


def patch(
    request: HttpRequest,
    upload: PartialUpload,
    *,
    finish: Callable[[PartialUpload], HttpResponse | None],
) -> HttpResponse:
    """PATCH: append the body at Upload-Offset; ``finish`` runs once complete and
    may answer with a refusal (the upload is forgotten either way)."""
    if request.content_type != OFFSET_TYPE:
        return respond(415, _("Jenis isi potongan tidak dikenal."))
    offset = _integer(request.headers.get("Upload-Offset"))
    size = _integer(
        request.headers.get("Content-Length") or request.META.get("CONTENT_LENGTH")
    )
    if offset is None or size is None:
        return respond(400, _("Posisi potongan tidak terbaca. Muat ulang halaman."))
    try:
        upload = partial.partial_append(
            upload=upload, offset=offset, body=request, size=size
        )
    except partial.OffsetMismatch as exc:
        return respond(409, str(exc))
    except Refusal as exc:
        return respond(400, str(exc))
    if upload.offset == upload.length:
        refused = finish(upload)
        if refused is not None:
            return refused
    return respond(
        204, Upload_Offset=str(upload.offset), Upload_Expires=_expires(upload)
    )


def terminate(upload: PartialUpload) -> HttpResponse:
    partial.partial_end(upload=upload)
    return respond(204)
