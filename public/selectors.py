"""Reads for the public results pages: published years only, published rows only.

A year is public once its ``Publication`` exists (``reporting.services.central.year_publish``);
within it only assessments with status PUBLISHED count. Ranks, the pembina share, history
and streaks come from ``reporting.selectors`` (``published_only`` where they also serve
the staff pages); nothing here recomputes a score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, OuterRef

from aksiham import selectors as aksiham_selectors
from indicators.models import Catalogue, PredicateBand
from regions import selectors as region_selectors
from regions.models import Province, Regency
from reporting.models import Assessment, Publication, Score
from reporting.selectors.dashboards import CategoryScore, category_scores
from reporting.selectors.history import History, regency_history
from reporting.selectors.scores import ProvinceSummary, province_summaries, ranked


def published_years() -> list[Catalogue]:
    """Every published year, newest first (one query)."""
    return list(
        Catalogue.objects.filter(publication__isnull=False)
        .select_related("publication")
        .order_by("-year")
    )


def published_year(year: int) -> tuple[Catalogue, str] | None:
    """The year's catalogue with its publication, and a version that changes whenever
    its public figures may change (a new publication, a rescore, an Aksi HAM period
    score of the data year written or corrected, a province or kab/kota renamed); None when the year
    is not published. One query: the only one of a warm public page."""
    found = (
        Publication.objects.filter(catalogue__year=year)
        .select_related("catalogue")
        .annotate(
            latest=Max("catalogue__assessments__score__computed_at"),
            aksi=aksiham_selectors.scores_changed_at(OuterRef("catalogue__data_year")),
            names=region_selectors.names_changed_at(),
        )
        .first()
    )
    if found is None:
        return None
    catalogue = found.catalogue
    catalogue.publication = found
    latest = found.latest.timestamp() if found.latest else 0
    aksi = found.aksi.timestamp() if found.aksi else 0
    names = found.names.timestamp() if found.names else 0
    return (
        catalogue,
        f"{found.pk}-{found.published_at.timestamp():.0f}-{latest:.3f}-{aksi:.3f}"
        f"-{names}",
    )


@dataclass(frozen=True)
class Result:
    code: str
    name: str
    province_code: str
    province_name: str
    total: Decimal
    predicate: str
    earns_award: bool
    national_rank: int
    province_rank: int


@dataclass
class YearResults:
    catalogue: Catalogue
    bands: list[PredicateBand]
    regencies: list[Regency]
    results: dict[str, Result]
    provinces: list[ProvinceSummary] = field(default_factory=list)

    @property
    def awarded(self) -> int:
        return sum(1 for r in self.results.values() if r.earns_award)


def year_results(catalogue: Catalogue) -> YearResults:
    """Every kab/kota with its published result, if any (four queries)."""
    rows = ranked(catalogue, published_only=True).values_list(
        "assessment__regency_id",
        "assessment__regency__name",
        "assessment__regency__province_id",
        "assessment__regency__province__name",
        "total",
        "predicate",
        "earns_award",
        "national_rank",
        "province_rank",
    )
    return YearResults(
        catalogue=catalogue,
        bands=list(catalogue.bands.order_by("-min_score")),
        regencies=list(Regency.objects.select_related("province").order_by("code")),
        results={row[0]: Result(*row) for row in rows},
        provinces=province_summaries(
            catalogue=catalogue, provinces=None, published_only=True
        ),
    )


@dataclass
class RegencyPage:
    regency: Regency
    result: Result | None
    categories: list[CategoryScore]
    history: History
    aksi_score: Decimal | None
    pembina: ProvinceSummary | None


def _published_history(regency: Regency) -> History:
    """The kab/kota's published years only; its streak already counts only those."""
    history = regency_history(regency=regency)
    return History(
        [r for r in history.results if r.is_final], history.streak, pending_years=[]
    )


def aksi_yearly_score(year: int, code: str) -> Decimal | None:
    """The kab/kota's Aksi HAM yearly score, or None (two queries)."""
    return aksiham_selectors.yearly_scores(year, [code])[code]


def regency_page(catalogue: Catalogue, regency: Regency) -> RegencyPage:
    results = year_results(catalogue)
    result = results.results.get(regency.code)
    categories: list[CategoryScore] = []
    if result is not None:
        score = Score.objects.get(
            assessment__catalogue=catalogue,
            assessment__regency=regency,
            assessment__status=Assessment.Status.PUBLISHED,
        )
        categories = category_scores(score)
    pembina = next(
        (p for p in results.provinces if p.province.code == regency.province_id), None
    )
    return RegencyPage(
        regency=regency,
        result=result,
        categories=categories,
        history=_published_history(regency),
        aksi_score=aksi_yearly_score(catalogue.data_year, regency.code),
        pembina=pembina,
    )


def province_of(code: str) -> Province | None:
    return Province.objects.filter(code=code).first()


def regency_of(code: str) -> Regency | None:
    return Regency.objects.select_related("province").filter(code=code).first()
