"""XLSX of the same tables as the PDF: a header block, then one sheet per table.

Numbers stay numbers (Decimal → two-decimal cells), so the sheet can be sorted and
summed; the spreadsheet program shows them with the reader's decimal separator.
Printed, every page carries the year's letterhead, the column names and "Halaman X
dari Y" (the sheet's page header and footer), so the grid itself keeps one layout.
"""

from __future__ import annotations

from decimal import Decimal
from typing import BinaryIO

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from exports.document import Document, Header, Table

HEADER_ROWS = 7  # title, subtitle, year, legal basis, status, generated, sample
PRINT_HEADER_LIMIT = 255  # characters, Excel's most for one page header or footer


def _printable(text: str) -> str:
    """Text for a page header or footer, where "&" starts a code."""
    return text.replace("&", "&&")


def _print_setup(sheet, header: Header, column_row: int) -> None:
    lines: list[str] = []
    for line in header.letterhead:
        if len("\n".join([*lines, _printable(line)])) > PRINT_HEADER_LIMIT:
            break
        lines.append(_printable(line))
    if lines:
        sheet.oddHeader.center.text = "\n".join(lines)
        sheet.oddHeader.center.size = 9
    sheet.oddFooter.left.text = _printable(header.ministry)[:PRINT_HEADER_LIMIT]
    sheet.oddFooter.right.text = f"{_('Halaman')} &P {_('dari')} &N"
    for part in (sheet.oddFooter.left, sheet.oddFooter.right):
        part.size = 8
    sheet.print_title_rows = f"{column_row}:{column_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def header_lines(header: Header) -> list[str]:
    status = header.status_label
    if header.decree_number:
        status += f" · {_('Keputusan')} {header.decree_number}"
        if header.decree_date:
            status += f", {formats.date_format(header.decree_date, 'j F Y')}"
    return [
        header.title,
        header.subtitle,
        _("Tahun penilaian %(y)s (data tahun %(d)s)")
        % {"y": header.year, "d": header.data_year},
        f"{_('Dasar hukum')}: {header.legal_basis}",
        status,
        f"{_('Dibuat')}: {header.generated_at:%d-%m-%Y %H.%M} WIB",
        header.sample_label,
    ]


def _sheet_title(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:28] or "Data"
    title, n = base, 2
    while title in used:
        title, n = f"{base[:25]} {n}", n + 1
    used.add(title)
    return title


def _write_table(sheet, header: Header, table: Table) -> None:
    for row, line in enumerate(header_lines(header), start=1):
        sheet.cell(row=row, column=1, value=line or None)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=12)
    if header.is_sample:
        sheet.cell(row=HEADER_ROWS, column=1).font = Font(bold=True, color="AA0000")
    first = HEADER_ROWS + 2
    for col, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=first, column=col, value=column.header)
        cell.font = Font(bold=True)
    for r, values in enumerate(table.rows, start=first + 1):
        for col, (value, column) in enumerate(
            zip(values, table.columns, strict=True), start=1
        ):
            cell = sheet.cell(row=r, column=col, value=value)
            if column.kind == "decimal" and isinstance(value, Decimal):
                cell.number_format = "0." + "0" * column.places
    sheet.freeze_panes = sheet.cell(row=first + 1, column=1)
    _print_setup(sheet, header, first)
    for col, column in enumerate(table.columns, start=1):
        width = max(
            [len(column.header)] + [len(str(v[col - 1])) for v in table.rows[:200]]
        )
        sheet.column_dimensions[get_column_letter(col)].width = min(
            max(width + 2, 6), 60
        )


def write_xlsx(document: Document, target: BinaryIO) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        book = Workbook()
        book.remove(book.active)
        used: set[str] = set()
        for table in document.tables:
            sheet = book.create_sheet(_sheet_title(table.name, used))
            _write_table(sheet, document.header, table)
        book.save(target)
