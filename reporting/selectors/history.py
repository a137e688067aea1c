"""Year-on-year results of a kab/kota and award streaks ("won five years in a row")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from regions.models import Regency
from reporting.models import Assessment, Score
from reporting.selectors.progress import complete_filter


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
    """Consecutive award years among final years, ending at the latest final year;
    0 when that year missed the award."""

    length: int = 0
    first_year: int | None = None
    last_year: int | None = None


def current_streak(results: Sequence[tuple[int, bool, bool]]) -> Streak:
    """``results`` are (year, earns_award, is_final).

    Only final (published) years count: a year still in verification or awaiting
    publication neither extends nor ends a streak. Among final years a missing year
    or one below the award ends it.
    """
    ordered = sorted((r for r in results if r[2]), reverse=True)
    if not ordered:
        return Streak()
    expected, length, first = ordered[0][0], 0, None
    for year, award, _final in ordered:
        if year != expected or not award:
            break
        length, first, expected = length + 1, year, year - 1
    if not length:
        return Streak()
    return Streak(length, first, ordered[0][0])


@dataclass
class History:
    """A kab/kota's finished years (verification complete), and the years of its
    assessments not final yet, which its streak leaves out."""

    results: list[YearResult]
    streak: Streak
    pending_years: list[int] = field(default_factory=list)

    @property
    def has_sample(self) -> bool:
        return any(r.is_sample for r in self.results)


def regency_history(*, regency: Regency) -> History:
    """Every finished year of one kab/kota, oldest first, and its current streak (two
    queries). A year whose verification is not complete shows no total."""
    results = [
        YearResult(*row)
        for row in Score.objects.filter(
            complete_filter("assessment__"), assessment__regency=regency
        )
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
    pending = list(
        Assessment.objects.filter(regency=regency)
        .exclude(score__is_final=True)
        .order_by("catalogue__year")
        .values_list("catalogue__year", flat=True)
    )
    return History(results, streak, pending)


@dataclass(frozen=True)
class StreakRow:
    code: str
    name: str
    province: str
    streak: Streak


def streak_years(*, provinces: set[str] | None) -> list[int]:
    """The final (published) years that streaks count, oldest first (one query)."""
    scores = Score.objects.filter(is_final=True)
    if provinces is not None:
        scores = scores.filter(assessment__regency__province_id__in=provinces)
    return list(
        scores.order_by("assessment__catalogue__year")
        .values_list("assessment__catalogue__year", flat=True)
        .distinct()
    )


def longest_streaks(*, provinces: set[str] | None, limit: int = 10) -> list[StreakRow]:
    """The kab/kota with the longest current award streaks over final years (one
    query, then Python)."""
    scores = Score.objects.filter(is_final=True)
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
