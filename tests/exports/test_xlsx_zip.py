"""XLSX read back with openpyxl and compared with the stored scores; the evidence ZIP
opened and its index checked against the stored files."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reporting.selectors.scores import ranked
from reporting.services.evidence import evidence_attach
from tests.exports.pdf import job_path
from tests.files import PDF, pdf_upload, png, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage_backend")]
HEADER_ROWS = 9  # seven header lines, a blank row, then the column names


def _sheets(job) -> dict[str, list[tuple]]:
    book = load_workbook(job_path(job), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def _dec(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def test_national_ranking_xlsx_holds_the_stored_scores(
    run_export, scored_year, ministry
):
    job = run_export("ranking_national", "xlsx", ministry, scored_year)
    (rows,) = _sheets(job).values()
    assert rows[0][0] == "Peringkat Nasional KKPHAM 2026"
    assert rows[2][0] == "Tahun penilaian 2026 (data tahun 2025)"
    assert rows[3][0].startswith("Dasar hukum: Peraturan Menteri Hukum dan HAM")
    assert rows[4][0] == "SEMENTARA"
    assert rows[6][0] == "CONTOH — bukan teks resmi Lampiran Permenkumham 22/2021"
    header, data = rows[HEADER_ROWS - 1], rows[HEADER_ROWS:]
    assert header[:4] == ("Peringkat", "Kode", "Kab/kota", "Provinsi")
    assert header[-4:] == ("Nilai akhir", "Nilai hasil", "Dikembalikan", "Predikat")
    expected = ranked(scored_year).select_related("assessment__regency__province")
    assert len(data) == expected.count() == 3
    for row, score in zip(data, expected, strict=True):
        regency = score.assessment.regency
        assert row[:4] == (
            score.national_rank,
            regency.code,
            regency.name,
            regency.province.name,
        )
        categories = [Decimal(c["score"]) for c in score.breakdown["categories"]]
        assert [_dec(v) for v in row[4:14]] == categories
        assert _dec(row[14]) == score.total
        assert (_dec(row[15]), row[16]) == (score.hasil_points, score.returned_count)
        assert row[17] == score.predicate
    assert _dec(data[0][14]) == Decimal("92.50")


def test_scorecard_xlsx_has_categories_indicators_and_adjustments(
    run_export, scored_year, verifier
):
    job = run_export("scorecard", "xlsx", verifier, scored_year, regency="33.73")
    sheets = _sheets(job)
    assert list(sheets) == ["Kategori", "Indikator", "Penyesuaian", "Aksi HAM 2025"]
    categories = sheets["Kategori"][HEADER_ROWS:]
    assert len(categories) == 10
    assert categories[0][0] == "K01" and _dec(categories[0][3]) == Decimal("90.00")
    indicators = sheets["Indikator"][HEADER_ROWS:]
    assert len(indicators) == 120
    assert indicators[0][:5] == (
        "K01",
        "K01.S01",
        indicators[0][2],
        "struktur",
        "Diterima",
    )
    # Points of K01's struktur indicators: 10 × 90 / (100 × 3) = 3 each
    assert Decimal(str(indicators[0][7])) == Decimal("3")
    (bonus,) = sheets["Penyesuaian"][HEADER_ROWS:]
    assert bonus == ("Bonus", 2.5, "Nilai Aksi HAM 2025 sebesar 86")


def test_award_and_pembina_xlsx(run_export, scored_year, ministry):
    award = _sheets(run_export("award_list", "xlsx", ministry, scored_year))
    (rows,) = award.values()
    assert [r[2] for r in rows[HEADER_ROWS:]] == ["33.73", "72.71"]
    assert rows[HEADER_ROWS][0] == "Jawa Tengah"
    pembina = _sheets(run_export("pembina_list", "xlsx", ministry, scored_year))
    (rows,) = pembina.values()
    data = rows[HEADER_ROWS:]
    assert len(data) == 38
    jateng = next(r for r in data if r[0] == "33")
    assert jateng[1:5] == ("Jawa Tengah", 35, 2, 1)
    assert _dec(jateng[5]) == Decimal("2.86") and jateng[6] == "tidak"


@pytest.fixture
def evidence(assessment, dinkes_answer, operator, regency_staff):
    """Three files on two indicators of Kota Salatiga, one of them 3 MB."""
    big = PDF + b"%" + b"x" * (3 * 1024 * 1024)
    evidence_attach(
        answer=dinkes_answer,
        uploads=[pdf_upload("sk bupati.pdf"), upload("../../foto.png", png())],
        actor=operator,
    )
    other = assessment.answers.exclude(pk=dinkes_answer.pk).first()
    evidence_attach(
        answer=other, uploads=[upload("laporan.pdf", big)], actor=regency_staff
    )
    return assessment.answers.filter(evidence__isnull=False).distinct()


def test_evidence_zip_streams_every_file_with_an_index(
    run_export, evidence, assessment, regency_staff
):
    job = run_export(
        "evidence_zip", "zip", regency_staff, assessment.catalogue, regency="33.73"
    )
    assert job.file_name == "data-dukung-33.73-2026.zip"
    with zipfile.ZipFile(job_path(job)) as archive:
        names = archive.namelist()
        assert names[-1] == "indeks.csv"
        index = archive.read("indeks.csv").decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(index)))
        assert rows[0] == ["CONTOH — bukan teks resmi Lampiran Permenkumham 22/2021"]
        assert rows[1] == [
            "Kode indikator",
            "Nama berkas",
            "Ukuran (bita)",
            "SHA-256",
            "Diunggah oleh",
            "Tanggal unggah",
        ]
        listed = rows[2:]
        assert len(listed) == 3 == len(names) - 1
        for code, name, size, sha, uploader, _when in listed:
            content = archive.read(name)
            assert name.startswith(f"{code}/")
            assert ".." not in name  # uploaded names cannot climb out of the folder
            assert len(content) == int(size)
            assert hashlib.sha256(content).hexdigest() == sha
            assert uploader
        assert {Path(n).name.split("-", 1)[1] for n in names[:-1]} == {
            "sk_bupati.pdf",
            "foto.png",
            "laporan.pdf",
        }


def test_evidence_zip_leaves_out_removed_files(
    run_export, evidence, assessment, dinkes_answer, operator, regency_staff
):
    from reporting.services.evidence import evidence_remove

    removed = dinkes_answer.evidence.get(original_name="foto.png")
    evidence_remove(evidence=removed, actor=operator)
    job = run_export(
        "evidence_zip", "zip", regency_staff, assessment.catalogue, regency="33.73"
    )
    with zipfile.ZipFile(job_path(job)) as archive:
        names = archive.namelist()
        index = archive.read("indeks.csv").decode("utf-8-sig")
    assert len(names) == 3  # two files and the index
    assert not any(n.endswith("foto.png") for n in names)
    assert removed.sha256 not in index


def test_evidence_zip_does_not_hold_files_in_memory(
    evidence, assessment, regency_staff
):
    """Peak Python memory while zipping stays far below the 3 MB file being copied."""
    import tempfile
    import tracemalloc

    from exports.services import export_request
    from reporting.exports.evidence_zip import write_evidence_zip

    job = export_request(
        kind="evidence_zip",
        fmt="zip",
        actor=regency_staff,
        catalogue=assessment.catalogue,
        regency=assessment.regency,
    )
    with tempfile.TemporaryFile() as target:
        write_evidence_zip(job, target, lambda percent: None)  # warm up imports
        target.seek(0)
        target.truncate()
        tracemalloc.start()
        write_evidence_zip(job, target, lambda percent: None)
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert target.tell() > 3 * 1024 * 1024
    assert peak < 1.5 * 1024 * 1024


def test_xlsx_of_a_published_real_catalogue_says_final_with_the_decree(
    run_export, scored_year, ministry
):
    import datetime

    from indicators.models import Catalogue
    from reporting.models import Publication

    Publication.objects.create(
        catalogue=scored_year,
        decree_number="HAM-17.HA.01.02 Tahun 2026",
        decree_date=datetime.date(2026, 11, 15),
        published_by=ministry,
    )
    Catalogue.objects.filter(pk=scored_year.pk).update(is_sample=False)
    scored_year.refresh_from_db()
    (rows,) = _sheets(run_export("award_list", "xlsx", ministry, scored_year)).values()
    assert (
        rows[4][0] == "FINAL · Keputusan HAM-17.HA.01.02 Tahun 2026, 15 November 2026"
    )
    assert rows[6][0] is None  # no sample label
