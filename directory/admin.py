from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts import access
from accounts.admin_scope import NationalReadModelAdmin, ScopedModelAdmin
from regions.models import Agency, AgencyType, Province, Regency


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
