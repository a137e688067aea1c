"""A spreadsheet printed from an export carries the year's letterhead on every page,
the column names repeated, and "Halaman X dari Y"; the grid itself keeps one layout."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.exports.pdf import job_path, pdf_text

pytestmark = pytest.mark.django_db
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
COLUMN_ROW = 9  # seven header lines, a blank row, then the column names


@pytest.fixture
def lettered_year(scored_year):
    scored_year.unit_name = "Direktorat Jenderal Instrumen & Penguatan HAM"
    scored_year.letterhead = "Jalan HR Rasuna Said Kav. 4-5, Jakarta"
    scored_year.save(update_fields=["unit_name", "letterhead"])
    return scored_year


def test_every_sheet_prints_the_letterhead_column_names_and_page_numbers(
    run_export, lettered_year, ministry
):
    job = run_export("ranking_national", "xlsx", ministry, lettered_year)
    book = load_workbook(job_path(job))
    for sheet in book.worksheets:
        letterhead = sheet.oddHeader.center.text.split("\n")
        assert letterhead == [
            lettered_year.ministry_name,
            "Direktorat Jenderal Instrumen && Penguatan HAM",  # "&" starts a code
            "Jalan HR Rasuna Said Kav. 4-5, Jakarta",
        ]
        assert sheet.oddFooter.right.text == "Halaman &P dari &N"
        assert sheet.print_title_rows == f"${COLUMN_ROW}:${COLUMN_ROW}"
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.cell(row=COLUMN_ROW, column=1).value == "Peringkat"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_the_letterhead_and_page_numbers(
    run_export, lettered_year, ministry, tmp_path: Path
):
    job = run_export("ranking_national", "xlsx", ministry, lettered_year)
    source = tmp_path / "peringkat.xlsx"
    source.write_bytes(Path(job_path(job)).read_bytes())
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = pdf_text(tmp_path / "peringkat.pdf")
    assert "Direktorat Jenderal Instrumen & Penguatan HAM" in text
    assert "Jalan HR Rasuna Said Kav. 4-5, Jakarta" in text
    assert "Halaman 1 dari 1" in text
    assert "Peringkat Nasional KKPHAM 2026" in text
