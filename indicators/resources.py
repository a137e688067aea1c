"""The catalogue as a spreadsheet: one row per indicator, its category in four columns.

The same resource serves the admin's import/export (XLSX, CSV) and the management
commands (also YAML). Every problem is reported as row, column and message, and
an import with any problem saves nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from indicators.models import Catalogue, Category, Indicator
from indicators.services import ensure_editable
from indicators.sheets import SheetLayout, SheetRowsMixin, cell_text
from indicators.widgets import (
    BooleanWidget,
    ChoiceWidget,
    DecimalWidget,
    PairListWidget,
    PositiveIntegerWidget,
    TextWidget,
)
from regions.models import AgencyType

CATEGORY_COLUMNS = ("kode_kategori", "nama_kategori", "kelompok", "urutan_kategori")
REQUIRED_COLUMNS = (
    *CATEGORY_COLUMNS,
    "kode",
    "urutan",
    "jenis",
    "teks",
    "jenis_jawaban",
)
COLUMNS = (
    *CATEGORY_COLUMNS,
    "kode",
    "urutan",
    "jenis",
    "teks",
    "satuan",
    "jenis_jawaban",
    "bobot",
    "pilihan",
    "target",
    "pita_nilai",
    "wajib_data_dukung",
    "data_dukung",
    "opd_penanggung_jawab",
    "petunjuk",
)
# Codes that Excel would turn into numbers ("1.10" → 1.1) are refused as numbers.
CATALOGUE_SHEET = SheetLayout(
    required=REQUIRED_COLUMNS, code_columns=("kode_kategori", "kode")
)
# Export-only: the sample label travels inside every exported row.
EXPORT_COLUMNS = (*COLUMNS, "keterangan")

TYPE_ALIASES = {"structure": "struktur", "process": "proses", "outcome": "hasil"}
KIND_ALIASES = {
    "ya/tidak": "yes_no",
    "ya_tidak": "yes_no",
    "pilihan": "choice",
    "angka": "number",
    "persentase": "percentage",
    "persen": "percentage",
    "dokumen": "document",
}


class AgencyTypeWidget(ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(AgencyType, field="code")

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> AgencyType | None:
        code = cell_text(value).lower()
        if not code:
            return None
        try:
            return AgencyType.objects.get(code=code)
        except AgencyType.DoesNotExist:
            known = ", ".join(AgencyType.objects.values_list("code", flat=True))
            raise ValueError(
                _("Kode OPD “%(v)s” tidak ada di daftar baku (%(known)s).")
                % {"v": value, "known": known}
            ) from None


def _field(
    attribute: str | None, column: str, widget: Any, **kwargs: Any
) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=column, widget=widget, **kwargs
    )


class IndicatorResource(SheetRowsMixin, resources.ModelResource):
    sheet_layout = CATALOGUE_SHEET

    kode_kategori = _field(
        None, "kode_kategori", TextWidget(required=True, max_length=20)
    )
    nama_kategori = _field(
        None, "nama_kategori", TextWidget(required=True, max_length=200)
    )
    kelompok = _field(None, "kelompok", ChoiceWidget(["A", "B"]))
    urutan_kategori = _field(None, "urutan_kategori", PositiveIntegerWidget())
    kode = _field("code", "kode", TextWidget(required=True, max_length=30))
    urutan = _field("order", "urutan", PositiveIntegerWidget())
    jenis = _field("type", "jenis", ChoiceWidget(Indicator.Type.values, TYPE_ALIASES))
    teks = _field("text", "teks", TextWidget(required=True))
    satuan = _field("unit", "satuan", TextWidget(max_length=60))
    jenis_jawaban = _field(
        "answer_kind",
        "jenis_jawaban",
        ChoiceWidget(Indicator.AnswerKind.values, KIND_ALIASES),
    )
    bobot = _field("weight", "bobot", DecimalWidget(default=None))
    pilihan = _field(
        "options", "pilihan", PairListWidget(key="label", numeric_key=False)
    )
    target = _field("target", "target", DecimalWidget())
    pita_nilai = _field(
        "bands", "pita_nilai", PairListWidget(key="min", numeric_key=True)
    )
    wajib_data_dukung = _field(
        "evidence_required", "wajib_data_dukung", BooleanWidget(default=True)
    )
    data_dukung = _field("evidence_description", "data_dukung", TextWidget())
    opd_penanggung_jawab = _field(
        "responsible_agency_type", "opd_penanggung_jawab", AgencyTypeWidget()
    )
    petunjuk = _field("help_text", "petunjuk", TextWidget())
    keterangan = _field(None, "keterangan", TextWidget(), readonly=True)

    class Meta:
        model = Indicator
        fields = EXPORT_COLUMNS
        import_id_fields = ("kode",)
        clean_model_instances = True
        skip_unchanged = False
        use_transactions = True
        export_order = EXPORT_COLUMNS

    def __init__(self, catalogue: Catalogue | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.catalogue = catalogue
        self._first_row_of_code: dict[str, int] = {}
        self._categories: dict[str, tuple[Category, tuple[Any, ...], int]] = {}

    @classmethod
    def get_display_name(cls) -> str:
        return _("Indikator")

    # ------------------------------------------------------------ export
    def get_queryset(self):
        qs = Indicator.objects.select_related(
            "catalogue", "category", "responsible_agency_type"
        )
        return qs.filter(catalogue=self.catalogue) if self.catalogue else qs

    def dehydrate_kode_kategori(self, indicator: Indicator) -> str:
        return indicator.category.code

    def dehydrate_nama_kategori(self, indicator: Indicator) -> str:
        return indicator.category.name

    def dehydrate_kelompok(self, indicator: Indicator) -> str:
        return indicator.category.group

    def dehydrate_urutan_kategori(self, indicator: Indicator) -> int:
        return indicator.category.order

    def dehydrate_opd_penanggung_jawab(self, indicator: Indicator) -> str:
        agency_type = indicator.responsible_agency_type
        return agency_type.code if agency_type else ""

    def dehydrate_keterangan(self, indicator: Indicator) -> str:
        return indicator.catalogue.sample_label

    # ------------------------------------------------------------ import
    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        if self.catalogue is None:
            raise ValidationError(_("Pilih katalog tujuan impor."))
        ensure_editable(self.catalogue)
        self.check_headers(dataset)

    def before_import_row(self, row: dict[str, Any], **kwargs: Any) -> None:
        row_number = self.sheet_row(kwargs.get("row_number", 0))
        errors: dict[str, list[str]] = {}
        code = cell_text(row.get("kode"))
        first = (
            self._first_row_of_code.setdefault(code, row_number) if code else row_number
        )
        if code and first != row_number:
            errors["kode"] = [
                _("Kode %(code)s sudah dipakai di baris %(row)d.")
                % {"code": code, "row": first}
            ]
        try:
            row["_category"] = self._category_for(row, row_number)
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                errors.setdefault(column, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def _category_for(self, row: dict[str, Any], row_number: int) -> Category:
        """Create or update the row's category; all rows must describe it alike."""
        values, errors = {}, {}
        for column in CATEGORY_COLUMNS:
            try:
                values[column] = self.fields[column].clean(row)
            except ValueError as exc:
                errors[column] = [str(exc)]
        if errors:
            raise ValidationError(errors)
        signature = tuple(values[c] for c in CATEGORY_COLUMNS)
        code = values["kode_kategori"]
        if code in self._categories:
            category, seen, first_row = self._categories[code]
            if seen != signature:
                raise ValidationError(
                    {
                        "nama_kategori": [
                            _("Kategori %(code)s ditulis berbeda dengan baris %(row)d.")
                            % {"code": code, "row": first_row}
                        ]
                    }
                )
            return category
        category, _created = Category.objects.update_or_create(
            catalogue=self.catalogue,
            code=code,
            defaults={
                "name": values["nama_kategori"],
                "group": values["kelompok"],
                "order": values["urutan_kategori"],
            },
        )
        self._categories[code] = (category, signature, row_number)
        return category

    def init_instance(self, row: dict[str, Any] | None = None) -> Indicator:
        return Indicator(catalogue=self.catalogue)

    def import_instance(
        self, instance: Indicator, row: dict[str, Any], **kwargs: Any
    ) -> None:
        instance.catalogue = self.catalogue
        instance.category = row["_category"]
        super().import_instance(instance, row, **kwargs)
        if instance.weight is None:
            instance.weight = 1

    def before_save_instance(
        self, instance: Indicator, row: Any, **kwargs: Any
    ) -> None:
        ensure_editable(self.catalogue)

    def for_delete(self, row: Any, instance: Indicator) -> bool:
        return False


COLUMN_OF_ATTRIBUTE = {
    field.attribute: field.column_name
    for field in IndicatorResource().fields.values()
    if field.attribute
} | {"category": "kode_kategori", "catalogue": "kode"}
