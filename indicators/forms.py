"""Admin forms for catalogue files and for copying a catalogue to a new year."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm, ImportForm

from indicators.models import Catalogue
from indicators.transfer import check_size, check_unpacked_size


def _draft_catalogues():
    return Catalogue.objects.filter(status=Catalogue.Status.DRAFT)


class CatalogueImportForm(ImportForm):
    catalogue = forms.ModelChoiceField(
        queryset=Catalogue.objects.none(),
        label=_("Katalog tujuan (hanya katalog draf)"),
        help_text=_(
            "Indikator dengan kode yang sama diperbarui; yang baru ditambahkan."
        ),
    )
    field_order = ["catalogue", "resource", "import_file", "format"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catalogue"].queryset = _draft_catalogues()
        self.fields["import_file"].label = _("Berkas XLSX atau CSV")

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_size(upload.size)
            check_unpacked_size(upload)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        return upload


class CatalogueConfirmImportForm(ConfirmImportForm):
    catalogue = forms.ModelChoiceField(
        queryset=Catalogue.objects.none(), widget=forms.HiddenInput
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catalogue"].queryset = _draft_catalogues()


class CopyToYearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Tahun penilaian baru"), min_value=2000, max_value=2100
    )

    def __init__(self, *args: object, source: Catalogue, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = source.year + 1
