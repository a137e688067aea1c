"""A year whose data renames the programme prints that name in its documents."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.exports.pdf import job_path, pdf_text
from tests.indicators.test_identity import _renamed

pytestmark = pytest.mark.django_db


def test_a_renamed_year_shows_its_name_in_its_documents(
    run_export, scored_year, ministry
):
    _renamed(scored_year)
    ranking = pdf_text(
        job_path(run_export("ranking_national", "pdf", ministry, scored_year))
    )
    assert "Peringkat Nasional Penilaian Kepatuhan HAM 2026" in ranking
    assert "KKPHAM" not in ranking
    assert "CONTOH — bukan teks resmi Lampiran Permen HAM 15/2025" in ranking
    assert "KEMENTERIAN HAM UJI" in ranking
    awards = pdf_text(job_path(run_export("award_list", "pdf", ministry, scored_year)))
    assert "Daftar Daerah Patuh HAM 2026" in awards
    assert "Peduli HAM 2026" not in awards
    sheet = load_workbook(
        job_path(run_export("pembina_list", "xlsx", ministry, scored_year)),
        read_only=True,
    ).worksheets[0]
    assert next(sheet.iter_rows(max_row=1, values_only=True))[0] == (
        "Daftar Provinsi Pembina Penilaian Kepatuhan HAM 2026"
    )
