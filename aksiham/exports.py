"""Aksi HAM in the export documents: the reporting recap per period, and the Aksi HAM
part of a kab/kota's KKPHAM scorecard. Builders for reporting.exports' registry."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aksiham import selectors
from aksiham.models import Period, PeriodScore
from aksiham.services.scoring import yearly_score
from exports.document import Column, Document, Header, Table, identity_of
from exports.models import ExportJob
from exports.registry import ExportKind, Target
from kernel import clock
from regions.models import Regency
from reporting.hooks import ScorecardSection


def _header(plan, catalogue, *, title: str, subtitle: str, is_final: bool) -> Header:
    """The plan's legal basis (its RANHAM generation); the year's ministry, letterhead
    and signatory from the catalogue of the same year."""
    return Header(
        title=title,
        subtitle=subtitle,
        year=plan.year,
        data_year=plan.year,
        legal_basis=plan.basis_label,
        is_final=is_final,
        decree_number="",
        decree_date=None,
        is_sample=plan.is_sample,
        generated_at=clock.localtime(),
        sample_text=plan.sample_label,
        year_text=_("Tahun pelaporan %(year)s") % {"year": plan.year},
        **identity_of(catalogue),
    )


def recap(job: ExportJob) -> Document:
    """Per period: expected, sent, on time, late, accepted — per province nationally,
    per kab/kota for one province. Final once every period has closed."""
    year = job.catalogue.year
    plan = selectors.regency_plan(year)
    if plan is None:
        raise ValueError(
            _("Belum ada rencana Aksi HAM tahun %(year)s.") % {"year": year}
        )
    by_province = job.province_id is None
    regencies = Regency.objects.all()
    if not by_province:
        regencies = regencies.filter(province_id=job.province_id)
    periods = list(Period.objects.filter(year=year).order_by("code"))
    now = clock.now()  # one moment for every period's state and the final flag
    rows = []
    for period in periods:
        items = selectors.rates(
            plan=plan, period=period, regencies=regencies, by_province=by_province
        )
        for rate in [*items, selectors.rate_total(items, _("Jumlah"))]:
            rows.append(
                [
                    f"{period.get_code_display()} · {period.state_label(now)}",
                    rate.code,
                    rate.label,
                    rate.expected,
                    rate.submitted,
                    rate.on_time,
                    rate.submitted - rate.on_time,
                    rate.accepted,
                    rate.submitted_share,
                ]
            )
    table = Table(
        _("Rekap per periode"),
        [
            Column(_("Periode")),
            Column(_("Kode"), width=9),
            Column(_("Provinsi") if by_province else _("Kabupaten/kota"), width=31),
            Column(_("Wajib"), "int", width=10),
            Column(_("Dikirim"), "int", width=10),
            Column(_("Tepat waktu"), "int", width=10),
            Column(_("Terlambat"), "int", width=10),
            Column(_("Diterima"), "int", width=10),
            Column(_("Dikirim (%)"), "decimal", places=1, width=10),
        ],
        rows,
        group_by=0,
    )
    where = (
        _("Nasional, per provinsi")
        if by_province
        else _("Provinsi %(name)s, per kabupaten/kota") % {"name": job.province.name}
    )
    closed = bool(periods) and all(p.state(now) == Period.State.CLOSED for p in periods)
    return Document(
        _header(
            plan,
            job.catalogue,
            title=_("Rekap Pelaporan Aksi HAM %(year)s") % {"year": year},
            subtitle=where,
            is_final=closed,
        ),
        [table],
        {"plan": plan},
    )


def scorecard_table(regency_code: str, year: int) -> Table:
    """The Aksi HAM scores of one kab/kota in a year, and their yearly mean."""
    scores = {
        s.period.code: s
        for s in PeriodScore.objects.filter(
            regency_id=regency_code, period__year=year
        ).select_related("period")
    }
    yearly = yearly_score(regency_code=regency_code, year=year)
    rows: list[list[object]] = []
    for code in Period.Code.values:
        score = scores.get(code)
        rows.append(
            [
                code,
                score.substance if score else None,
                score.administration if score else None,
                score.score if score else None,
            ]
        )
    rows.append([_("Rerata tahunan"), None, None, yearly.score])
    return Table(
        _("Aksi HAM %(year)s") % {"year": year},
        [
            Column(_("Periode")),
            Column(_("Substansi"), "decimal"),
            Column(_("Administrasi"), "decimal"),
            Column(_("Nilai"), "decimal"),
        ],
        rows,
    )


def yearly_explained(regency_code: str, year: int) -> str:
    return yearly_score(regency_code=regency_code, year=year).explain()


RECAP = ExportKind(
    "aksiham_recap",
    gettext_lazy("Rekap pelaporan Aksi HAM"),
    Target.ANY_PROVINCE,
    (ExportJob.Format.PDF, ExportJob.Format.XLSX),
    "aksiham/pdf/recap.html",
    recap,
    slug="rekap-aksi-ham",
    programme="aksiham",
)


def scorecard_section(regency_code: str, year: int):
    """The Aksi HAM part of a KKPHAM scorecard (the basis of the bonus)."""
    return ScorecardSection(
        title=_("Aksi HAM %(year)s per periode (dasar bonus)") % {"year": year},
        table=scorecard_table(regency_code, year),
        note=yearly_explained(regency_code, year),
    )
