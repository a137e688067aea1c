"""Reads of regions, always through the caller's scope."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from accounts import access
from accounts.models import User
from regions.models import Province, Regency


def regency_list_for_user(*, user: User, query: str = "") -> QuerySet[Regency]:
    """Regencies the user may see, optionally filtered by code or name."""
    qs = access.regencies_for(user).select_related("province")
    if query:
        qs = qs.filter(name__icontains=query) | qs.filter(code__startswith=query)
    return qs.order_by("code")


def province_list_for_user(*, user: User) -> QuerySet[Province]:
    """Provinces the user may see, with their kabupaten/kota counts."""
    return access.provinces_for(user).annotate(regency_count=Count("regencies"))
