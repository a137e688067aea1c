from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from regions.models import Agency, AgencyType


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
