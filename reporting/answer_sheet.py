"""The offline spreadsheet of answers: writing it, and reading it back as rows.

One row per assigned indicator: code, text, type, answer kind, unit, the value and
the note (the only cells a person may change), the status, and three hidden
columns: the answer's version when the file was made, a fingerprint of the value
and note as written, and the assessment. The fingerprint tells "the person changed
this row" from "the site changed since" (reporting.services.answer_sheets).

The value cell carries a drop-down list for yes/no and choices (from a hidden
sheet, so labels may contain commas) and a number format for numbers and
percentages; everything else is locked by sheet protection (no password: it
prevents slips, not intent; the upload checks every cell again).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.answer_kinds import sheet_text
from indicators.sheets import cell_text
from indicators.transfer import check_size, check_unpacked_size
from reporting.models import Answer, Assessment

SHEET = "Isian"
CHOICES_SHEET = "Pilihan"
GUIDE_SHEET = "Petunjuk"
# Column letters are part of the file's contract: messages name them.
COLUMNS = (
    ("A", "Kode", 14),
    ("B", "Indikator", 60),
    ("C", "Jenis indikator", 14),
    ("D", "Jenis jawaban", 16),
    ("E", "Satuan", 10),
    ("F", "Nilai", 18),
    ("G", "Keterangan", 40),
    ("H", "Status", 14),
    ("I", "Versi", 8),
    ("J", "Sidik", 18),
    ("K", "Penilaian", 10),
)
CODE, VALUE, NOTE, VERSION, PRINT, ASSESSMENT = 1, 6, 7, 9, 10, 11
HIDDEN = ("I", "J", "K")
EDITABLE_FILL = PatternFill("solid", fgColor="FFF8DC")


def fingerprint(value_text: str, note: str) -> str:
    """A short digest of a row's value and note as written into the file."""
    return hashlib.sha256(f"{value_text}\x1f{note}".encode()).hexdigest()[:16]


def site_cell(answer: Answer) -> Any:
    indicator = answer.indicator
    return indicator.kind.sheet_cell(indicator, answer.value, answer.raw_value)


def site_text(answer: Answer) -> str:
    """The stored answer's value as the file's reader would read it back."""
    indicator = answer.indicator
    return indicator.kind.sheet_raw(indicator, site_cell(answer))


GUIDE = (
    "Petunjuk pengisian lembar isian",
    "",
    "1. Isi hanya kolom Nilai (F) dan Keterangan (G) yang berwarna kuning muda; "
    "kolom lain terkunci.",
    "2. Untuk ya/tidak dan pilihan, pilih dari daftar pada sel Nilai.",
    "3. Angka dan persentase ditulis sebagai angka (desimal dengan koma atau "
    "titik); persentase antara 0 dan 100, tanpa tanda %.",
    "4. Indikator jenis dokumen dijawab dengan data dukung di portal; kolom "
    "Nilai-nya dibiarkan kosong.",
    "5. Jangan menambah, menghapus atau memindah baris dan kolom, dan jangan "
    "mengubah kolom tersembunyi (Versi, Sidik, Penilaian).",
    "6. Simpan sebagai XLSX, lalu unggah di halaman penilaian (Unggah lembar "
    "isian). Portal menampilkan setiap perubahan sebelum disimpan; semua "
    "perubahan disimpan bersama, atau tidak sama sekali.",
    "7. Jika jawaban diubah di portal setelah lembar ini diunduh, baris itu "
    "ditampilkan sebagai bentrok dan tidak ditimpa: selesaikan di portal.",
    "8. Jawaban yang sudah dikirim atau diterima terkunci dan tidak diubah.",
)


def write_sheet(assessment: Assessment, answers: list[Answer], title: str) -> bytes:
    """The workbook of ``answers`` (already scoped to the person) as XLSX bytes."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    choices = book.create_sheet(CHOICES_SHEET)
    choices.sheet_state = "hidden"
    guide = book.create_sheet(GUIDE_SHEET)
    for row, line in enumerate((title, "", *GUIDE), start=1):
        guide.cell(row=row, column=1, value=line or None)
    guide.cell(row=1, column=1).font = Font(bold=True, size=12)
    guide.cell(row=3, column=1).font = Font(bold=True)
    guide.column_dimensions["A"].width = 110

    for letter, header, width in COLUMNS:
        cell = sheet[f"{letter}1"]
        cell.value = header
        cell.font = Font(bold=True)
        sheet.column_dimensions[letter].width = width
    for letter in HIDDEN:
        sheet.column_dimensions[letter].hidden = True
    for r, answer in enumerate(answers, start=2):
        indicator = answer.indicator
        kind = indicator.kind
        value = site_cell(answer)
        values = (
            indicator.code,
            indicator.text,
            indicator.get_type_display(),
            indicator.get_answer_kind_display(),
            kind.unit(indicator) if hasattr(kind, "unit") else indicator.unit,
            value,
            answer.note or None,
            answer.get_status_display(),
            answer.version,
            fingerprint(site_text(answer), answer.note),
            assessment.pk,
        )
        for c, item in enumerate(values, start=1):
            sheet.cell(row=r, column=c, value=item)
        sheet.cell(row=r, column=2).alignment = Alignment(wrap_text=True)
        for c in (VALUE, NOTE):
            cell = sheet.cell(row=r, column=c)
            if kind.takes_value or c == NOTE:
                cell.protection = Protection(locked=False)
                cell.fill = EDITABLE_FILL
        value_cell = sheet.cell(row=r, column=VALUE)
        if kind.number_format:
            value_cell.number_format = kind.number_format
        else:
            value_cell.number_format = "@"  # text: "1" stays "1", not a number
        options = kind.sheet_choices(indicator)
        if options:
            for c, label in enumerate(options, start=1):
                choices.cell(row=r, column=c, value=str(label))
            last = get_column_letter(len(options))
            validation = DataValidation(
                type="list",
                formula1=f"{CHOICES_SHEET}!$A${r}:${last}${r}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("Isian tidak dikenal"),
                error=_("Pilih salah satu isian dari daftar."),
            )
            validation.add(value_cell)
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "C2"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widths may change; content may not
    target = io.BytesIO()
    book.save(target)
    return target.getvalue()


@dataclass(frozen=True)
class SheetRow:
    row: int  # the sheet's row number, as the spreadsheet program shows it
    code: str
    value: Any  # the value cell as read (text, number, bool or None)
    note: str
    version: int | None
    fingerprint: str
    assessment: str


def read_sheet(content: bytes) -> list[SheetRow]:
    """The rows of an uploaded answer sheet; ValidationError for a file that is not one."""
    check_size(len(content))
    stream = io.BytesIO(content)
    if not zipfile.is_zipfile(stream):
        raise ValidationError(
            _("Berkas ini bukan XLSX. Simpan lembar isian sebagai XLSX, lalu unggah.")
        )
    check_unpacked_size(stream)
    try:
        book = load_workbook(stream, data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            _("Berkas XLSX ini rusak atau tidak dapat dibaca.")
        ) from None
    try:
        if SHEET not in book.sheetnames:
            raise ValidationError(
                _(
                    "Lembar “%(sheet)s” tidak ada: unggah lembar isian yang diunduh dari "
                    "portal."
                )
                % {"sheet": SHEET}
            )
        rows = list(book[SHEET].iter_rows(values_only=True, max_col=len(COLUMNS)))
    finally:
        book.close()
    expected = [header for _letter, header, _w in COLUMNS]
    if not rows or [cell_text(v) for v in (rows[0] + (None,) * 11)[:11]] != expected:
        raise ValidationError(
            _(
                "Judul kolom lembar “%(sheet)s” berubah. Unduh lembar isian baru dan "
                "salin isian Anda ke dalamnya."
            )
            % {"sheet": SHEET}
        )
    found = []
    for number, cells in enumerate(rows[1:], start=2):
        cells = tuple(cells) + (None,) * (len(COLUMNS) - len(cells))
        if all(c is None or cell_text(c) == "" for c in cells):
            continue
        version = cells[VERSION - 1]
        try:
            version = int(sheet_text(version)) if version is not None else None
        except ValueError:
            version = None
        found.append(
            SheetRow(
                row=number,
                code=cell_text(cells[CODE - 1]),
                value=cells[VALUE - 1],
                note=cell_text(cells[NOTE - 1]),
                version=version,
                fingerprint=cell_text(cells[PRINT - 1]),
                assessment=sheet_text(cells[ASSESSMENT - 1]),
            )
        )
    return found


def column_label(column: int) -> str:
    letter, header, _w = COLUMNS[column - 1]
    return f"{letter} ({header})"
