from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import Catalogue


class OpenAssessmentsForm(forms.Form):
    catalogue = forms.ModelChoiceField(
        queryset=Catalogue.objects.filter(status=Catalogue.Status.OPEN),
        label=_("Katalog yang dibuka"),
    )
    deadline = forms.DateTimeField(
        label=_("Batas pengiriman"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_(
            "Berlaku untuk semua kabupaten/kota; perpanjangan diberikan per daerah."
        ),
    )


class ExtendForm(forms.Form):
    until = forms.DateTimeField(
        label=_("Diperpanjang sampai"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    reason = forms.CharField(label=_("Alasan"), max_length=300)


class PublishForm(forms.Form):
    catalogue = forms.ModelChoiceField(
        queryset=Catalogue.objects.exclude(status=Catalogue.Status.DRAFT).filter(
            publication=None
        ),
        label=_("Tahun penilaian"),
    )
    decree_number = forms.CharField(label=_("Nomor keputusan"), max_length=150)
    decree_date = forms.DateField(
        label=_("Tanggal keputusan"), widget=forms.DateInput(attrs={"type": "date"})
    )
