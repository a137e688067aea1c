"""The public maps: each kab/kota coloured by its published predicate or its score."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from indicators.models import PredicateBand
from kernel.charts import MapRegion, Series, number, region_map
from kernel.charts.base import Chart
from kernel.charts.maps import NO_DATA, SCALE
from public.selectors import Result, YearResults
from regions.maps import regency_shapes, source_note
from regions.models import Regency

# Bands from the highest: greens for the award bands, warm tones below.
AWARD_COLOURS = ("#006d2c", "#31a354", "#74c476", "#a1d99b")
OTHER_COLOURS = ("#fdae6b", "#e6550d", "#a63603", "#7f2704")
# Score classes for the score view: [lower bound, upper bound).
SCORE_STEPS = (Decimal(0), Decimal(20), Decimal(40), Decimal(60), Decimal(80))
BY_PREDICATE, BY_SCORE = "predikat", "nilai"


def band_colours(bands: Sequence[PredicateBand]) -> dict[str, str]:
    awarded = [b for b in bands if b.earns_award]
    others = [b for b in bands if not b.earns_award]
    colours = {b.label: AWARD_COLOURS[min(i, 3)] for i, b in enumerate(awarded)}
    colours |= {b.label: OTHER_COLOURS[min(i, 3)] for i, b in enumerate(others)}
    return colours


def _score_class(total: Decimal) -> int:
    return max(i for i, step in enumerate(SCORE_STEPS) if total >= step)


def _score_legend() -> list[Series]:
    series = []
    for i, low in enumerate(SCORE_STEPS):
        high = SCORE_STEPS[i + 1] if i + 1 < len(SCORE_STEPS) else Decimal(100)
        label = (
            f"{number(low)}–<{number(high)}"
            if i + 1 < len(SCORE_STEPS)
            else f"{number(low)}–{number(high)}"
        )
        series.append(Series(f"s{i}", label, SCALE[i]))
    return series


def regency_link(year: int, code: str) -> str:
    return reverse("public:regency", args=[year, code])


def results_map(
    data: YearResults,
    regencies: Sequence[Regency],
    *,
    mode: str,
    chart_id: str,
    title: str,
) -> Chart:
    year = data.catalogue.year
    colours = band_colours(data.bands)
    regions = []
    for regency in regencies:
        result: Result | None = data.results.get(regency.code)
        if result is None:
            tone, summary = NO_DATA, _("tidak ada hasil yang diumumkan")
            values = ("—", "—", regency.province.name)
        else:
            total = number(result.total, 2)
            tone = (
                SCALE[_score_class(result.total)]
                if mode == BY_SCORE
                else colours.get(result.predicate, NO_DATA)
            )
            summary = f"{result.predicate}, {total}"
            values = (result.predicate, total, regency.province.name)
        regions.append(
            MapRegion(
                code=regency.code,
                label=regency.name,
                tone=tone,
                values=values,
                summary=summary,
                link=regency_link(year, regency.code),
            )
        )
    if mode == BY_SCORE:
        legend = _score_legend()
    else:
        legend = [Series(b.label, b.label, colours[b.label]) for b in data.bands]
    legend.append(Series("none", _("Tidak ada hasil"), NO_DATA))
    shapes = regency_shapes()
    return region_map(
        chart_id=chart_id,
        title=title,
        outlines=shapes.shapes,
        regions=regions,
        legend=legend,
        label_heading=_("Kabupaten/kota"),
        value_headings=(_("Predikat"), _("Nilai"), _("Provinsi")),
        missing_note=_(
            "Batas wilayah berikut tidak tersedia di sumber peta, jadi tidak "
            "digambar (hasilnya tetap ada di tabel): %(names)s."
        ),
        source=source_note(),
    )
