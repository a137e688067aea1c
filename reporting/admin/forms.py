from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import Catalogue
from kernel.forms import (
    DayFirstDateField,
    DayFirstDateTimeField,
    TimingForm,
    reads_in_help,
)


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
