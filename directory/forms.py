from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.forms import DayFirstDateField
from regions.models import Agency, AgencyType, KanwilOffice, OfficeCoverage, Province


class AgencyForm(forms.ModelForm):
    agency_type = forms.ModelChoiceField(
        queryset=AgencyType.objects.all(),
        required=False,
        label=_("Jenis OPD (daftar baku)"),
        empty_label=_("— OPD lain —"),
    )

    class Meta:
        model = Agency
        fields = ["name", "short_name", "agency_type"]
        labels = {"name": _("Nama OPD"), "short_name": _("Singkatan")}


class CoverageChangeForm(forms.Form):
    """The administrator moves a province to another office from a day on."""

    province = forms.ModelChoiceField(
        queryset=Province.objects.order_by("code"), label=_("Provinsi")
    )
    office = forms.ModelChoiceField(
        queryset=KanwilOffice.objects.filter(is_active=True).order_by("name"),
        required=False,
        label=_("Kantor wilayah"),
        empty_label=_("— belum ada kantor wilayah —"),
    )
    valid_from = DayFirstDateField(
        label=_("Berlaku mulai"),
        help_text=_(
            "Tanggal di provinsi itu (zona waktunya sendiri). Tidak berlaku surut: "
            "pekerjaan yang sudah diputus tetap tercatat atas verifikatornya."
        ),
    )
    certainty = forms.ChoiceField(
        choices=OfficeCoverage.Certainty.choices,
        initial=OfficeCoverage.Certainty.CONFIRMED,
        label=_("Kepastian"),
    )
    source = forms.CharField(
        label=_("Dasar perubahan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nomor surat atau keputusan, atau sumber lain yang dapat dicek."),
    )
