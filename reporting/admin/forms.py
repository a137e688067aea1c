from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import Catalogue
from kernel.forms import (
    DayFirstDateField,
    DayFirstDateTimeField,
    TimingForm,
    reads_in_help,
)
from reporting.selectors.verification import ReviewFilters


class OpenAssessmentsForm(TimingForm):
    field_order = ["catalogue", "deadline", "timing", "zone"]
    moment_fields = ("deadline",)

    catalogue = forms.ModelChoiceField(
        queryset=Catalogue.objects.filter(status=Catalogue.Status.OPEN),
        label=_("Katalog yang dibuka"),
    )
    deadline = DayFirstDateTimeField(
        label=_("Batas pengiriman"),
        help_text=_(
            "Berlaku untuk semua kabupaten/kota; perpanjangan diberikan per daerah. "
            "Contoh: 31/03/2026 23.59."
        ),
    )


class ExtendForm(forms.Form):
    until = DayFirstDateTimeField(label=_("Diperpanjang sampai"))
    reason = forms.CharField(label=_("Alasan"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["until"].help_text = reads_in_help()


class PublishForm(forms.Form):
    catalogue = forms.ModelChoiceField(
        queryset=Catalogue.objects.exclude(status=Catalogue.Status.DRAFT).filter(
            publication=None
        ),
        label=_("Tahun penilaian"),
    )
    decree_number = forms.CharField(label=_("Nomor keputusan"), max_length=150)
    decree_date = DayFirstDateField(label=_("Tanggal keputusan"))


class ReviewFilterForm(forms.Form):
    """The review page's filters, read from the query string; anything else is
    refused with a message and the page shows every answer."""

    keputusan = forms.ChoiceField(
        label=_("Keputusan"),
        required=False,
        choices=[
            ("", _("Semua")),
            ("belum", _("Belum diputuskan")),
            ("dikembalikan", _("Dikembalikan")),
        ],
    )
    berkas = forms.ChoiceField(
        label=_("Data dukung"),
        required=False,
        choices=[
            ("", _("Semua")),
            ("ada", _("Dengan berkas")),
            ("tanpa", _("Tanpa berkas")),
        ],
    )
    berubah = forms.BooleanField(
        label=_("Hanya yang diubah daerah sejak putaran sebelumnya"),
        required=False,
    )
    tahun_lalu = forms.ChoiceField(
        label=_("Dibanding tahun lalu"),
        required=False,
        choices=[
            ("", _("Semua")),
            ("sama", _("Tidak berubah sejak tahun lalu")),
            ("berubah", _("Berubah dari tahun lalu")),
        ],
    )

    DECISIONS = {"belum": "undecided", "dikembalikan": "returned"}
    FILES = {"ada": "with", "tanpa": "without"}
    LAST_YEAR = {"sama": "unchanged", "berubah": "changed"}

    def filters(self) -> ReviewFilters:
        """The chosen filters; none when the query string is not valid."""
        if not self.is_valid():
            return ReviewFilters()
        data = self.cleaned_data
        return ReviewFilters(
            decision=self.DECISIONS.get(data["keputusan"], ""),
            files=self.FILES.get(data["berkas"], ""),
            changed=data["berubah"],
            last_year=self.LAST_YEAR.get(data["tahun_lalu"], ""),
        )

    def query(self) -> str:
        """The valid filters as a query string (for returning to the same view)."""
        if not self.is_valid():
            return ""
        kept = {k: v for k, v in self.cleaned_data.items() if v}
        return urlencode({k: "1" if v is True else v for k, v in kept.items()})
