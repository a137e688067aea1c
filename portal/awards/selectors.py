"""Which kab/kota meet the year's best-region criteria, and why each is in or out.

The ministry's published criteria (2023): the highest pure score, the award three
years running, an Aksi HAM yearly score of at least 80 the year before, and no
alleged violations unresolved at the cut-off. Thresholds are the year's settings
(``reporting.models.YearSettings``). Everything is read from stored rows: the year's
finished scores, published award years, Aksi HAM period scores and the register; a
fixed number of queries whatever the number of kab/kota.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from aksiham.selectors import yearly_scores
from indicators.models import Catalogue
from reporting.models import Score, YearSettings
from reporting.selectors.register import unresolved_by_regency
from reporting.selectors.scores import ranked

SCORE, STREAK, AKSI, CASES = "score", "streak", "aksi", "cases"


@dataclass(frozen=True)
class Criterion:
    code: str
    met: bool | None  # None: not weighed (another criterion already failed)
    reason: str


@dataclass
class Candidate:
    code: str
    name: str
    province: str
    base_total: Decimal
    total: Decimal
    national_rank: int
    criteria: list[Criterion] = field(default_factory=list)

    @property
    def selected(self) -> bool:
        return all(c.met for c in self.criteria)

    def criterion(self, code: str) -> Criterion:
        return next(c for c in self.criteria if c.code == code)


@dataclass(frozen=True)
class BestRegions:
    catalogue: Catalogue
    settings: YearSettings
    rows: list[Candidate]

    @property
    def selected(self) -> list[Candidate]:
        return [r for r in self.rows if r.selected]


def _num(value: Decimal) -> str:
    return number_format(value, 2)


def _award_years(catalogue: Catalogue, codes: list[str]) -> dict[str, set[int]]:
    """Per kab/kota, the years it earned the award: this year's finished score, and
    earlier years only once published (final)."""
    years: dict[str, set[int]] = defaultdict(set)
    for code, year, final in Score.objects.filter(
        assessment__regency_id__in=codes,
        earns_award=True,
        assessment__catalogue__year__lte=catalogue.year,
    ).values_list("assessment__regency_id", "assessment__catalogue__year", "is_final"):
        if final or year == catalogue.year:
            years[code].add(year)
    return years


def best_regions(catalogue: Catalogue) -> BestRegions:
    settings = YearSettings.of(catalogue)
    scores = list(
        ranked(catalogue).values_list(
            "assessment__regency_id",
            "assessment__regency__name",
            "assessment__regency__province__name",
            "base_total",
            "total",
            "national_rank",
        )
    )
    rows = [Candidate(*row) for row in scores]
    codes = [r.code for r in rows]
    awards = _award_years(catalogue, codes)
    aksi_year = catalogue.year - 1
    aksi = yearly_scores(aksi_year, codes)
    unresolved = unresolved_by_regency(catalogue)
    need = settings.best_years_running
    for row in rows:
        run, year = 0, catalogue.year
        while year in awards.get(row.code, set()):
            run, year = run + 1, year - 1
        if run >= need:
            streak = Criterion(
                STREAK,
                True,
                _("Penghargaan %(n)d tahun berturut-turut (%(a)d–%(b)d).")
                % {"n": run, "a": catalogue.year - run + 1, "b": catalogue.year},
            )
        else:
            streak = Criterion(
                STREAK,
                False,
                _(
                    "Penghargaan berturut-turut sampai %(y)d: %(n)d tahun; perlu %(need)d."
                )
                % {"y": catalogue.year, "n": run, "need": need},
            )
        value = aksi.get(row.code)
        minimum = settings.best_min_aksi_score
        if value is None:
            aksi_c = Criterion(
                AKSI,
                False,
                _("Tidak ada nilai Aksi HAM %(y)d; perlu paling sedikit %(min)s.")
                % {"y": aksi_year, "min": _num(minimum)},
            )
        else:
            aksi_c = Criterion(
                AKSI,
                value >= minimum,
                _("Nilai Aksi HAM %(y)d: %(v)s (paling sedikit %(min)s).")
                % {"y": aksi_year, "v": _num(value), "min": _num(minimum)},
            )
        refs = unresolved.get(row.code, [])
        cutoff = settings.cutoff
        if refs:
            cases = Criterion(
                CASES,
                False,
                _("Dugaan pelanggaran belum diselesaikan pada %(day)s: %(refs)s.")
                % {"day": date_format(cutoff, "j F Y"), "refs": ", ".join(refs)},
            )
        else:
            cases = Criterion(
                CASES,
                True,
                _("Tidak ada dugaan pelanggaran yang belum diselesaikan pada %(day)s.")
                % {"day": date_format(cutoff, "j F Y")},
            )
        row.criteria = [streak, aksi_c, cases]
    eligible = sorted(
        (r for r in rows if all(c.met for c in r.criteria)),
        key=lambda r: (-r.base_total, r.national_rank),
    )
    places = {r.code: i for i, r in enumerate(eligible, start=1)}
    top = settings.best_rule == YearSettings.BestRule.TOP
    for row in rows:
        place = places.get(row.code)
        if place is None:
            score = Criterion(
                SCORE,
                None,
                _(
                    "Nilai murni %(v)s; tidak dibandingkan karena syarat lain tidak terpenuhi."
                )
                % {"v": _num(row.base_total)},
            )
        elif not top:
            score = Criterion(
                SCORE,
                True,
                _("Nilai murni %(v)s; semua daerah yang memenuhi syarat terpilih.")
                % {"v": _num(row.base_total)},
            )
        else:
            score = Criterion(
                SCORE,
                place <= settings.best_count,
                _(
                    "Nilai murni %(v)s: urutan %(p)d dari %(n)d daerah yang memenuhi "
                    "syarat; dipilih %(k)d teratas."
                )
                % {
                    "v": _num(row.base_total),
                    "p": place,
                    "n": len(eligible),
                    "k": settings.best_count,
                },
            )
        row.criteria.insert(0, score)
    rows.sort(
        key=lambda r: (not r.selected, places.get(r.code, 10**6), r.national_rank)
    )
    return BestRegions(catalogue, settings, rows)
