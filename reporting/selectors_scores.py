"""Reads for score pages: one assessment's breakdown, a year's ranking and province counts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from indicators.models import Catalogue
from regions.models import Province
from reporting.models import Score


def ranking(
    *,
    catalogue: Catalogue,
    provinces: set[str] | None,
    province: str = "",
    top: int | None = None,
) -> QuerySet[Score]:
    qs = (
        Score.objects.filter(assessment__catalogue=catalogue)
        .select_related("assessment__regency__province")
        .order_by("national_rank")
    )
    if provinces is not None:
        qs = qs.filter(assessment__regency__province_id__in=provinces)
    if province:
        qs = qs.filter(assessment__regency__province_id=province)
    return qs[:top] if top else qs


@dataclass
class ProvinceSummary:
    province: Province
    regencies: int
    scored: int
    awarded: int
    share: Decimal
    pembina: bool


def province_summaries(
    *, catalogue: Catalogue, provinces: set[str] | None
) -> list[ProvinceSummary]:
    """Predicate counts per province and the "pembina" share (awarded / all its kab/kota)."""
    qs = Province.objects.annotate(
        n_regencies=Count("regencies", distinct=True),
        n_scored=Count(
            "regencies__assessments__score",
            distinct=True,
            filter=Q(regencies__assessments__catalogue=catalogue),
        ),
        n_awarded=Count(
            "regencies__assessments__score",
            distinct=True,
            filter=Q(
                regencies__assessments__catalogue=catalogue,
                regencies__assessments__score__earns_award=True,
            ),
        ),
    ).order_by("code")
    if provinces is not None:
        qs = qs.filter(code__in=provinces)
    threshold = catalogue.pembina_min_share
    rows = []
    for p in qs:
        share = (
            (Decimal(100) * p.n_awarded / p.n_regencies).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            if p.n_regencies
            else Decimal(0)
        )
        rows.append(
            ProvinceSummary(
                p, p.n_regencies, p.n_scored, p.n_awarded, share, share >= threshold
            )
        )
    return rows


def predicate_counts(scores: QuerySet[Score]) -> list[tuple[str, int]]:
    return list(
        scores.order_by()
        .values_list("predicate")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
