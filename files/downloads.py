"""Private downloads: stored uploads and exports leave only through these, after the
caller's permission check, as attachments a browser never renders.

The bytes stream through the portal from whichever storage holds them (the local
folder or an S3-compatible bucket). With ``DOWNLOAD_REDIRECT_SECONDS`` set and a
storage that signs URLs, the checked request is answered instead with a redirect to
a presigned URL valid that many seconds, whose response the object store itself
gives the attachment disposition, the safe name and the checked content type."""

from __future__ import annotations

import logging
import re
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect

logger = logging.getLogger(__name__)


class StoredFileMissing(Http404):
    """The row exists and the person may download it, but its bytes are gone from
    the storage (a failed restore, a bucket emptied by hand). The 404 page says so
    (``portal.views.page_not_found``) and the log names the file for operations."""


def attachment_disposition(name: str) -> str:
    """`attachment` with an ASCII fallback name and the exact name per RFC 5987/6266.

    Names come from uploaders: control characters (CR/LF could split headers),
    quotes, path separators and leading dots never reach the header.
    """
    shown = "".join(
        ch
        for ch in unicodedata.normalize("NFC", name)
        if unicodedata.category(ch)[0] != "C"
    )
    shown = re.sub(r'[/\\"]', "_", shown).strip(" .") or "berkas"
    # ASCII fallback: accents dropped (é → e), any other character becomes "_".
    decomposed = unicodedata.normalize("NFKD", shown)
    ascii_name = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    ascii_name = re.sub(r"[^A-Za-z0-9._() -]", "_", ascii_name).strip(" .") or "berkas"
    return (
        f'attachment; filename="{ascii_name}"; '
        f"filename*=UTF-8''{quote(shown, safe='')}"
    )


def presigned_url(file: FieldFile, name: str, content_type: str) -> str | None:
    """A short-lived signed URL whose response is this attachment, or None when
    downloads stream (the setting is 0, or the storage signs nothing)."""
    seconds = settings.DOWNLOAD_REDIRECT_SECONDS
    if not seconds or not getattr(file.storage, "querystring_auth", False):
        return None
    return file.storage.url(
        file.name,
        parameters={
            "ResponseContentDisposition": attachment_disposition(name),
            "ResponseContentType": content_type,
            "ResponseCacheControl": "private, no-store",
        },
        expire=seconds,
    )


def private_download(file: FieldFile, name: str, content_type: str) -> HttpResponse:
    """A stored upload as an attachment that browsers never render or sniff."""
    url = presigned_url(file, name, content_type)
    if url is not None:
        response: HttpResponse = HttpResponseRedirect(url)
        # The signed URL is a key for a few seconds: never cached, never a referrer.
        response["Referrer-Policy"] = "no-referrer"
    else:
        try:
            stream = file.open("rb")
        except OSError as exc:  # FileNotFoundError locally and from django-storages
            logger.error("Stored file missing: %s (%s)", file.name, exc)
            raise StoredFileMissing(file.name) from exc
        response = FileResponse(stream, content_type=content_type)
        response["Content-Disposition"] = attachment_disposition(name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
