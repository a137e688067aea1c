"""The catalogue in the staff console: administrators edit drafts; everyone reads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ExportMixin

from accounts import access
from accounts.admin_scope import NationalReadModelAdmin
from indicators import services
from indicators.admin_import import TargetedImportMixin
from indicators.forms import (
    CatalogueConfirmImportForm,
    CatalogueImportForm,
    CopyToYearForm,
    IdentityForm,
)
from indicators.models import (
    CATALOGUE_IDENTITY,
    CATALOGUE_SETTINGS,
    Catalogue,
    Category,
    Indicator,
    IndicatorMapping,
    PredicateBand,
)
from indicators.resources import CATALOGUE_SHEET, IndicatorResource
from indicators.sheets import sheet_formats
from kernel.admin_input import ExportFiltersMixin
from kernel.errors import refusal_messages


def _editable(obj: Any) -> bool:
    """Drafts only: an open or closed catalogue and its parts are frozen."""
    if obj is None:
        return True
    catalogue = obj if isinstance(obj, Catalogue) else obj.catalogue
    return catalogue.is_editable


class FrozenWhenOpenMixin:
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_administrator(request.user) and _editable(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_administrator(request.user) and _editable(obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_administrator(request.user) and _editable(obj)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.can_use_staff_console(request.user)


class PredicateBandInline(FrozenWhenOpenMixin, admin.TabularInline):
    model = PredicateBand
    extra = 0


class CategoryInline(FrozenWhenOpenMixin, admin.TabularInline):
    model = Category
    extra = 0
    fields = ["order", "code", "name", "group", "weight"]
    show_change_link = True


@admin.register(Catalogue)
class CatalogueAdmin(FrozenWhenOpenMixin, NationalReadModelAdmin):
    list_display = [
        "year",
        "title",
        "status",
        "is_sample",
        "indicator_count",
        "data_year",
    ]
    list_filter = ["status", "is_sample"]
    readonly_fields = ["status", "opened_at", "closed_at", "copied_from", "created_at"]
    inlines = [PredicateBandInline, CategoryInline]
    actions = ["open_catalogues", "close_catalogues"]
    change_form_template = "admin/indicators/catalogue/change_form.html"
    fieldsets = [
        (None, {"fields": ["year", "data_year", "title", "legal_basis", "is_sample"]}),
        (
            gettext_lazy("Bobot dan batas penilaian"),
            {"fields": list(CATALOGUE_SETTINGS)},
        ),
        (
            gettext_lazy("Identitas program, kop surat dan penandatangan"),
            {
                "fields": list(CATALOGUE_IDENTITY),
                "description": gettext_lazy(
                    "Nama dan kata-kata tahun ini, dipakai di semua halaman dan "
                    "dokumen tahun ini. Baris yang belum diketahui biarkan kosong: "
                    "dokumen mencetak baris kosong, tidak mengarang nama."
                ),
            },
        ),
        (gettext_lazy("Status"), {"fields": readonly_fields}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Catalogue]:
        return (
            super().get_queryset(request).annotate(indicator_total=Count("indicators"))
        )

    @admin.display(description=gettext_lazy("indikator"), ordering="indicator_total")
    def indicator_count(self, obj: Catalogue) -> int:
        return obj.indicator_total

    def save_model(
        self, request: HttpRequest, obj: Catalogue, form: Any, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new catalogue goes through the service so that it gets default bands.
        data = {k: v for k, v in form.cleaned_data.items() if k != "year"}
        created = services.catalogue_create(actor=request.user, year=obj.year, **data)
        obj.pk = created.pk

    @admin.action(description=gettext_lazy("Buka katalog terpilih (membekukan isinya)"))
    def open_catalogues(
        self, request: HttpRequest, queryset: QuerySet[Catalogue]
    ) -> None:
        self._run(
            request, queryset, services.catalogue_open, _("Katalog %(year)s dibuka.")
        )

    @admin.action(description=gettext_lazy("Tutup katalog terpilih"))
    def close_catalogues(
        self, request: HttpRequest, queryset: QuerySet[Catalogue]
    ) -> None:
        self._run(
            request, queryset, services.catalogue_close, _("Katalog %(year)s ditutup.")
        )

    def _run(
        self, request: HttpRequest, queryset: QuerySet, service: Any, done: str
    ) -> None:
        for catalogue in queryset:
            try:
                service(catalogue=catalogue, actor=request.user)
            except (ValidationError, PermissionDenied) as exc:
                reasons = "; ".join(refusal_messages(exc))
                self.message_user(
                    request, f"{catalogue.year}: {reasons}", messages.ERROR
                )
            else:
                self.message_user(
                    request, done % {"year": catalogue.year}, messages.SUCCESS
                )

    def tool_flags(self, request: HttpRequest) -> dict[str, bool]:
        return {"may_copy": access.is_administrator(request.user)}

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<int:pk>/salin/",
                self.admin_site.admin_view(self.copy_view),
                name="indicators_catalogue_copy",
            ),
            path(
                "<int:pk>/identitas/",
                self.admin_site.admin_view(self.identity_view),
                name="indicators_catalogue_identity",
            ),
            *super().get_urls(),
        ]

    def identity_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The year's names, letterhead and signatory, also once the year is open."""
        if not access.is_administrator(request.user):
            raise PermissionDenied
        catalogue = get_object_or_404(self.get_queryset(request), pk=pk)
        form = IdentityForm(request.POST or None, instance=catalogue)
        if request.method == "POST" and form.is_valid():
            services.catalogue_identity_update(
                catalogue=catalogue,
                values={k: form.cleaned_data[k] for k in form.fields},
                actor=request.user,
            )
            self.message_user(
                request,
                _("Identitas program %(year)s disimpan.") % {"year": catalogue.year},
                messages.SUCCESS,
            )
            return redirect("admin:indicators_catalogue_change", catalogue.pk)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "source": catalogue,
            "opts": self.opts,
            "title": _("Identitas program %(year)s") % {"year": catalogue.year},
        }
        return TemplateResponse(
            request, "admin/indicators/catalogue/identity.html", context
        )

    def copy_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Copy a catalogue to a new year as a draft."""
        if not access.is_administrator(request.user):
            raise PermissionDenied
        source = get_object_or_404(self.get_queryset(request), pk=pk)
        form = CopyToYearForm(request.POST or None, source=source)
        if request.method == "POST" and form.is_valid():
            try:
                copy = services.catalogue_copy_to_year(
                    catalogue=source, year=form.cleaned_data["year"], actor=request.user
                )
            except ValidationError as exc:
                form.add_error("year", exc.messages)
            else:
                self.message_user(
                    request,
                    _("Katalog %(year)s dibuat sebagai draf.") % {"year": copy.year},
                    messages.SUCCESS,
                )
                return redirect("admin:indicators_catalogue_change", copy.pk)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "source": source,
            "opts": self.opts,
            "title": _("Salin katalog %(year)s") % {"year": source.year},
        }
        return TemplateResponse(
            request, "admin/indicators/catalogue/copy.html", context
        )


@admin.register(Category)
class CategoryAdmin(FrozenWhenOpenMixin, NationalReadModelAdmin):
    list_display = ["code", "name", "group", "order", "catalogue"]
    list_filter = ["catalogue", "group"]
    list_select_related = ["catalogue"]


@admin.register(Indicator)
class IndicatorAdmin(
    FrozenWhenOpenMixin,
    TargetedImportMixin,
    ExportFiltersMixin,
    ExportMixin,
    NationalReadModelAdmin,
):
    resource_classes = [IndicatorResource]
    import_target = "catalogue"
    import_form_class = CatalogueImportForm
    confirm_form_class = CatalogueConfirmImportForm
    import_template_name = "admin/indicators/indicator/import.html"
    formats = sheet_formats(CATALOGUE_SHEET)
    list_display = [
        "code",
        "short_text",
        "type",
        "answer_kind",
        "category",
        "catalogue",
    ]
    list_filter = ["catalogue", "type", "answer_kind", "category__group"]
    list_select_related = ["category", "catalogue"]
    search_fields = ["code", "text"]
    autocomplete_fields = ["responsible_agency_type"]

    @admin.display(description=gettext_lazy("teks"))
    def short_text(self, obj: Indicator) -> str:
        label = obj.text if len(obj.text) <= 90 else obj.text[:87] + "…"
        return (
            f"{label} [{obj.catalogue.sample_label}]"
            if obj.catalogue.is_sample
            else label
        )

    def has_export_permission(self, request: HttpRequest) -> bool:
        return access.can_use_staff_console(request.user)

    def import_success_message(self, result: Any) -> str:
        return _("Impor selesai: %(new)d indikator baru, %(update)d diperbarui.") % {
            "new": result.totals["new"],
            "update": result.totals["update"],
        }

    def get_export_queryset(self, request: HttpRequest) -> QuerySet[Indicator]:
        return (
            super()
            .get_export_queryset(request)
            .select_related("catalogue", "category", "responsible_agency_type")
        )


class IndicatorMappingForm(forms.ModelForm):
    class Meta:
        model = IndicatorMapping
        fields = ["target", "source"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("target"):
            problem = services.mapping_problem(
                target=data["target"], source=data.get("source")
            )
            if problem:
                self.add_error("source", problem)
        return data


@admin.register(IndicatorMapping)
class IndicatorMappingAdmin(NationalReadModelAdmin):
    """Where a changed catalogue's indicators take last year's answers from.

    Administrators add and change rows; the service checks the source year. Without
    a row an indicator takes the answer of the same code.
    """

    list_display = ["target", "source", "target_year", "created_by", "created_at"]
    list_filter = ["target__catalogue"]
    list_select_related = ["target__catalogue", "source", "created_by"]
    search_fields = ["target__code", "source__code"]
    autocomplete_fields = ["target", "source"]
    form = IndicatorMappingForm

    @admin.display(description=gettext_lazy("tahun"))
    def target_year(self, obj: IndicatorMapping) -> int:
        return obj.target.catalogue.year

    def save_model(self, request: HttpRequest, obj, form, change) -> None:
        # The form checked the fields; the service checks the years and who.
        services.indicator_mapping_set(
            target=obj.target, source=obj.source, actor=request.user
        )

    def delete_model(self, request: HttpRequest, obj) -> None:
        services.indicator_mapping_remove(mapping=obj, actor=request.user)
