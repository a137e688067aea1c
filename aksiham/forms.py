"""Forms of the kab/kota's Aksi HAM pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aksiham.models import PERCENT, ActionReport
from files.forms import MultipleFileField


class ReportForm(forms.Form):
    achievement = forms.CharField(
        label=_("Capaian terhadap ukuran keberhasilan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    achievement_percent = forms.DecimalField(
        label=_("Capaian (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        validators=PERCENT,
        localize=True,
        help_text=_("Jika ukuran keberhasilan berupa angka; boleh dikosongkan."),
    )
    narrative = forms.CharField(
        label=_("Uraian pelaksanaan"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_report(cls, report: ActionReport | None) -> ReportForm:
        if report is None:
            return cls(initial={"version": 0})
        return cls(
            initial={
                "achievement": report.achievement,
                "achievement_percent": report.achievement_percent,
                "narrative": report.narrative,
                "version": report.version,
            }
        )


class ReportEvidenceForm(forms.Form):
    files = MultipleFileField(
        label=_("Berkas data dukung"),
        help_text=_(
            "Boleh beberapa berkas sekaligus: PDF, JPG, PNG, DOCX, XLSX, ODT, ODS."
        ),
    )
