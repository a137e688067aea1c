"""Aksi HAM plan spreadsheets are read as the catalogue's are (indicators.sheets)."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl.styles import PatternFill

from aksiham.models import Action, ActionPlan
from aksiham.transfer import plan_export_bytes, plan_import, read_plan_dataset
from indicators.transfer import CatalogueFileError
from tests.aksiham.moments import YEAR

pytestmark = pytest.mark.django_db

AKSI = 2  # column B: aksi


def _workbook(plan, edit) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(plan_export_bytes(plan, "xlsx")))
    book.active.title = "Rencana Aksi"
    edit(book.active)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _draft() -> ActionPlan:
    return ActionPlan.objects.create(
        year=YEAR + 1, level=ActionPlan.Level.REGENCY, title="Draf"
    )


def _import(content: bytes, administrator):
    draft = _draft()
    outcome = plan_import(
        plan=draft,
        dataset=read_plan_dataset(content, "xlsx"),
        actor=administrator,
        dry_run=False,
    )
    return draft, outcome


def _title_and_trailing_rows(sheet):
    last = sheet.max_row
    for row in range(last + 1, last + 20):
        sheet.cell(row=row, column=1).fill = PatternFill("solid", fgColor="DDDDDD")
        sheet.cell(row=row, column=AKSI, value="\u200b ")
    sheet.insert_rows(1)
    sheet["A1"] = "Rencana Aksi HAM 2027"
    sheet.merge_cells("A1:E1")


def test_title_row_and_empty_trailing_rows(plan, administrator):
    draft, outcome = _import(_workbook(plan, _title_and_trailing_rows), administrator)
    assert outcome.ok, outcome.problems
    assert Action.objects.filter(plan=draft).count() == plan.actions.count()


def test_invisible_characters_are_removed_from_action_texts(plan, administrator):
    def pasted(sheet):
        sheet.cell(row=2, column=AKSI).value = (
            "\ufeff" + sheet.cell(row=2, column=AKSI).value + "\u200b"
        )

    draft, outcome = _import(_workbook(plan, pasted), administrator)
    assert outcome.ok, outcome.problems
    first = plan.actions.order_by("number").first()
    assert Action.objects.get(plan=draft, number=first.number).title == first.title


def test_row_numbers_under_a_title_are_the_sheet_rows(plan, administrator):
    def title_and_duplicate(sheet):
        _title_and_trailing_rows(sheet)
        sheet.cell(row=4, column=1, value=sheet.cell(row=3, column=1).value)

    _draft_plan, outcome = _import(_workbook(plan, title_and_duplicate), administrator)
    assert [(p.row, p.column) for p in outcome.problems] == [(4, "nomor")]
    assert "sudah dipakai di baris 3" in outcome.problems[0].message


def test_merged_cells_in_a_plan_are_refused_and_named(plan):
    content = _workbook(plan, lambda sheet: sheet.merge_cells("C2:C3"))
    with pytest.raises(
        CatalogueFileError, match="Lembar “Rencana Aksi”: sel gabungan C2:C3"
    ):
        read_plan_dataset(content, "xlsx")


def test_plan_admin_reports_a_missing_header_in_one_line(
    client_for, administrator, plan
):
    def no_header(sheet):
        sheet.delete_rows(1)

    draft = _draft()
    response = client_for(administrator).post(
        reverse("admin:aksiham_action_import"),
        {
            "plan": draft.pk,
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile(
                "rencana.xlsx", _workbook(plan, no_header)
            ),
        },
    )
    body = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "Ditemukan 1 masalah" in body
    assert "Baris tajuk kolom tidak ditemukan" in body
    assert "(lembar “Rencana Aksi”)" in body
    assert "not found" not in body
    assert not Action.objects.filter(plan=draft).exists()
