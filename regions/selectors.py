"""Reads of the Kanwil offices: which office covers which province on a given day.

A coverage row is in force on a province's own calendar day (its zone: WIB, WITA or
WIT), so a change "from 1 March" starts at local midnight in Aceh and in Papua alike.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Subquery
from django.db.models.functions import Greatest

from kernel import clock
from kernel.zones import Zone
from regions.models import Agency, KanwilOffice, OfficeCoverage, Province, Regency


def in_force(moment: datetime.datetime | None = None, prefix: str = "") -> Q:
    """Coverage rows (reached through ``prefix``) in force at ``moment`` (default now)."""
    moment = moment or clock.now()
    q = Q()
    for zone in Zone.values:
        day = clock.localdate(moment, zone)
        q |= Q(
            **{
                f"{prefix}province__zone": zone,
                f"{prefix}valid_from__lte": day,
            }
        ) & (
            Q(**{f"{prefix}valid_until__isnull": True})
            | Q(**{f"{prefix}valid_until__gte": day})
        )
    return q


def provinces_covered(
    office_ids: Iterable[int], moment: datetime.datetime | None = None
) -> frozenset[str]:
    """Province codes the offices cover at ``moment``, in one query."""
    office_ids = list(office_ids)
    if not office_ids:
        return frozenset()
    return frozenset(
        OfficeCoverage.objects.filter(
            in_force(moment), office_id__in=office_ids
        ).values_list("province_id", flat=True)
    )


def office_of(
    province_code: str, moment: datetime.datetime | None = None
) -> KanwilOffice | None:
    """The office that covers the province at ``moment``, or None when not known."""
    coverage = (
        OfficeCoverage.objects.filter(in_force(moment), province_id=province_code)
        .select_related("office")
        .first()
    )
    return coverage.office if coverage else None


def offices_of(
    province_codes: Iterable[str], moment: datetime.datetime | None = None
) -> dict[str, KanwilOffice]:
    """Province code → the office covering it at ``moment`` (unknown ones left out)."""
    return {
        c.province_id: c.office
        for c in OfficeCoverage.objects.filter(
            in_force(moment), province_id__in=list(province_codes)
        ).select_related("office")
    }


@dataclass(frozen=True)
class ProvinceCoverage:
    """One province as the coverage table shows it: its office today, if known."""

    province: Province
    coverage: OfficeCoverage | None
    next_change: OfficeCoverage | None

    @property
    def office(self) -> KanwilOffice | None:
        return self.coverage.office if self.coverage else None


def coverage_table(moment: datetime.datetime | None = None) -> list[ProvinceCoverage]:
    """All 38 provinces with the office covering each at ``moment`` and the next
    change already planned; two queries."""
    moment = moment or clock.now()
    current = {
        c.province_id: c
        for c in OfficeCoverage.objects.filter(in_force(moment)).select_related(
            "office"
        )
    }
    planned: dict[str, OfficeCoverage] = {}
    for row in (
        OfficeCoverage.objects.filter(valid_from__gt=clock.localdate(moment, Zone.WIB))
        .exclude(pk__in=[c.pk for c in current.values()])
        .select_related("office")
        .order_by("valid_from")
    ):
        planned.setdefault(row.province_id, row)
    return [
        ProvinceCoverage(p, current.get(p.code), planned.get(p.code))
        for p in Province.objects.order_by("code")
    ]


def coverage_history(province: Province) -> list[OfficeCoverage]:
    """Every office that ever covered the province, oldest first."""
    return list(
        OfficeCoverage.objects.filter(province=province)
        .select_related("office", "recorded_by")
        .order_by("valid_from")
    )


def names_changed_at() -> Greatest:
    """When a province or kab/kota row last changed (renamed in the console, or the
    regions data loaded again), as a subquery: pages and files that show region names
    are cached by it, so a new name shows at once."""
    return Greatest(
        Subquery(Province.objects.order_by("-changed_at").values("changed_at")[:1]),
        Subquery(Regency.objects.order_by("-changed_at").values("changed_at")[:1]),
    )


def active_agencies(regency_code: str) -> QuerySet[Agency]:
    """The kab/kota's OPDs that can be given work or staff (in the model's order)."""
    return Agency.objects.filter(regency_id=regency_code, is_active=True)
