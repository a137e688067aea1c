"""Reading a spreadsheet for import without silently changing what it says.

Shared by the catalogue and the Aksi HAM plan imports (admin and commands). A
person's spreadsheet is rarely the bare export template: it has a title row above
the header, formatted empty rows below the data, merged cells, several sheets, codes
that Excel turned into numbers ("1.10" → 1.1) and invisible characters pasted from
a web page. Here:

- the header is looked for in the first rows of every sheet (the active one first)
  and the sheet that was read is named in every message about the file;
- blank rows (also after removing invisible characters) are skipped, and each data
  row keeps its real row number in the sheet, for messages;
- merged cells in the header or the data, and code cells stored as numbers, refuse
  the file with one message that names the cells and the fix;
- invisible characters are removed from every cell (``visible``), so "K01.S01" with
  a zero-width space is "K01.S01", not a second look-alike code.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from typing import Any

import tablib
from defusedxml.ElementTree import iterparse
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from openpyxl.utils import get_column_letter, range_boundaries

HEADER_SEARCH_ROWS = 20
LISTED = 5  # cells or ranges named in one message before "and N more"

# Characters that show nothing but change a value: zero-width spaces and joiners,
# direction marks, word joiner, byte-order mark, soft hyphen (category Cf), control
# characters except line breaks and tabs (Cc), and blank letters (Hangul fillers).
_KEPT_CONTROLS = {"\n", "\t"}
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def _invisible(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Cf" or ch in _BLANK_LETTERS:
        return True
    return category == "Cc" and ch not in _KEPT_CONTROLS


def visible(text: str) -> str:
    """``text`` in NFC without invisible characters; odd spaces become plain spaces."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        " " if unicodedata.category(ch) == "Zs" else ch
        for ch in text
        if not _invisible(ch)
    )


def cell_text(value: Any) -> str:
    """A cell as the text a person sees in it, stripped; "" for an empty cell."""
    return "" if value is None else visible(str(value)).strip()


def header_key(value: Any) -> str:
    return cell_text(value).lower()


@dataclass(frozen=True)
class SheetLayout:
    """What an import expects: its required columns, and the columns holding codes
    (text that Excel must not turn into numbers)."""

    required: tuple[str, ...]
    code_columns: tuple[str, ...] = ()


class CatalogueFileError(ValidationError):
    """The file cannot be read as it is (a catalogue's or a plan's); the message
    names the place and the fix."""


# ---------------------------------------------------------------- readers


def read_xlsx(content: bytes, layout: SheetLayout) -> tablib.Dataset:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheets = [book.active, *(s for s in book.worksheets if s is not book.active)]
        sheets = [s for s in sheets if s is not None and hasattr(s, "iter_rows")]
        if not sheets:
            raise CatalogueFileError(_("Buku kerja ini tidak memuat lembar kerja."))
        found = [(_sheet_rows(sheet), sheet) for sheet in sheets]
        # The active sheet unless another one has a better header (max keeps the first).
        rows, sheet = max(found, key=lambda item: _header_row(item[0], layout)[1])
        dataset = _dataset(rows, layout, sheet.title)
        if dataset.header_found:
            _refuse_merged(sheet, dataset)
        return dataset
    finally:
        book.close()


def read_csv(text: str, layout: SheetLayout) -> tablib.Dataset:
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise CatalogueFileError(_("Berkas tidak dapat dibaca sebagai CSV.")) from None
    return _dataset(rows, layout, None)


def _sheet_rows(sheet: Any) -> list[list[Any]]:
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(list(row))
    return rows


def _header_row(rows: list[list[Any]], layout: SheetLayout) -> tuple[int, int]:
    """(index, score) of the likeliest header among the first rows: the first row
    holding the most required column names. Score 0: no header at all."""
    best, best_score = 0, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {header_key(v) for v in row}
        score = sum(1 for column in layout.required if column in names)
        if score > best_score:
            best, best_score = index, score
    return best, best_score


def _sheet_label(sheet: str | None) -> str:
    return _("Lembar “%(sheet)s”") % {"sheet": sheet} if sheet else _("Berkas")


def _dataset(
    rows: list[list[Any]],
    layout: SheetLayout,
    sheet: str | None,
) -> tablib.Dataset:
    # No header found: row 1 stands in, and the resource reports the missing
    # columns in one message (SheetRowsMixin.check_headers).
    index, score = _header_row(rows, layout)
    if not rows:
        raise CatalogueFileError(_("Berkas tidak berisi baris data."))
    header = rows[index]
    width = max(
        (i + 1 for i, v in enumerate(header) if cell_text(v)), default=len(header)
    )
    dataset = tablib.Dataset(headers=[cell_text(v) for v in header[:width]])
    sheet_rows, numeric = [], []
    codes = {
        i for i, v in enumerate(header[:width]) if header_key(v) in layout.code_columns
    }
    for offset, row in enumerate(rows[index + 1 :], start=index + 2):
        cells = list(row[:width]) + [None] * (width - len(row))
        if not any(cell_text(v) for v in row):
            continue  # blank, also formatted-but-empty rows below the data
        if score and any(cell_text(v) for v in row[width:]):
            raise CatalogueFileError(
                _(
                    "%(sheet)s, baris %(row)d: ada isi di luar kolom bertajuk. Beri tajuk "
                    "pada kolom itu atau hapus isinya."
                )
                % {"sheet": _sheet_label(sheet), "row": offset}
            )
        for i in codes:
            value = cells[i]
            if isinstance(value, int | float) and not isinstance(value, bool):
                numeric.append(
                    (f"{get_column_letter(i + 1)}{offset}", header[i], value)
                )
        sheet_rows.append(offset)
        dataset.append(cells)
    if numeric:
        raise _numeric_codes(sheet, numeric)
    dataset.sheet_name = sheet
    dataset.header_row = index + 1
    dataset.header_found = score > 0
    dataset.sheet_rows = sheet_rows
    return dataset


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:LISTED])
    if len(items) > LISTED:
        shown += " " + _("dan %(n)d lainnya") % {"n": len(items) - LISTED}
    return shown


def _numeric_codes(
    sheet: str | None, cells: list[tuple[str, Any, Any]]
) -> CatalogueFileError:
    columns = ", ".join(dict.fromkeys(header_key(c[1]) for c in cells))
    return CatalogueFileError(
        _(
            "%(sheet)s, sel %(cells)s (kolom %(columns)s): kode tersimpan sebagai angka "
            "(misalnya %(value)s), sehingga Excel dapat mengubah “1.10” menjadi 1.1. "
            "Format kolom %(columns)s sebagai Teks, ketik ulang kodenya, lalu unggah lagi."
        )
        % {
            "sheet": _sheet_label(sheet),
            "cells": _listed([c[0] for c in cells]),
            "columns": columns,
            "value": cells[0][2],
        }
    )


# ---------------------------------------------------------------- merged cells


def _merged_ranges(sheet: Any) -> list[str]:
    """The merged ranges of a read-only worksheet, from its XML (openpyxl's
    read-only mode does not parse them); the file passed the unpacked-size check."""
    ranges = []
    with sheet._get_source() as source:
        for _event, element in iterparse(source):
            if element.tag.endswith("}mergeCell") or element.tag == "mergeCell":
                ref = element.get("ref")
                if ref:
                    ranges.append(ref)
            element.clear()
    return ranges


def _refuse_merged(sheet: Any, dataset: tablib.Dataset) -> None:
    header_row = dataset.header_row
    inside = []
    for ref in _merged_ranges(sheet):
        try:
            _min_col, _min_row, _max_col, max_row = range_boundaries(ref)
        except (TypeError, ValueError):
            continue
        if max_row is not None and max_row >= header_row:  # title rows above are fine
            inside.append(ref)
    if inside:
        raise CatalogueFileError(
            _(
                "%(sheet)s: sel gabungan %(ranges)s di tajuk atau baris data tidak dapat "
                "dibaca (hanya sel pertama yang berisi nilai). Pisahkan sel (Unmerge), isi "
                "setiap sel, lalu unggah lagi."
            )
            % {"sheet": _sheet_label(sheet.title), "ranges": _listed(inside)}
        )


# ---------------------------------------------------------------- admin formats


def sheet_formats(layout: SheetLayout) -> list[type]:
    """The admin's XLSX and CSV formats, reading through ``layout``."""

    class XLSX(base_formats.XLSX):
        def create_dataset(self, in_stream: bytes) -> tablib.Dataset:
            return read_xlsx(in_stream, layout)

    class CSV(base_formats.CSV):
        def create_dataset(self, in_stream: str | bytes) -> tablib.Dataset:
            if isinstance(in_stream, bytes):
                in_stream = in_stream.decode("utf-8-sig")
            return read_csv(in_stream.lstrip("\ufeff"), layout)

    return [XLSX, CSV]


# ---------------------------------------------------------------- resources


class SheetRowsMixin:
    """For an import resource: required columns checked once (one message, not one
    per row), and every row reported under its real row number in the sheet."""

    sheet_layout: SheetLayout

    def check_headers(self, dataset: tablib.Dataset) -> None:
        self._sheet_rows = getattr(dataset, "sheet_rows", None)
        headers = [header_key(h) for h in dataset.headers or []]
        missing = [c for c in self.sheet_layout.required if c not in headers]
        if missing and getattr(dataset, "header_found", True) is False:
            del dataset[:]  # the rows cannot be read: say so once
            raise CatalogueFileError(
                _(
                    "Baris tajuk kolom tidak ditemukan di %(rows)d baris pertama (%(where)s); "
                    "kolom wajib: %(cols)s. Unduh templat ekspor untuk contoh."
                )
                % {
                    "rows": HEADER_SEARCH_ROWS,
                    "where": _sheet_or_file(dataset),
                    "cols": ", ".join(self.sheet_layout.required),
                }
            )
        if missing:
            del dataset[:]  # the rows cannot be read: say so once
            raise CatalogueFileError(
                _(
                    "Kolom wajib tidak ditemukan: %(cols)s (%(where)s). Unduh templat ekspor "
                    "untuk contoh."
                )
                % {"cols": ", ".join(missing), "where": where_read(dataset)}
            )
        dataset.headers = headers

    def sheet_row(self, row_number: int) -> int:
        return row_in_sheet(getattr(self, "_sheet_rows", None), row_number)

    def after_import(self, dataset: Any, result: Any, **kwargs: Any) -> None:
        super().after_import(dataset, result, **kwargs)  # type: ignore[misc]
        result.sheet_rows = getattr(dataset, "sheet_rows", None)
        result.where_read = where_read(dataset)


def row_in_sheet(sheet_rows: list[int] | None, row_number: int) -> int:
    """The row a person sees for import row ``row_number`` (1 = first data row)."""
    if sheet_rows and 0 < row_number <= len(sheet_rows):
        return sheet_rows[row_number - 1]
    return row_number + 1  # a dataset from YAML or code: data under a header row


def _sheet_or_file(dataset: Any) -> str:
    sheet = getattr(dataset, "sheet_name", None)
    return _("lembar “%(sheet)s”") % {"sheet": sheet} if sheet else _("berkas")


def where_read(dataset: Any) -> str:
    """Which sheet was read and where its header is, for messages."""
    sheet = getattr(dataset, "sheet_name", None)
    header = getattr(dataset, "header_row", None)
    if sheet:
        return _("lembar “%(sheet)s”, tajuk di baris %(row)d") % {
            "sheet": sheet,
            "row": header or 1,
        }
    if header:
        return _("tajuk di baris %(row)d") % {"row": header}
    return _("berkas")
