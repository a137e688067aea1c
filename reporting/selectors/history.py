"""Year-on-year results of a kab/kota and award streaks ("won five years in a row")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from regions.models import Regency
from reporting.models import Score


@dataclass(frozen=True)
class YearResult:
    year: int
    total: Decimal
    predicate: str
    earns_award: bool
    is_final: bool
    is_sample: bool
    assessment_id: int


@dataclass(frozen=True)
class Streak:
    """Consecutive award years ending at the latest scored year; 0 when that year missed."""

    length: int = 0
    first_year: int | None = None
    last_year: int | None = None
    provisional: bool = False  # some year in the streak is not final yet


def current_streak(results: Sequence[tuple[int, bool, bool]]) -> Streak:
    """``results`` are (year, earns_award, is_final); a missing year ends a streak."""
    ordered = sorted(results, reverse=True)
    if not ordered:
        return Streak()
    expected, length, first, provisional = ordered[0][0], 0, None, False
    for year, award, final in ordered:
        if year != expected or not award:
            break
        length, first, expected = length + 1, year, year - 1
        provisional = provisional or not final
    if not length:
        return Streak()
    return Streak(length, first, ordered[0][0], provisional)


@dataclass
class History:
    results: list[YearResult]
    streak: Streak

    @property
    def has_sample(self) -> bool:
        return any(r.is_sample for r in self.results)


def regency_history(*, regency: Regency) -> History:
    """Every scored year of one kab/kota, oldest first, and its current streak (one query)."""
    results = [
        YearResult(*row)
        for row in Score.objects.filter(assessment__regency=regency)
        .order_by("assessment__catalogue__year")
        .values_list(
            "assessment__catalogue__year",
            "total",
            "predicate",
            "earns_award",
            "is_final",
            "assessment__catalogue__is_sample",
            "assessment_id",
        )
    ]
    streak = current_streak([(r.year, r.earns_award, r.is_final) for r in results])
    return History(results, streak)


@dataclass(frozen=True)
class StreakRow:
    code: str
    name: str
    province: str
    streak: Streak


def longest_streaks(*, provinces: set[str] | None, limit: int = 10) -> list[StreakRow]:
    """The kab/kota with the longest current award streaks (one query, then Python)."""
    scores = Score.objects.all()
    if provinces is not None:
        scores = scores.filter(assessment__regency__province_id__in=provinces)
    years: dict[str, list[tuple[int, bool, bool]]] = defaultdict(list)
    names: dict[str, tuple[str, str]] = {}
    for code, name, province, year, award, final in scores.order_by().values_list(
        "assessment__regency_id",
        "assessment__regency__name",
        "assessment__regency__province__name",
        "assessment__catalogue__year",
        "earns_award",
        "is_final",
    ):
        years[code].append((year, award, final))
        names[code] = (name, province)
    rows = [
        StreakRow(code, *names[code], streak)
        for code, results in years.items()
        if (streak := current_streak(results)).length
    ]
    rows.sort(key=lambda r: (-r.streak.length, -(r.streak.last_year or 0), r.code))
    return rows[:limit]
