"""Reads of published results for the open data files and the read API.

Only a year with a ``Publication`` exists here, and in it only the published kab/kota
(``reporting.selectors.scores.published_ranking``): nothing of an unpublished year, a
working total or a kab/kota left out of the decree can be read through this module.

A year's rows are built once and cached (the default cache, Redis in production).
The key carries the year's publication and the newest of its published scores, so
publishing, withdrawing a publication or rescoring makes a new key and the old rows
are never read again; ``OPEN_DATA_CACHE_SECONDS`` bounds what else may change
(a kab/kota renamed, an Aksi HAM period score corrected).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Q, QuerySet

from aksiham.selectors import scores_changed_at, yearly_scores
from indicators.models import Catalogue
from regions.models import Regency
from regions.selectors import names_changed_at
from reporting.models import Assessment
from reporting.selectors.scores import (
    category_score_fields,
    category_scores,
    published_ranking,
)

T = TypeVar("T")
_PUBLISHED = Q(assessments__status=Assessment.Status.PUBLISHED)


@dataclass(frozen=True)
class CategoryScore:
    code: str
    name: str
    score: Decimal | None


@dataclass(frozen=True)
class Result:
    """One published kab/kota of one year, as the files and the API give it."""

    code: str
    name: str
    kind: str
    province_code: str
    province_name: str
    categories: tuple[CategoryScore, ...]
    total: Decimal
    predicate: str
    earns_award: bool
    national_rank: int
    province_rank: int
    aksi_ham_score: Decimal | None


def published_years() -> QuerySet[Catalogue]:
    """Every year whose results were published, newest first, with what its cache
    key needs (one query)."""
    return (
        Catalogue.objects.filter(publication__isnull=False)
        .select_related("publication")
        .annotate(
            published_count=Count("assessments", filter=_PUBLISHED),
            scored_at=Max("assessments__score__computed_at", filter=_PUBLISHED),
            aksi_scored_at=scores_changed_at(OuterRef("data_year")),
            names_changed_at=names_changed_at(),
        )
        .order_by("-year")
    )


def published_year(year: int) -> Catalogue | None:
    """A published year, or None (never published, or no such year)."""
    return published_years().filter(year=year).first()


def _cache_key(catalogue: Catalogue) -> str:
    publication = catalogue.publication
    scored = catalogue.scored_at.timestamp() if catalogue.scored_at else 0
    aksi = catalogue.aksi_scored_at.timestamp() if catalogue.aksi_scored_at else 0
    names = catalogue.names_changed_at.timestamp() if catalogue.names_changed_at else 0
    return (
        f"opendata:results:{catalogue.year}:{publication.pk}:"
        f"{publication.published_at.timestamp()}:{catalogue.published_count}:{scored}:"
        f"{aksi}:{names}"
    )


def categories_of(catalogue: Catalogue) -> list[tuple[str, str]]:
    """(code, name) of the year's categories, in the order of the ranking export."""
    return list(
        catalogue.categories.order_by("order", "code").values_list("code", "name")
    )


_REGENCY = "assessment__regency"
_ROW = {
    "code": f"{_REGENCY}_id",
    "name": f"{_REGENCY}__name",
    "kind": f"{_REGENCY}__kind",
    "province_code": f"{_REGENCY}__province_id",
    "province_name": f"{_REGENCY}__province__name",
}
_SCORE = ("total", "predicate", "earns_award", "national_rank", "province_rank")


def _build(catalogue: Catalogue) -> list[Result]:
    categories = categories_of(catalogue)
    count = len(categories)
    fields = category_score_fields(count)
    scores = list(
        published_ranking(catalogue)
        .annotate(**fields)
        .values(*_ROW.values(), *_SCORE, *fields)
    )
    aksi = yearly_scores(catalogue.data_year, [s[_ROW["code"]] for s in scores])
    rows = []
    for score in scores:
        per_category = category_scores(score, count)
        rows.append(
            Result(
                **{name: score[path] for name, path in _ROW.items()},
                categories=tuple(
                    CategoryScore(code, name, per_category.get(code))
                    for code, name in categories
                ),
                **{name: score[name] for name in _SCORE},
                aksi_ham_score=aksi.get(score[_ROW["code"]]),
            )
        )
    return rows


def cached(catalogue: Catalogue, part: str, build: Callable[[], T]) -> T:
    """``build()`` once per state of the published year (``part`` names what it is:
    the rows, the API's documents, the CSV text)."""
    key = f"{_cache_key(catalogue)}:{part}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.OPEN_DATA_CACHE_SECONDS)
    return value


def year_results(catalogue: Catalogue) -> list[Result]:
    """The published year's rows in national rank order (from ``published_year``)."""
    return cached(catalogue, "rows", lambda: _build(catalogue))


def year_result(catalogue: Catalogue, code: str) -> Result | None:
    return next((r for r in year_results(catalogue) if r.code == code), None)


def regions() -> QuerySet[Regency]:
    """Every kab/kota, by Kemendagri code (public reference data)."""
    return Regency.objects.select_related("province").order_by("code")


def region_results(code: str) -> list[tuple[Catalogue, Result]]:
    """One kab/kota's published results, newest year first."""
    found = []
    for catalogue in published_years():
        result = year_result(catalogue, code)
        if result is not None:
            found.append((catalogue, result))
    return found
