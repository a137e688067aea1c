"""Admin forms for catalogue files and for copying a catalogue to a new year."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.admin_import import target_import_forms
from indicators.models import CATALOGUE_IDENTITY, Catalogue


def _draft_catalogues():
    return Catalogue.objects.filter(status=Catalogue.Status.DRAFT)


CatalogueImportForm, CatalogueConfirmImportForm = target_import_forms(
    field="catalogue",
    queryset=_draft_catalogues,
    label=_("Katalog tujuan (hanya katalog draf)"),
    help_text=_("Indikator dengan kode yang sama diperbarui; yang baru ditambahkan."),
)


class IdentityForm(forms.ModelForm):
    """The year's names, letterhead and signatory; editable whatever the status."""

    class Meta:
        model = Catalogue
        fields = list(CATALOGUE_IDENTITY)
        widgets = {"letterhead": forms.Textarea(attrs={"rows": 3})}


class CopyToYearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Tahun penilaian baru"), min_value=2000, max_value=2100
    )

    def __init__(self, *args: object, source: Catalogue, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = source.year + 1
