"""Builders: one function per document kind, from stored scores to header + tables.

Builders read only; every number comes from the stored Score rows and their
breakdown documents, so an export shows exactly what the score pages show.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from exports.document import Column, Document, Table, header_for
from exports.models import ExportJob
from reporting import hooks
from reporting.models import Answer, Assessment, Score
from reporting.scoring import Breakdown, category_scores_of
from reporting.selectors import scores as score_selectors


def _category_codes(job: ExportJob) -> list[tuple[str, str]]:
    """(code, name) of the catalogue's categories, in order."""
    return list(
        job.catalogue.categories.order_by("order", "code").values_list("code", "name")
    )


def _ranking_table(
    scores: list[Score], categories: list[tuple[str, str]], *, by_province: bool
) -> Table:
    """Ranks with the values that break ties (hasil points, answers ever returned),
    so tied totals can be checked from the document itself."""
    # Widths in % of the page: fixed layout keeps 514 rows fast to lay out.
    share = 36 / max(len(categories), 1)
    columns = [
        Column(_("Peringkat"), "int", width=6),
        Column(_("Kode"), width=5),
        Column(_("Kab/kota"), width=12 if not by_province else 22),
    ]
    if not by_province:
        columns.append(Column(_("Provinsi"), width=10))
    columns += [Column(code, "decimal", width=share) for code, _name in categories]
    columns += [
        Column(_("Nilai akhir"), "decimal", width=6),
        Column(_("Nilai hasil"), "decimal", width=6),
        Column(_("Dikembalikan"), "int", width=8),
        Column(_("Predikat"), width=11),
    ]
    rows = []
    for s in scores:
        regency = s.assessment.regency
        row: list[Any] = [
            s.province_rank if by_province else s.national_rank,
            regency.code,
            regency.name,
        ]
        if not by_province:
            row.append(regency.province.name)
        per_category = category_scores_of(s.category_scores)
        row += [per_category.get(code) for code, _name in categories]
        row += [s.total, s.hasil_points, s.returned_count, s.predicate]
        rows.append(row)
    return Table(_("Peringkat"), columns, rows)


def _ranked_basis(ranked: int, unfinished: int) -> str:
    return _(
        "Peringkat dihitung dari %(n)d kabupaten/kota yang verifikasinya selesai; "
        "%(m)d lainnya masih diverifikasi"
    ) % {"n": ranked, "m": unfinished}


def _ties(scores: list[Score]) -> int:
    """How many rows share their total with another row."""
    totals: dict[Decimal, int] = {}
    for s in scores:
        totals[s.total] = totals.get(s.total, 0) + 1
    return sum(n for n in totals.values() if n > 1)


def _unfinished_table(rows: list[score_selectors.UnfinishedRow]) -> Table:
    """Kab/kota still in verification: their progress, no total, no rank."""
    return Table(
        _("Masih diverifikasi"),
        [
            Column(_("Kode"), width=8),
            Column(_("Kab/kota"), width=30),
            Column(_("Provinsi"), width=22),
            Column(_("Status"), width=20),
            Column(_("Jawaban terverifikasi"), "int", width=10),
            Column(_("Jumlah jawaban"), "int", width=10),
        ],
        [
            [
                r.assessment.regency.code,
                r.assessment.regency.name,
                r.assessment.regency.province.name,
                r.assessment.get_status_display(),
                r.progress.accepted,
                r.progress.total,
            ]
            for r in rows
        ],
    )


def _ranking_document(
    job: ExportJob,
    title: str,
    scores: list[Score],
    unfinished: list[score_selectors.UnfinishedRow],
    *,
    by_province: bool,
) -> Document:
    categories = _category_codes(job)
    tables = [_ranking_table(scores, categories, by_province=by_province)]
    if unfinished:
        tables.append(_unfinished_table(unfinished))
    return Document(
        header_for(
            job.catalogue,
            title=title,
            subtitle=_ranked_basis(len(scores), len(unfinished)),
        ),
        tables,
        {"categories": categories, "tied": _ties(scores)},
    )


def ranking_national(job: ExportJob) -> Document:
    return _ranking_document(
        job,
        _("Peringkat Nasional %(programme)s %(year)s")
        % {
            "programme": job.catalogue.programme_short_name,
            "year": job.catalogue.year,
        },
        list(
            score_selectors.ranking(
                catalogue=job.catalogue, provinces=None, with_breakdown=False
            )
        ),
        score_selectors.unfinished(catalogue=job.catalogue, provinces=None),
        by_province=False,
    )


def ranking_province(job: ExportJob) -> Document:
    return _ranking_document(
        job,
        _("Peringkat %(programme)s %(year)s Provinsi %(province)s")
        % {
            "programme": job.catalogue.programme_short_name,
            "year": job.catalogue.year,
            "province": job.province.name,
        },
        list(
            score_selectors.ranking(
                catalogue=job.catalogue,
                provinces=None,
                province=job.province_id,
                with_breakdown=False,
            ).order_by("province_rank")
        ),
        score_selectors.unfinished(
            catalogue=job.catalogue, provinces=None, province=job.province_id
        ),
        by_province=True,
    )


def award_list(job: ExportJob) -> Document:
    """The decree's annex: kab/kota with the predicate, grouped by province."""
    scores = score_selectors.ranking(
        catalogue=job.catalogue,
        provinces=None,
        province=job.province_id or "",
        with_breakdown=False,
    ).filter(earns_award=True)
    scores = list(scores.order_by("assessment__regency__province_id", "province_rank"))
    columns = [
        Column(_("Provinsi")),
        Column(_("No."), "int"),
        Column(_("Kode")),
        Column(_("Kab/kota")),
        Column(_("Nilai akhir"), "decimal"),
        Column(_("Predikat")),
    ]
    rows, number, previous = [], 0, None
    for s in scores:
        regency = s.assessment.regency
        number = number + 1 if regency.province_id == previous else 1
        previous = regency.province_id
        rows.append(
            [
                regency.province.name,
                number,
                regency.code,
                regency.name,
                s.total,
                s.predicate,
            ]
        )
    where = job.province.name if job.province else _("seluruh Indonesia")
    return Document(
        header_for(
            job.catalogue,
            title=_("Daftar %(award)s %(year)s")
            % {"award": job.catalogue.award_name, "year": job.catalogue.year},
            subtitle=_("%(where)s: %(n)d kabupaten/kota berpredikat")
            % {"where": where, "n": len(rows)},
        ),
        [Table(_("Daftar penerima"), columns, rows, group_by=0)],
    )


def pembina_list(job: ExportJob) -> Document:
    """Provinces and their share of kab/kota with the predicate; pembina at the threshold."""
    summaries = score_selectors.province_summaries(
        catalogue=job.catalogue, provinces=None
    )
    columns = [
        Column(_("Kode")),
        Column(_("Provinsi")),
        Column(_("Kab/kota"), "int"),
        Column(_("Selesai diverifikasi"), "int"),
        Column(_("Berpredikat"), "int"),
        Column(_("Persentase"), "decimal"),
        Column(_("Pembina")),
    ]
    rows = [
        [
            s.province.code,
            s.province.name,
            s.regencies,
            s.finished,
            s.awarded,
            s.share,
            _("ya") if s.pembina else _("tidak"),
        ]
        for s in summaries
    ]
    threshold = job.catalogue.pembina_min_share
    return Document(
        header_for(
            job.catalogue,
            title=_("Daftar Provinsi Pembina %(programme)s %(year)s")
            % {
                "programme": job.catalogue.programme_short_name,
                "year": job.catalogue.year,
            },
            subtitle=_(
                "Provinsi pembina: sedikitnya %(t)s%% kabupaten/kotanya berpredikat"
            )
            % {"t": number_format(threshold, 2)},
        ),
        [Table(_("Provinsi"), columns, rows)],
        {"pembina_count": sum(1 for s in summaries if s.pembina)},
    )


def scorecard(job: ExportJob) -> Document:
    """One kab/kota: categories, every indicator's points, bonus and deduction with basis."""
    assessment = Assessment.objects.filter(
        catalogue=job.catalogue, regency=job.regency
    ).first()
    score = (
        score_selectors.ranked_score(assessment.pk, job.catalogue)
        if assessment
        else None
    )
    if score is None:
        raise Score.DoesNotExist
    breakdown = Breakdown.of(score)
    texts = dict(job.catalogue.indicators.values_list("code", "text"))
    statuses = dict(Answer.Status.choices)
    categories = Table(
        _("Kategori"),
        [
            Column(_("Kode")),
            Column(_("Kategori")),
            Column(_("Bobot"), "decimal"),
            Column(_("Nilai"), "decimal"),
        ],
        [[c.code, c.name, c.weight, c.score] for c in breakdown.categories],
    )
    lines = []
    for c in breakdown.categories:
        for t in c.types:
            for line in t.indicators:
                lines.append(
                    [
                        c.code,
                        line.code,
                        texts.get(line.code, ""),
                        t.type,
                        str(statuses.get(line.status, line.status or "—")),
                        line.score,
                        line.weight,
                        line.points,
                    ]
                )
    indicators = Table(
        _("Indikator"),
        [
            Column(_("Kategori")),
            Column(_("Kode")),
            Column(_("Indikator")),
            Column(_("Jenis")),
            Column(_("Status")),
            Column(_("Skor"), "decimal"),
            Column(_("Bobot"), "decimal"),
            Column(_("Poin"), "decimal", places=4),
        ],
        lines,
    )
    adjustments = Table(
        _("Penyesuaian"),
        [Column(_("Jenis")), Column(_("Nilai"), "decimal"), Column(_("Dasar"))],
        [
            [
                _("Bonus") if a.is_bonus else _("Pengurangan"),
                a.points,
                a.basis,
            ]
            for a in breakdown.adjustments
        ],
    )
    regency = score.assessment.regency
    sections = hooks.scorecard_sections(regency.code, job.catalogue.data_year)
    return Document(
        header_for(
            job.catalogue,
            title=_("Kartu Nilai %(programme)s %(year)s: %(regency)s")
            % {
                "programme": job.catalogue.programme_short_name,
                "year": job.catalogue.year,
                "regency": regency.name,
            },
            subtitle=_("Provinsi %(province)s · kode %(code)s")
            % {"province": regency.province.name, "code": regency.code},
        ),
        [
            categories,
            indicators,
            adjustments,
            *(section.table for section in sections),
        ],
        {
            "score": score,
            "counted_as_zero": list(breakdown.counted_as_zero),
            "sections": sections,
        },
    )
