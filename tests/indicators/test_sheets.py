"""Catalogue spreadsheets as people really fill them: nothing is changed silently.

Each workbook is the sample catalogue's own export, edited with openpyxl the way
Excel or a copy-paste would: codes turned into numbers, invisible characters, a
title row, formatted empty rows, merged cells, a second sheet.
"""

from __future__ import annotations

import io
import re
import unicodedata

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.styles import Font, PatternFill

from indicators.models import Catalogue
from indicators.resources import CATALOGUE_SHEET
from indicators.services import catalogue_create
from indicators.sheets import read_csv, visible
from indicators.transfer import (
    CatalogueFileError,
    catalogue_import,
    export_bytes,
    read_dataset,
)
from tests.fuzzing import FUZZ

pytestmark = pytest.mark.django_db

KODE = 5  # column E of the export: kode
JENIS = 7  # column G: jenis


def _workbook(sample_catalogue, edit) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(sample_catalogue, "xlsx")))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _draft(year: int = 2030) -> Catalogue:
    return catalogue_create(actor=None, year=year, title=f"Uji {year}", legal_basis="U")


def _import(content: bytes, target: Catalogue | None = None, fmt: str = "xlsx"):
    target = target or _draft()
    outcome = catalogue_import(
        catalogue=target,
        dataset=read_dataset(content, fmt),
        actor=None,
        dry_run=False,
    )
    return target, outcome


def _admin_import(client, target, content: bytes) -> str:
    response = client.post(
        reverse("admin:indicators_indicator_import"),
        {
            "catalogue": target.pk,
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("katalog.xlsx", content),
        },
    )
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ---------------------------------------------------------------- numeric codes


def _numeric_codes(book):
    sheet = book.active
    sheet.cell(row=2, column=KODE, value=1.1)  # what Excel makes of "1.10"
    sheet.cell(row=3, column=KODE, value=1.2)


def test_a_code_stored_as_a_number_is_refused_naming_the_cell_and_the_fix(
    sample_catalogue,
):
    content = _workbook(sample_catalogue, _numeric_codes)
    with pytest.raises(CatalogueFileError) as refused:
        read_dataset(content, "xlsx")
    message = refused.value.messages[0]
    assert "sel E2, E3 (kolom kode)" in message
    assert "Format kolom kode sebagai Teks" in message
    assert message.startswith("Lembar “Tablib Dataset”, sel")  # the export's sheet


def test_admin_shows_the_numeric_code_message_and_saves_nothing(
    client_for, administrator, sample_catalogue
):
    target = _draft()
    body = _text(
        _admin_import(
            client_for(administrator),
            target,
            _workbook(sample_catalogue, _numeric_codes),
        )
    )
    assert "sel E2, E3 (kolom kode): kode tersimpan sebagai angka" in body
    assert target.indicators.count() == 0


def test_a_numeric_category_code_is_refused_too(sample_catalogue):
    content = _workbook(
        sample_catalogue, lambda b: b.active.cell(row=4, column=1, value=1)
    )
    with pytest.raises(CatalogueFileError, match=r"sel A4 \(kolom kode_kategori\)"):
        read_dataset(content, "xlsx")


# ---------------------------------------------------------------- invisible characters


@pytest.mark.parametrize(
    "invisible", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e"]
)
def test_an_invisible_character_never_makes_a_look_alike_code(
    sample_catalogue, invisible
):
    def look_alike(book):
        sheet = book.active
        code = sheet.cell(row=2, column=KODE).value
        sheet.cell(row=3, column=KODE, value=code + invisible)

    target, outcome = _import(_workbook(sample_catalogue, look_alike))
    assert [(p.row, p.column) for p in outcome.problems] == [(3, "kode")]
    assert "sudah dipakai di baris 2" in outcome.problems[0].message
    assert target.indicators.count() == 0


def test_reimport_with_invisible_characters_updates_the_same_indicators(
    sample_catalogue,
):
    target, first = _import(export_bytes(sample_catalogue, "xlsx"))
    assert first.ok and first.new == 120

    def pasted(book):
        sheet = book.active
        for row in range(2, sheet.max_row + 1):
            cell = sheet.cell(row=row, column=KODE)
            cell.value = "\u200b" + cell.value + "\u00a0"
            sheet.cell(row=row, column=1).value += "\u200b"

    _target, again = _import(_workbook(sample_catalogue, pasted), target)
    assert again.ok, again.problems
    assert (again.new, again.updated) == (0, 120)
    assert target.indicators.count() == 120
    assert not target.indicators.filter(code__contains="\u200b").exists()
    assert not target.categories.filter(code__contains="\u200b").exists()


def test_invisible_characters_are_removed_from_csv_and_texts(sample_catalogue):
    csv_text = export_bytes(sample_catalogue, "csv").decode("utf-8-sig")
    first = sample_catalogue.indicators.order_by("code").first()
    csv_text = csv_text.replace(first.code, first.code + "\u200b", 1)
    csv_text = csv_text.replace(first.text, "\u2060" + first.text + "\u200b", 1)
    target, outcome = _import(csv_text.encode("utf-8"), fmt="csv")
    assert outcome.ok, outcome.problems
    copy = target.indicators.get(code=first.code)
    assert copy.text == first.text


# ---------------------------------------------------------------- rows around the data


def _trailing_rows(book):
    sheet = book.active
    last = sheet.max_row
    for row in range(last + 1, last + 30):  # formatted, "empty" rows below the data
        sheet.cell(row=row, column=3).fill = PatternFill("solid", fgColor="FFFF00")
        sheet.cell(row=row, column=KODE, value=" ")
        sheet.cell(row=row, column=8, value="\u200b")


def test_empty_trailing_rows_are_ignored(sample_catalogue):
    target, outcome = _import(_workbook(sample_catalogue, _trailing_rows))
    assert outcome.ok, outcome.problems
    assert target.indicators.count() == 120


def test_a_blank_row_inside_the_data_is_skipped_and_rows_keep_their_numbers(
    sample_catalogue,
):
    def gap_and_error(book):
        sheet = book.active
        sheet.insert_rows(10)  # a blank row 10; the old row 10 is now row 11
        sheet.cell(row=20, column=JENIS, value="hasil-akhir")

    target, outcome = _import(_workbook(sample_catalogue, gap_and_error))
    assert [(p.row, p.column) for p in outcome.problems] == [(20, "jenis")]
    assert target.indicators.count() == 0


def _title_rows(book):
    sheet = book.active
    sheet.insert_rows(1, amount=2)
    sheet.cell(row=1, column=1, value="Katalog Indikator KKPHAM 2030")
    sheet.merge_cells("A1:H1")
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)


def test_a_title_row_above_the_header_is_found(sample_catalogue):
    target, outcome = _import(_workbook(sample_catalogue, _title_rows))
    assert outcome.ok, outcome.problems
    assert target.indicators.count() == 120


def test_rows_under_a_title_are_reported_by_their_sheet_row(sample_catalogue):
    def title_and_error(book):
        _title_rows(book)
        book.active.cell(row=8, column=JENIS, value="hasil-akhir")

    _target, outcome = _import(_workbook(sample_catalogue, title_and_error))
    assert [(p.row, p.column) for p in outcome.problems] == [(8, "jenis")]


def test_no_header_at_all_is_one_indonesian_line(
    client_for, administrator, sample_catalogue
):
    def no_header(book):
        sheet = book.active
        sheet.title = "Katalog"
        for column in range(1, sheet.max_column + 1):
            sheet.cell(row=1, column=column, value=f"Kolom {column}")

    content = _workbook(sample_catalogue, no_header)
    target, outcome = _import(content)
    assert len(outcome.problems) == 1, outcome.problems
    assert "Baris tajuk kolom tidak ditemukan di 20 baris pertama" in str(
        outcome.problems[0]
    )
    assert "(lembar “Katalog”)" in str(outcome.problems[0])
    body = _text(_admin_import(client_for(administrator), target, content))
    assert "Ditemukan 1 masalah" in body
    assert "not found" not in body and "Column" not in body


def test_a_missing_column_is_one_line_not_one_per_row(sample_catalogue):
    def without_jenis(book):
        book.active.title = "Katalog"
        book.active.delete_cols(JENIS)

    content = _workbook(sample_catalogue, without_jenis)
    _target, outcome = _import(content)
    assert len(outcome.problems) == 1, outcome.problems[:3]
    assert "Kolom wajib tidak ditemukan: jenis" in outcome.problems[0].message
    assert "lembar “Katalog”, tajuk di baris 1" in outcome.problems[0].message


# ---------------------------------------------------------------- merged cells, sheets


def test_merged_cells_in_the_data_are_refused_and_named(
    client_for, administrator, sample_catalogue
):
    def merged(book):
        sheet = book.active
        sheet.title = "Indikator"
        sheet.merge_cells("A2:A4")  # one category code for three rows
        sheet.merge_cells("B2:B4")

    content = _workbook(sample_catalogue, merged)
    with pytest.raises(CatalogueFileError) as refused:
        read_dataset(content, "xlsx")
    message = refused.value.messages[0]
    assert "Lembar “Indikator”: sel gabungan A2:A4, B2:B4" in message
    assert "Pisahkan sel (Unmerge)" in message
    target = _draft()
    body = _text(_admin_import(client_for(administrator), target, content))
    assert "sel gabungan A2:A4, B2:B4" in body
    assert target.indicators.count() == 0


def test_the_data_sheet_is_found_and_named_when_another_sheet_is_active(
    client_for, administrator, sample_catalogue
):
    def with_instructions(book):
        data = book.active
        data.title = "Indikator"
        data.cell(row=6, column=JENIS, value="hasil-akhir")
        notes = book.create_sheet("Petunjuk", 0)
        notes["A1"] = "Isi satu baris per indikator."
        book.active = 0

    content = _workbook(sample_catalogue, with_instructions)
    _target, outcome = _import(content)
    assert [(p.row, p.column) for p in outcome.problems] == [(6, "jenis")]
    body = _text(_admin_import(client_for(administrator), _draft(2031), content))
    assert "Dibaca: lembar “Indikator”, tajuk di baris 1." in body


# ---------------------------------------------------------------- fuzzing the reader


@FUZZ
@given(text=st.text(max_size=60))
def test_visible_text_has_no_invisible_characters_and_is_stable(text):
    shown = visible(text)
    assert visible(shown) == shown
    assert not any(unicodedata.category(ch) == "Cf" for ch in shown)
    assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in shown)


@FUZZ
@given(
    rows=st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(["kode", "teks", "jenis", "", " ", "\u200b", "K01"]),
                st.text(max_size=8),
            ),
            max_size=6,
        ),
        max_size=8,
    )
)
def test_csv_reader_gives_a_dataset_or_an_indonesian_refusal(rows):
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    try:
        dataset = read_csv(buffer.getvalue(), CATALOGUE_SHEET)
    except CatalogueFileError as exc:
        assert re.search(r"\b(baris|berkas|tidak|kolom)\b", exc.messages[0], re.I)
    else:
        assert len(dataset.sheet_rows) == len(dataset)
        assert all(n > dataset.header_row for n in dataset.sheet_rows)
