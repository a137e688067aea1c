"""Private downloads: stored uploads and exports leave only through these, after the
caller's permission check, as attachments a browser never renders."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse


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


def private_download(file: FieldFile, name: str, content_type: str) -> FileResponse:
    """A stored upload as an attachment that browsers never render or sniff."""
    response = FileResponse(file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = attachment_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
