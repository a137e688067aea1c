"""An action plan as a spreadsheet: one row per action (admin import/export, commands)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from aksiham.models import Action, ActionPlan, TargetGroup
from aksiham.services.plans import plan_ensure_editable
from indicators.resources import AgencyTypeWidget
from indicators.sheets import SheetLayout, SheetRowsMixin, cell_text
from indicators.widgets import BooleanWidget, PositiveIntegerWidget, TextWidget
from kernel.errors import Refusal

REQUIRED_COLUMNS = (
    "nomor",
    "aksi",
    "kelompok_sasaran",
    "ukuran_keberhasilan",
    "data_dukung",
)
COLUMNS = (*REQUIRED_COLUMNS, "dki_melapor", "opd_penanggung_jawab")
EXPORT_COLUMNS = (*COLUMNS, "keterangan")
PLAN_SHEET = SheetLayout(required=REQUIRED_COLUMNS)

GROUP_ALIASES = {
    "perempuan": TargetGroup.WOMEN,
    "wanita": TargetGroup.WOMEN,
    "anak": TargetGroup.CHILDREN,
    "anak-anak": TargetGroup.CHILDREN,
    "disabilitas": TargetGroup.DISABILITY,
    "penyandang disabilitas": TargetGroup.DISABILITY,
    "penyandang_disabilitas": TargetGroup.DISABILITY,
    "masyarakat adat": TargetGroup.INDIGENOUS,
    "masyarakat_adat": TargetGroup.INDIGENOUS,
}


class TargetGroupsWidget(widgets.Widget):
    """ "perempuan, anak" ⇄ ["perempuan", "anak"]; at least one known group."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> list[str]:
        parts = [
            p.strip().lower() for p in cell_text(value).replace(";", ",").split(",")
        ]
        parts = [p for p in parts if p]
        if not parts:
            raise ValueError(_("Wajib diisi."))
        groups = []
        for part in parts:
            code = GROUP_ALIASES.get(part)
            if code is None:
                raise ValueError(
                    _("Kelompok sasaran “%(v)s” tidak dikenal (pilih: %(known)s).")
                    % {"v": part, "known": ", ".join(TargetGroup.values)}
                )
            if code not in groups:
                groups.append(str(code))
        return groups

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return ", ".join(value or [])


def _field(
    attribute: str | None, column: str, widget: Any, **kwargs: Any
) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=column, widget=widget, **kwargs
    )


class ActionResource(SheetRowsMixin, resources.ModelResource):
    sheet_layout = PLAN_SHEET

    nomor = _field("number", "nomor", PositiveIntegerWidget())
    aksi = _field("title", "aksi", TextWidget(required=True))
    kelompok_sasaran = _field("target_groups", "kelompok_sasaran", TargetGroupsWidget())
    ukuran_keberhasilan = _field(
        "success_measure", "ukuran_keberhasilan", TextWidget(required=True)
    )
    data_dukung = _field("evidence_required", "data_dukung", TextWidget(required=True))
    dki_melapor = _field("dki_reports", "dki_melapor", BooleanWidget(default=False))
    opd_penanggung_jawab = _field(
        "responsible_agency_type", "opd_penanggung_jawab", AgencyTypeWidget()
    )
    keterangan = _field(None, "keterangan", TextWidget(), readonly=True)

    class Meta:
        model = Action
        fields = EXPORT_COLUMNS
        import_id_fields = ("nomor",)
        clean_model_instances = True
        skip_unchanged = False
        use_transactions = True
        export_order = EXPORT_COLUMNS

    def __init__(self, plan: ActionPlan | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plan = plan
        self._rows_of_number: dict[int, int] = {}

    @classmethod
    def get_display_name(cls) -> str:
        return _("Aksi HAM")

    def get_queryset(self):
        qs = Action.objects.select_related("plan", "responsible_agency_type")
        return qs.filter(plan=self.plan) if self.plan else qs

    def dehydrate_opd_penanggung_jawab(self, action: Action) -> str:
        return (
            action.responsible_agency_type.code
            if action.responsible_agency_type
            else ""
        )

    def dehydrate_keterangan(self, action: Action) -> str:
        return action.plan.sample_label

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        if self.plan is None:
            raise ValidationError(_("Pilih rencana tujuan impor."))
        try:
            plan_ensure_editable(self.plan)
        except Refusal as exc:
            raise ValidationError(str(exc)) from None
        self.check_headers(dataset)

    def before_import_row(self, row: dict[str, Any], **kwargs: Any) -> None:
        row_number = self.sheet_row(kwargs.get("row_number", 0))
        try:
            number = self.fields["nomor"].clean(row)
        except (ValueError, KeyError):
            return  # reported against the cell by the widget
        first = self._rows_of_number.setdefault(number, row_number)
        if first != row_number:
            raise ValidationError(
                {
                    "nomor": [
                        _("Nomor %(n)d sudah dipakai di baris %(row)d.")
                        % {"n": number, "row": first}
                    ]
                }
            )

    def init_instance(self, row: dict[str, Any] | None = None) -> Action:
        return Action(plan=self.plan)

    def import_instance(
        self, instance: Action, row: dict[str, Any], **kwargs: Any
    ) -> None:
        instance.plan = self.plan
        super().import_instance(instance, row, **kwargs)

    def for_delete(self, row: Any, instance: Action) -> bool:
        return False


COLUMN_OF_ATTRIBUTE = {
    field.attribute: field.column_name
    for field in ActionResource().fields.values()
    if field.attribute
} | {"plan": "nomor"}
