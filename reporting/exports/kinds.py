"""The KKPHAM documents the export framework offers (registered in ReportingConfig)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exports.models import ExportJob
from exports.registry import ExportKind, Target
from reporting.exports import documents
from reporting.exports.evidence_zip import write_evidence_zip
from reporting.models import Assessment, Score
from reporting.selectors.progress import complete_filter

F = ExportJob.Format


def assessed_refusal(*, catalogue, province, regency) -> str | None:
    if not Assessment.objects.filter(catalogue=catalogue, regency=regency).exists():
        return _("Kabupaten/kota ini tidak dinilai pada tahun tersebut.")
    return None


def scored_refusal(*, catalogue, province, regency) -> str | None:
    refusal = assessed_refusal(catalogue=catalogue, province=province, regency=regency)
    if (
        refusal is None
        and not Score.objects.filter(
            assessment__catalogue=catalogue, assessment__regency=regency
        ).exists()
    ):
        return _("Belum ada nilai untuk kabupaten/kota ini.")
    if (
        refusal is None
        and not Assessment.objects.filter(catalogue=catalogue, regency=regency)
        .filter(complete_filter())
        .exists()
    ):
        return _(
            "Verifikasi Kanwil atas kabupaten/kota ini belum selesai; kartu nilai "
            "tersedia setelah semua jawaban diterima dan diteruskan ke Kementerian."
        )
    return refusal


KINDS = (
    ExportKind(
        "ranking_national",
        gettext_lazy("Peringkat nasional"),
        Target.NATIONAL,
        (F.PDF, F.XLSX),
        "reporting/pdf/ranking_national.html",
        documents.ranking_national,
        slug="peringkat-nasional",
        splittable=True,
    ),
    ExportKind(
        "ranking_province",
        gettext_lazy("Peringkat provinsi"),
        Target.PROVINCE,
        (F.PDF, F.XLSX),
        "reporting/pdf/ranking_province.html",
        documents.ranking_province,
        slug="peringkat-provinsi",
        splittable=True,
    ),
    ExportKind(
        "award_list",
        gettext_lazy("Daftar kabupaten/kota berpredikat"),
        Target.ANY_PROVINCE,
        (F.PDF, F.XLSX),
        "reporting/pdf/award_list.html",
        documents.award_list,
        slug="daftar-berpredikat",
    ),
    ExportKind(
        "pembina_list",
        gettext_lazy("Daftar provinsi pembina"),
        Target.NATIONAL,
        (F.PDF, F.XLSX),
        "reporting/pdf/pembina_list.html",
        documents.pembina_list,
        slug="provinsi-pembina",
    ),
    ExportKind(
        "scorecard",
        gettext_lazy("Kartu nilai kabupaten/kota"),
        Target.REGENCY,
        (F.PDF, F.XLSX),
        "reporting/pdf/scorecard.html",
        documents.scorecard,
        slug="kartu-nilai",
        refusal=scored_refusal,
    ),
    ExportKind(
        "evidence_zip",
        gettext_lazy("Data dukung kabupaten/kota (ZIP)"),
        Target.REGENCY,
        (F.ZIP,),
        writer=write_evidence_zip,
        slug="data-dukung",
        refusal=assessed_refusal,
    ),
)
