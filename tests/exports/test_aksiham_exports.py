"""Aksi HAM in the exports: the reporting recap per period (PDF, XLSX) and the Aksi HAM
part of a kab/kota's scorecard. Read back with pdftotext and openpyxl."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from aksiham.demo import report_fill, sample_plan_open
from aksiham.services.plans import periods_create
from aksiham.services.scoring import period_score_record
from exports.services import export_request
from regions.models import Province
from tests.exports.pdf import first_page_png, job_path, pdf_text
from tests.exports.test_pdf_documents import _row
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
JUNE = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=UTC)


def _plan(year: int):
    plan = sample_plan_open(year)
    periods = periods_create(
        year=year,
        windows={
            code: (
                datetime.datetime(year, month, 20, tzinfo=UTC),
                datetime.datetime(year, month, 28, tzinfo=UTC),
                datetime.datetime(year, month, 30, tzinfo=UTC),
            )
            for code, month in (("B04", 4), ("B08", 8), ("B12", 12))
        },
        actor=None,
    )
    return plan, {p.code: p for p in periods}


@pytest.fixture
def aksiham_2026(opened_year, regency_staff):
    """The 2026 plan; Salatiga sent action 1 of B04 on time and action 2 late."""
    plan, periods = _plan(2026)
    b04 = periods["B04"]
    for number, moment in (
        (1, datetime.datetime(2026, 4, 25, tzinfo=UTC)),
        (2, datetime.datetime(2026, 4, 29, tzinfo=UTC)),
    ):
        report_fill(
            action=plan.actions.get(number=number),
            period=b04,
            regency=opened_year.assessments.get(regency_id="33.73").regency,
            actor=regency_staff,
            achievement="ok",
            uploads=[pdf_upload(f"a{number}.pdf", extra=bytes([number]))],
            now=moment,
            send=True,
        )
    return plan


def test_recap_pdf_per_kab_kota_for_a_kanwil(
    run_export, aksiham_2026, opened_year, verifier, tmp_path
):
    with time_machine.travel(JUNE, tick=True):  # B04 closed, B08 and B12 to come
        job = run_export("aksiham_recap", "pdf", verifier, opened_year, province="33")
    path = job_path(job)
    text = pdf_text(path)
    assert "Rekap Pelaporan Aksi HAM 2026 · SEMENTARA" in text
    assert "Provinsi Jawa Tengah, per kabupaten/kota" in text
    # The sample file's generation (RANHAM 2021–2025) does not cover 2026.
    assert "Tahun pelaporan 2026 · Dasar hukum: belum ditetapkan" in text
    assert "CONTOH — bukan daftar resmi Aksi HAM" in text
    assert "Perpres 53/2021" not in text
    # expected 6, sent 2, on time 1, late 1, accepted 0, 33.3% sent
    assert _row(text, "33.73", "Kota Salatiga", "6", "2", "1", "1", "0", "33,3")
    assert _row(text, "33.02", "Kabupaten Banyumas", "6", "0", "0", "0", "0", "0,0")
    assert _row(text, "Jumlah", str(35 * 6), "2", "1", "1", "0")
    assert "Halaman 1 dari" in text
    assert first_page_png(path, tmp_path).startswith(b"\x89PNG")


def _recap_status(run_export, actor, catalogue) -> str:
    job = run_export("aksiham_recap", "xlsx", actor, catalogue)
    sheet = load_workbook(job_path(job), read_only=True).worksheets[0]
    return next(sheet.iter_rows(min_row=5, max_row=5, values_only=True))[0]


def test_the_recap_is_final_once_every_period_has_closed(
    run_export, aksiham_2026, opened_year, ministry
):
    # B12 2026's grace runs to 30 December 00:00 UTC.
    for moment, status in (
        (JUNE, "SEMENTARA"),
        (datetime.datetime(2026, 12, 29, 23, 59, tzinfo=UTC), "SEMENTARA"),
        (datetime.datetime(2026, 12, 30, 0, 0, tzinfo=UTC), "FINAL"),
        (datetime.datetime(2027, 1, 15, 8, 0, tzinfo=UTC), "FINAL"),
    ):
        with time_machine.travel(moment, tick=False):
            assert _recap_status(run_export, ministry, opened_year) == status, moment


def test_recap_xlsx_per_province_for_the_ministry(
    run_export, aksiham_2026, opened_year, ministry
):
    job = run_export("aksiham_recap", "xlsx", ministry, opened_year)
    book = load_workbook(job_path(job), read_only=True)
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    jateng = [
        r
        for r in rows
        if "Jawa Tengah" in r and any(str(c).startswith("B04") for c in r if c)
    ]
    assert jateng, rows[:5]
    assert [c for c in jateng[0] if isinstance(c, int | float)][:5] == [
        35 * 6,
        2,
        1,
        1,
        0,
    ]
    assert (
        len([r for r in rows if r and any(str(c).startswith("B04") for c in r if c)])
        == 39
    )  # 38 + total


def test_a_kanwil_cannot_ask_for_another_province_or_the_nation(
    aksiham_2026, opened_year, verifier
):
    for province in (Province.objects.get(code="72"), None):
        with pytest.raises(PermissionDenied):
            export_request(
                kind="aksiham_recap",
                fmt="pdf",
                actor=verifier,
                catalogue=opened_year,
                province=province,
                regency=None,
            )


def test_the_scorecard_shows_the_aksi_ham_scores_of_the_data_year(
    run_export, scored_year, regency_staff, ministry
):
    _plan_2025, periods = _plan(2025)
    salatiga = scored_year.assessments.get(regency_id="33.73").regency
    for code, value in (("B04", 90), ("B08", 80)):
        period_score_record(
            period=periods[code],
            regency=salatiga,
            substance=Decimal(value),
            administration=Decimal(value - 10),
            note="",
            actor=ministry,
            now=datetime.datetime(2026, 1, 5, tzinfo=UTC),
        )
    text = pdf_text(
        job_path(
            run_export("scorecard", "pdf", regency_staff, scored_year, regency="33.73")
        )
    )
    assert "Aksi HAM 2025 per periode (dasar bonus)" in text
    assert _row(text, "B04", "90,00", "80,00", "85,00")
    assert _row(text, "B08", "80,00", "70,00", "75,00")
    assert _row(text, "B12", "—")
    assert _row(
        text, "Rerata tahunan", "53,33"
    )  # (85 + 75 + 0) / 3: a missing period counts as zero
