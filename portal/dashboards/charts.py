"""Turn dashboard rows into charts: colours, links and headings live here, not in selectors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kernel.charts import (
    Bar,
    Chart,
    Guide,
    MapRegion,
    Series,
    StackedBar,
    bar_chart,
    donut_chart,
    region_map,
    stacked_bar_chart,
)
from kernel.charts.maps import NO_DATA
from regions.maps import regency_shapes, source_note
from reporting.selectors.dashboards import (
    ANSWER_STAGES,
    ASSESSMENT_STAGES,
    CategoryScore,
    PredicateDistribution,
    ProgressRow,
    RegencyRow,
    RegencyStage,
    Stage,
)
from reporting.selectors.history import History

HUNDRED = Decimal(100)
# Predicate bands come highest first: green for the award, then down to red.
PREDICATE_TONES = ("success", "primary", "warning", "danger", "dark", "secondary")


def _series(stages: Sequence[Stage]) -> list[Series]:
    return [Series(s.key, str(s.label), s.tone) for s in stages]


def _with_year(url: str, year: int) -> str:
    return f"{url}?tahun={year}"


def province_progress_chart(rows: Sequence[ProgressRow], year: int) -> Chart:
    """Assessments per stage for each province, as shares of what was opened."""
    series = _series(ASSESSMENT_STAGES)
    return stacked_bar_chart(
        chart_id="progres-provinsi",
        title=_("Kemajuan penilaian per provinsi"),
        series=series,
        rows=[
            StackedBar(
                row.name,
                tuple(Decimal(row.counts.get(s.key, 0)) for s in series),
                _with_year(reverse("portal:dashboard-province", args=[row.code]), year),
            )
            for row in rows
        ],
        label_heading=_("Provinsi"),
        total_heading=_("Penilaian dibuka"),
        normalize=True,
    )


def predicate_chart(
    distribution: PredicateDistribution, chart_id: str = "predikat"
) -> Chart:
    slices = [
        Bar(row.label, Decimal(row.count), tone=PREDICATE_TONES[min(i, 5)])
        for i, row in enumerate(distribution.rows)
    ]
    chart = donut_chart(
        chart_id=chart_id,
        title=_("Sebaran predikat"),
        slices=slices,
        label_heading=_("Predikat"),
        value_heading=_("Kabupaten/kota"),
        share_heading=_("Persentase"),
        centre_label=_("selesai diverifikasi"),
    )
    note = _(
        "Hanya kabupaten/kota yang verifikasinya selesai; %(n)s dari %(opened)s "
        "penilaian yang dibuka masih diverifikasi atau belum dikirim."
    ) % {
        "n": distribution.unfinished,
        "opened": distribution.opened,
    }
    return replace(chart, notes=(note,))


def regency_answers_chart(rows: Sequence[RegencyRow], year: int) -> Chart:
    """Answers per stage for each kab/kota of a province."""
    series = _series(ANSWER_STAGES)
    return stacked_bar_chart(
        chart_id="progres-kabkota",
        title=_("Kemajuan jawaban per kabupaten/kota"),
        series=series,
        rows=[
            StackedBar(
                row.regency.name,
                tuple(Decimal(row.answers.get(s.key, 0)) for s in series),
                _with_year(
                    reverse("portal:dashboard-regency", args=[row.regency.code]), year
                ),
            )
            for row in rows
        ],
        label_heading=_("Kabupaten/kota"),
        total_heading=_("Jawaban"),
        normalize=True,
    )


def regency_scores_chart(
    rows: Sequence[RegencyRow], year: int, threshold: Decimal | None
) -> Chart:
    scored = sorted(
        (r for r in rows if r.total is not None),
        key=lambda r: (-r.total, r.regency.code),  # type: ignore[operator]
    )
    chart = bar_chart(
        chart_id="nilai-kabkota",
        title=_("Nilai per kabupaten/kota"),
        bars=[
            Bar(
                r.regency.name,
                r.total,  # type: ignore[arg-type]
                _with_year(
                    reverse("portal:dashboard-regency", args=[r.regency.code]), year
                ),
                "success" if r.earns_award else "secondary",
            )
            for r in scored
        ],
        label_heading=_("Kabupaten/kota"),
        value_heading=pgettext("skor", "Nilai"),
        max_value=HUNDRED,
        decimals=2,
        guides=_threshold_guide(threshold),
        extra_columns=(_("Predikat"),),
        extra_cells=[(r.predicate,) for r in scored],
    )
    note = _("Hanya kabupaten/kota yang verifikasinya selesai.")
    return replace(chart, notes=(note,))


def _threshold_guide(threshold: Decimal | None) -> list[Guide]:
    return [Guide(threshold, _("Ambang penghargaan"))] if threshold is not None else []


def answer_stages_chart(counts: dict[str, int]) -> Chart:
    return donut_chart(
        chart_id="jawaban",
        title=_("Status jawaban"),
        slices=[
            Bar(str(s.label), Decimal(counts.get(s.key, 0)), tone=s.tone)
            for s in ANSWER_STAGES
        ],
        label_heading=_("Status"),
        value_heading=_("Jawaban"),
        share_heading=_("Persentase"),
        centre_label=_("jawaban"),
    )


def category_chart(categories: Sequence[CategoryScore]) -> Chart:
    return bar_chart(
        chart_id="nilai-kategori",
        title=_("Nilai per kategori hak"),
        bars=[Bar(f"{c.code} {c.name}", c.score) for c in categories],
        label_heading=_("Kategori"),
        value_heading=pgettext("skor", "Nilai"),
        max_value=HUNDRED,
        decimals=2,
        table_visible=True,
    )


def history_chart(history: History, threshold: Decimal | None, explain: bool) -> Chart:
    """Totals per year, green in award years; links to the explanation if allowed."""
    results = history.results
    return bar_chart(
        chart_id="riwayat",
        title=_("Nilai dari tahun ke tahun"),
        bars=[
            Bar(
                str(r.year),
                r.total,
                reverse("reporting:score-explain", args=[r.assessment_id])
                if explain
                else "",
                "success" if r.earns_award else "secondary",
            )
            for r in results
        ],
        label_heading=_("Tahun"),
        value_heading=pgettext("skor", "Nilai"),
        max_value=HUNDRED,
        decimals=2,
        vertical=True,
        guides=_threshold_guide(threshold),
        extra_columns=(_("Predikat"), _("Status nilai")),
        extra_cells=[
            (r.predicate, _("final") if r.is_final else _("sementara")) for r in results
        ],
        table_visible=True,
    )


def progress_map(rows: Sequence[RegencyStage], year: int, chart_id: str) -> Chart:
    """Each kab/kota coloured by its assessment's stage; grey when not opened."""
    labels = {s.key: str(s.label) for s in ASSESSMENT_STAGES}
    series = [Series("", _("Belum dibuka"), NO_DATA), *_series(ASSESSMENT_STAGES)]
    tones = {s.key: s.tone for s in series}
    not_opened = _("Belum dibuka")
    regions = [
        MapRegion(
            code=row.code,
            label=row.name,
            tone=tones[row.stage],
            values=(labels.get(row.stage, not_opened), row.province),
            summary=labels.get(row.stage, not_opened),
            link=_with_year(reverse("portal:dashboard-regency", args=[row.code]), year),
        )
        for row in rows
    ]
    return region_map(
        chart_id=chart_id,
        title=_("Peta kemajuan penilaian per kabupaten/kota"),
        outlines=regency_shapes().shapes,
        regions=regions,
        legend=series,
        label_heading=_("Kabupaten/kota"),
        value_headings=(_("Tahap"), _("Provinsi")),
        missing_note=_(
            "Batas wilayah berikut tidak tersedia di sumber peta, jadi tidak "
            "digambar (hasilnya tetap ada di tabel): %(names)s."
        ),
        source=source_note(),
        table_visible=False,
    )
