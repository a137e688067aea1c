"""Exports rank finished kab/kota only and list the rest with their progress.

Palu goes back to verification (13 of its 120 answers accepted): it keeps its stored
working total, but the ranking exports give it no rank or total, and its scorecard
is refused until the Kanwil has finished.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from exports import services as exports
from kernel.errors import Refusal
from regions.models import Regency
from reporting.models import Answer, Assessment, Score
from tests.exports.pdf import job_path, pdf_text

pytestmark = pytest.mark.django_db
HEADER_ROWS = 9


@pytest.fixture
def palu_in_verification(scored_year):
    palu = Assessment.objects.get(regency_id="72.71", catalogue=scored_year)
    # Fixture shortcut: back in verification, 13 answers accepted, the rest waiting.
    Assessment.objects.filter(pk=palu.pk).update(
        status=Assessment.Status.IN_VERIFICATION
    )
    waiting = palu.answers.order_by("pk").values_list("pk", flat=True)[13:]
    Answer.objects.filter(pk__in=list(waiting)).update(
        status=Answer.Status.SUBMITTED, score=None
    )
    assert Score.objects.filter(assessment=palu).exists()
    return scored_year


def _sheets(job) -> dict[str, list[tuple]]:
    book = load_workbook(job_path(job), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_national_ranking_xlsx_ranks_finished_kab_kota_and_lists_the_rest(
    run_export, palu_in_verification, ministry
):
    job = run_export("ranking_national", "xlsx", ministry, palu_in_verification)
    sheets = _sheets(job)
    assert list(sheets) == ["Peringkat", "Masih diverifikasi"]
    ranked = sheets["Peringkat"]
    assert ranked[1][0] == (
        "Peringkat dihitung dari 2 kabupaten/kota yang verifikasinya selesai; "
        "1 lainnya masih diverifikasi"
    )
    assert [row[:3] for row in ranked[HEADER_ROWS:]] == [
        (1, "33.73", "Kota Salatiga"),
        (2, "33.02", "Kabupaten Banyumas"),
    ]
    unfinished = sheets["Masih diverifikasi"]
    assert unfinished[HEADER_ROWS - 1] == (
        "Kode",
        "Kab/kota",
        "Provinsi",
        "Status",
        "Jawaban terverifikasi",
        "Jumlah jawaban",
    )
    assert unfinished[HEADER_ROWS:] == [
        ("72.71", "Kota Palu", "Sulawesi Tengah", "Diverifikasi Kanwil", 13, 120)
    ]


def test_province_ranking_pdf_shows_progress_not_a_total(
    run_export, palu_in_verification, ministry
):
    job = run_export(
        "ranking_province", "pdf", ministry, palu_in_verification, province="72"
    )
    text = pdf_text(job_path(job))
    assert "Peringkat dihitung dari 0 kabupaten/kota" in text
    assert "Masih diverifikasi" in text and "Kota Palu" in text
    assert "80,00" not in text


def test_pembina_share_counts_finished_kab_kota_only(
    run_export, palu_in_verification, ministry
):
    Score.objects.update(earns_award=True)
    job = run_export("pembina_list", "xlsx", ministry, palu_in_verification)
    (rows,) = _sheets(job).values()
    sulteng = next(r for r in rows[HEADER_ROWS:] if r[0] == "72")
    assert sulteng[3:5] == (0, 0)  # finished, awarded


def test_the_scorecard_waits_for_the_end_of_verification(
    palu_in_verification, verifier, ministry
):
    with pytest.raises(Refusal, match="Verifikasi Kanwil atas kabupaten/kota ini"):
        exports.export_request(
            kind="scorecard",
            fmt="pdf",
            actor=ministry,
            catalogue=palu_in_verification,
            regency=Regency.objects.get(code="72.71"),
        )
    exports.export_request(
        kind="scorecard",
        fmt="pdf",
        actor=verifier,
        catalogue=palu_in_verification,
        regency=Regency.objects.get(code="33.73"),
    )
