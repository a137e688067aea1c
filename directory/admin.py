from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts import access
from accounts.admin_scope import (
    NationalReadModelAdmin,
    ReadOnlyAdminMixin,
    ScopedModelAdmin,
)
from accounts.services.offices import office_coverage_change
from directory.forms import CoverageChangeForm
from kernel.errors import Refusal
from regions import selectors as region_selectors
from regions.models import (
    Agency,
    AgencyType,
    KanwilOffice,
    OfficeCoverage,
    Province,
    Regency,
)


@admin.register(Province)
class ProvinceAdmin(ScopedModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]

    def scope_queryset(self, request: HttpRequest, qs: QuerySet) -> QuerySet:
        return qs.filter(pk__in=access.provinces_for(request.user).values("pk"))


@admin.register(Regency)
class RegencyAdmin(ScopedModelAdmin):
    list_display = ["code", "name", "kind", "province", "is_dki_administrative"]
    list_filter = ["kind", "is_dki_administrative", "province"]
    list_select_related = ["province"]
    search_fields = ["code", "name"]

    def get_list_filter(self, request: HttpRequest) -> list[str]:
        # A province filter listing all 38 names would leak beyond the scope.
        filters = list(super().get_list_filter(request))
        if not access.scope_of(request.user).national:
            filters.remove("province")
        return filters


@admin.register(AgencyType)
class AgencyTypeAdmin(NationalReadModelAdmin):
    list_display = ["order", "code", "name", "short_name"]
    list_display_links = ["code", "name"]
    search_fields = ["code", "name", "short_name"]


@admin.register(Agency)
class AgencyAdmin(ScopedModelAdmin):
    scope_prefix = "regency__"
    list_display = ["name", "short_name", "regency", "agency_type", "is_active"]
    list_filter = ["is_active", "agency_type"]
    list_select_related = ["regency", "agency_type"]
    search_fields = ["name", "short_name", "regency__name", "regency__code"]
    autocomplete_fields = ["regency"]


class CoverageInline(admin.TabularInline):
    """An office's coverage, every row ever recorded: read in the console, changed
    only through "Ubah cakupan" (rows are never rewritten)."""

    model = OfficeCoverage
    extra = 0
    can_delete = False
    fields = ["province", "valid_from", "valid_until", "certainty", "source"]
    readonly_fields = fields
    ordering = ["province", "valid_from"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(KanwilOffice)
class KanwilOfficeAdmin(NationalReadModelAdmin):
    list_display = ["name", "seat", "covers_today", "unit_name", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["seat"]
    search_fields = ["code", "name"]
    fields = ["code", "name", "seat", "unit_name", "source", "is_active"]
    inlines = [CoverageInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "coverages",
                    queryset=OfficeCoverage.objects.filter(
                        region_selectors.in_force()
                    ).select_related("province"),
                    to_attr="in_force",
                )
            )
        )

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # an office is deactivated; its coverage stays as history

    @admin.display(description=_("mencakup hari ini"))
    def covers_today(self, obj: KanwilOffice) -> str:
        return ", ".join(c.province.name for c in obj.in_force) or "—"


@admin.register(OfficeCoverage)
class OfficeCoverageAdmin(ReadOnlyAdminMixin, NationalReadModelAdmin):
    """Which office covers which province, when; the change form is its own page."""

    list_display = [
        "province",
        "office",
        "valid_from",
        "valid_until",
        "certainty",
        "recorded_by",
    ]
    list_filter = ["certainty", "office"]
    list_select_related = ["province", "office", "recorded_by"]
    search_fields = ["province__name", "office__name"]
    change_list_template = "admin/regions/officecoverage/change_list.html"

    def get_urls(self) -> list[Any]:
        return [
            path(
                "ubah/",
                self.admin_site.admin_view(self.change_coverage_view),
                name="regions_officecoverage_change_coverage",
            ),
            *super().get_urls(),
        ]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "coverage_table": region_selectors.coverage_table(),
            "can_change_coverage": access.is_administrator(request.user),
        }
        return super().changelist_view(request, extra_context)

    def change_coverage_view(self, request: HttpRequest) -> HttpResponse:
        if not access.is_administrator(request.user):
            raise PermissionDenied
        initial = {}
        code = request.GET.get("provinsi", "")[:2]
        if code and Province.objects.filter(pk=code).exists():
            initial["province"] = code
        form = CoverageChangeForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                office_coverage_change(
                    actor=request.user,
                    province=data["province"],
                    office=data["office"],
                    valid_from=data["valid_from"],
                    source=data["source"],
                    certainty=data["certainty"],
                )
            except Refusal as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                self.message_user(
                    request,
                    _("Cakupan %(province)s diubah mulai %(day)s.")
                    % {
                        "province": data["province"].name,
                        "day": data["valid_from"].strftime("%d/%m/%Y"),
                    },
                    messages.SUCCESS,
                )
                return redirect("admin:regions_officecoverage_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.opts,
            "title": _("Ubah cakupan kantor wilayah"),
        }
        return TemplateResponse(
            request, "admin/regions/officecoverage/change_coverage.html", context
        )
