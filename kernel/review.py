"""The reviewer's vocabulary, the same in both programmes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReturnReason(models.TextChoices):
    """Common reasons why a Kanwil returns an answer (domain.md §4)."""

    MISSING_SIGNATURE = "missing_signature", _("Data dukung belum ditandatangani")
    MISSING_LETTERHEAD = "missing_letterhead", _("Data dukung tanpa kop surat")
    MISMATCH = "mismatch", _("Data dukung tidak sesuai dengan indikator")
    INCOMPLETE = "incomplete", _("Data tidak lengkap")
    ARITHMETIC = "arithmetic", _("Kesalahan perhitungan")
