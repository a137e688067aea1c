"""The reviewer's vocabulary, the same in both programmes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.errors import Refusal


class ReturnReason(models.TextChoices):
    """Common reasons why a Kanwil returns an answer (domain.md §4)."""

    MISSING_SIGNATURE = "missing_signature", _("Data dukung belum ditandatangani")
    MISSING_LETTERHEAD = "missing_letterhead", _("Data dukung tanpa kop surat")
    MISMATCH = "mismatch", _("Data dukung tidak sesuai dengan indikator")
    INCOMPLETE = "incomplete", _("Data tidak lengkap")
    ARITHMETIC = "arithmetic", _("Kesalahan perhitungan")


def reason_labels(codes: list[str]) -> list[str]:
    """The labels of these reason codes (a code no longer known as it is)."""
    labels = dict(ReturnReason.choices)
    return [str(labels.get(code, code)) for code in codes]


def return_reasons_check(*, reasons: list[str], note: str) -> str:
    """A return needs a known common reason or a note; gives the cleaned note."""
    unknown = set(reasons) - set(ReturnReason.values)
    if unknown:
        raise Refusal(
            gettext("Alasan tidak dikenal: %(r)s") % {"r": ", ".join(sorted(unknown))}
        )
    note = note.strip()
    if not reasons and not note:
        raise Refusal(
            gettext("Tuliskan alasan pengembalian atau pilih alasan yang umum.")
        )
    return note
