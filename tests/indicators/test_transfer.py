"""Catalogue files: round trips are exact; every broken file is refused whole."""

from __future__ import annotations

import io
import os

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from indicators.models import Catalogue
from indicators.services import catalogue_create
from indicators.transfer import (
    CatalogueFileError,
    catalogue_import,
    catalogue_import_yaml,
    export_bytes,
    read_dataset,
)

pytestmark = pytest.mark.django_db

FIELDS = (
    "code",
    "order",
    "type",
    "text",
    "unit",
    "answer_kind",
    "weight",
    "options",
    "target",
    "bands",
    "evidence_required",
    "evidence_description",
    "responsible_agency_type_id",
    "help_text",
    "category__code",
    "category__name",
    "category__group",
    "category__order",
)


def _snapshot(catalogue: Catalogue) -> list[tuple]:
    return list(catalogue.indicators.order_by("code").values_list(*FIELDS))


def _draft(year: int = 2030) -> Catalogue:
    return catalogue_create(
        actor=None, year=year, title=f"Uji {year}", legal_basis="Uji"
    )


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_spreadsheet_round_trip_is_identical(sample_catalogue, fmt):
    target = _draft()
    dataset = read_dataset(export_bytes(sample_catalogue, fmt), fmt)
    outcome = catalogue_import(
        catalogue=target, dataset=dataset, actor=None, dry_run=False
    )
    assert outcome.ok, outcome.problems
    assert outcome.new == 120
    assert _snapshot(target) == _snapshot(sample_catalogue)


def test_yaml_round_trip_is_identical(sample_catalogue):
    content = export_bytes(sample_catalogue, "yaml").replace(
        b"year: 2026", b"year: 2031", 1
    )
    outcome = catalogue_import_yaml(content=content, actor=None)
    assert outcome.ok, outcome.problems
    copy = outcome.catalogue
    assert copy.year == 2031
    assert _snapshot(copy) == _snapshot(sample_catalogue)
    assert list(copy.categories.values_list("description", flat=True)) == list(
        sample_catalogue.categories.values_list("description", flat=True)
    )


def test_exports_say_the_sample_is_a_sample(sample_catalogue):
    label = "CONTOH — bukan teks resmi Lampiran Permenkumham 22/2021"
    assert export_bytes(sample_catalogue, "yaml").decode().startswith(f"# {label}")
    csv_text = export_bytes(sample_catalogue, "csv").decode("utf-8-sig")
    assert csv_text.count(label) == 120
    sheet = openpyxl.load_workbook(
        io.BytesIO(export_bytes(sample_catalogue, "xlsx"))
    ).active
    assert sheet.cell(row=2, column=sheet.max_column).value == label


def test_an_export_reads_the_catalogue_once_not_once_per_indicator(
    sample_catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        csv_text = export_bytes(sample_catalogue, "csv").decode("utf-8-sig")
    assert len(csv_text.strip().splitlines()) == 121  # the heading and 120 rows


def _sheet(sample_catalogue, edit) -> bytes:
    """The sample exported to XLSX with one edit applied to the worksheet."""
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(sample_catalogue, "xlsx")))
    edit(book.active)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _column(sheet, name: str) -> int:
    return [c.value for c in sheet[1]].index(name) + 1


def _import_xlsx(content: bytes) -> tuple[Catalogue, list]:
    target = _draft()
    outcome = catalogue_import(
        catalogue=target,
        dataset=read_dataset(content, "xlsx"),
        actor=None,
        dry_run=False,
    )
    return target, outcome.problems


def _set(column: str, row: int, value):
    return lambda sheet: sheet.cell(row=row, column=_column(sheet, column), value=value)


@pytest.mark.parametrize(
    ("edit", "row", "column", "message"),
    [
        (
            lambda s: s.delete_cols(_column(s, "jenis")),
            None,
            "—",
            "Kolom wajib tidak ditemukan: jenis",
        ),
        (_set("kode", 3, "K01.S01"), 3, "kode", "sudah dipakai di baris 2"),
        (_set("jenis", 4, "hasil-akhir"), 4, "jenis", "tidak dikenal"),
        (_set("jenis_jawaban", 5, "esai"), 5, "jenis_jawaban", "tidak dikenal"),
        (_set("teks", 6, ""), 6, "teks", "Wajib diisi"),
        (_set("urutan", 7, "tujuh"), 7, "urutan", "harus berupa angka"),
        (_set("urutan", 7, "2,5"), 7, "urutan", "bilangan bulat positif"),
        (_set("target", 9, "dua belas"), 9, "target", "harus berupa angka"),
        (_set("kelompok", 10, "C"), 10, "kelompok", "tidak dikenal"),
        (
            _set("opd_penanggung_jawab", 11, "dinas-siluman"),
            11,
            "opd_penanggung_jawab",
            "tidak ada di daftar baku",
        ),
        (_set("pilihan", 4, "Belum ada=0"), 4, "pilihan", "dua pilihan"),
    ],
)
def test_broken_rows_are_reported_by_row_and_column_and_nothing_is_saved(
    sample_catalogue, edit, row, column, message
):
    target, problems = _import_xlsx(_sheet(sample_catalogue, edit))
    assert any(
        p.row == row and p.column == column and message in p.message for p in problems
    ), problems
    assert target.indicators.count() == 0
    assert target.categories.count() == 0


def test_text_in_number_cell_keeps_row_and_column(sample_catalogue):
    sheet_edit = _set("bobot", 8, "berat")
    _target, problems = _import_xlsx(_sheet(sample_catalogue, sheet_edit))
    assert [(p.row, p.column) for p in problems] == [(8, "bobot")]


def test_a_file_that_is_not_xlsx_is_refused(sample_catalogue):
    fake = b"MZ\x90\x00" + os.urandom(2048)  # an executable renamed .xlsx
    with pytest.raises(CatalogueFileError, match="bukan XLSX yang sah"):
        read_dataset(fake, "xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused(sample_catalogue):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.txt", "bukan lembar kerja")
    with pytest.raises(CatalogueFileError, match="tidak dapat dibaca sebagai XLSX"):
        read_dataset(buffer.getvalue(), "xlsx")


def test_ten_megabytes_of_junk_is_refused_before_parsing(sample_catalogue):
    with pytest.raises(CatalogueFileError, match="terlalu besar"):
        read_dataset(os.urandom(10 * 1024 * 1024), "xlsx")


def test_csv_in_another_encoding_is_refused(sample_catalogue):
    latin = (
        export_bytes(sample_catalogue, "csv")
        .decode("utf-8-sig")
        .encode("cp1252", "replace")
    )
    latin = latin.replace(b"Kesehatan", "Kesehatan \xe9".encode("latin-1"))
    with pytest.raises(CatalogueFileError, match="UTF-8"):
        read_dataset(latin, "csv")


def test_import_into_an_open_catalogue_is_refused(open_catalogue):
    before = list(open_catalogue.indicators.values_list("code", "text"))
    content = _sheet(open_catalogue, _set("teks", 2, "Teks yang diubah diam-diam"))
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        catalogue_import(
            catalogue=open_catalogue,
            dataset=read_dataset(content, "xlsx"),
            actor=None,
            dry_run=False,
        )
    assert list(open_catalogue.indicators.values_list("code", "text")) == before


def test_yaml_import_into_an_open_year_is_refused(open_catalogue):
    content = export_bytes(open_catalogue, "yaml")
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        catalogue_import_yaml(content=content, actor=None)


def test_reimporting_updates_by_code(sample_catalogue):
    content = _sheet(
        sample_catalogue, _set("teks", 2, "Teks baru untuk indikator pertama.")
    )
    outcome = catalogue_import(
        catalogue=sample_catalogue,
        dataset=read_dataset(content, "xlsx"),
        actor=None,
        dry_run=False,
    )
    assert outcome.ok
    assert (outcome.new, outcome.updated) == (0, 120)
    assert sample_catalogue.indicators.get(code="K01.S01").text.startswith("Teks baru")


def test_dry_run_saves_nothing(sample_catalogue):
    target = _draft()
    dataset = read_dataset(export_bytes(sample_catalogue, "xlsx"), "xlsx")
    outcome = catalogue_import(
        catalogue=target, dataset=dataset, actor=None, dry_run=True
    )
    assert outcome.ok
    assert outcome.new == 120
    assert target.indicators.count() == 0
