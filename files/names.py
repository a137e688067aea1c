"""The uploader's file name: kept for display, refused only for real path tricks."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_NAME = 200


def clean_name(name: str) -> str:
    """The name as typed (NFC), or a refusal naming what is wrong with it.

    A name is never used as a path (files are stored under random names), so only
    what would be a path is refused: a slash or backslash, a name that is "." or
    "..", or one that starts with a dot. Two dots inside a name are ordinary
    ("SK Walikota No. 12..final.pdf").
    """
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name or name in {".", ".."}:
        raise ValidationError(_("Berkas tanpa nama tidak dapat diterima."))
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValidationError(
            _(
                "Nama berkas “%(name)s” tidak boleh memuat garis miring atau diawali titik."
            )
            % {"name": name}
        )
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValidationError(
            _("Nama berkas memuat karakter yang tidak dapat ditampilkan.")
        )
    if len(name) > MAX_NAME:
        raise ValidationError(
            _("Nama berkas terlalu panjang (paling banyak 200 karakter).")
        )
    return name
