"""XLSX of the same tables as the PDF: a header block, then one sheet per table.

Numbers stay numbers (Decimal → two-decimal cells), so the sheet can be sorted and
summed; the spreadsheet program shows them with the reader's decimal separator.
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
