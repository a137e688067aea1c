"""The offline spreadsheet round trip: download, edit (openpyxl, LibreOffice), upload,
preview every change, confirm all or nothing; conflicts and locked answers are
listed, never overwritten."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reporting.models import Answer
from reporting.services.answers import answer_save

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _download(client, assessment) -> bytes:
    response = client.get(reverse("reporting:sheet-download", args=[assessment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    return response.content


def _rows(book) -> dict[str, int]:
    sheet = book["Isian"]
    return {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}


def _edit(content: bytes, changes: dict[str, tuple]) -> bytes:
    """Set (value, note) of rows by code; None leaves a cell as it is."""
    book = load_workbook(io.BytesIO(content))
    sheet = book["Isian"]
    rows = _rows(book)
    for code, (value, note) in changes.items():
        if value is not None:
            sheet.cell(row=rows[code], column=6, value=value)
        if note is not None:
            sheet.cell(row=rows[code], column=7, value=note)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client, assessment, content: bytes, name="lembar.xlsx"):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(
        reverse("reporting:sheet-upload", args=[assessment.pk]), {"sheet": upload}
    )


def _by_code(assessment, code) -> Answer:
    return Answer.objects.get(assessment=assessment, indicator__code=code)


def _preview(client, response) -> tuple[str, str]:
    assert response.status_code == 302, response.content.decode()[:2000]
    url = response["Location"]
    page = client.get(url)
    assert page.status_code == 200
    return url, page.content.decode()


def _section(body: str, section: str) -> str:
    match = re.search(rf'id="{section}".*?</section>', body, re.S)
    return match.group(0) if match else ""


def test_the_operator_downloads_their_indicators_with_lists_formats_and_locks(
    operator, regency_staff, verifier, assessment
):
    content = _download(_client(operator), assessment)
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Isian", "Pilihan", "Petunjuk"]
    assert book["Pilihan"].sheet_state == "hidden"
    assert "Petunjuk pengisian" in book["Petunjuk"]["A3"].value
    sheet = book["Isian"]
    assert [c.value for c in sheet[1]][:8] == [
        "Kode",
        "Indikator",
        "Jenis indikator",
        "Jenis jawaban",
        "Satuan",
        "Nilai",
        "Keterangan",
        "Status",
    ]
    assert all(sheet.column_dimensions[c].hidden for c in "IJK")
    mine = assessment.answers.filter(agency__agency_type__code="dinkes")
    rows = _rows(book)
    assert set(rows) == {a.indicator.code for a in mine}
    assert sheet.protection.sheet is True
    yes_no = rows["K06.S01"]
    assert sheet.cell(row=yes_no, column=6).protection.locked is False
    assert sheet.cell(row=yes_no, column=7).protection.locked is False
    assert sheet.cell(row=yes_no, column=1).protection.locked is True
    assert sheet.cell(row=yes_no, column=9).value == 0  # the version
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists[f"F{yes_no}"] == f"Pilihan!$A${yes_no}:$B${yes_no}"
    assert [c.value for c in book["Pilihan"][yes_no]][:2] == ["Ya", "Tidak"]
    choice = rows["K06.S03"]
    assert f"F{choice}" in lists
    assert (
        book["Pilihan"]
        .cell(row=choice, column=4)
        .value.startswith("Tersedia di seluruh")
    )
    assert sheet.cell(row=rows["K06.P01"], column=6).number_format == '0.####" %"'
    assert sheet.cell(row=rows["K06.P03"], column=6).number_format == "#,##0.####"
    # A document indicator's value cell stays locked: its evidence is the answer.
    assert sheet.cell(row=rows["K06.P02"], column=6).protection.locked is True

    whole = load_workbook(io.BytesIO(_download(_client(regency_staff), assessment)))
    assert len(_rows(whole)) == assessment.answers.count()
    response = _client(verifier).get(
        reverse("reporting:sheet-download", args=[assessment.pk])
    )
    assert response.status_code == 404


def test_an_openpyxl_edit_previews_every_change_then_saves_all(operator, assessment):
    client = _client(operator)
    edited = _edit(
        _download(client, assessment),
        {
            "K06.S01": ("Ya", "SK Walikota 2025"),
            "K06.P01": (87.5, None),
            "K06.S03": ("Tersedia di separuh atau lebih puskesmas", None),
            "K06.P03": (12, None),
        },
    )
    url, body = _preview(client, _upload(client, assessment, edited))
    changes = _section(body, "changes")
    assert "4 perubahan" in changes
    assert re.search(r"K06\.P01.*?— → <strong>87\.5</strong>", changes, re.S)
    assert "SK Walikota 2025" in changes
    assert 'id="problems"' not in body and 'id="conflicts"' not in body
    assert _by_code(assessment, "K06.P01").value is None  # nothing saved yet

    response = client.post(url)
    assert response.status_code == 302
    yes_no = _by_code(assessment, "K06.S01")
    assert (yes_no.raw_value, yes_no.value, yes_no.note) == (
        "ya",
        True,
        "SK Walikota 2025",
    )
    assert yes_no.version == 1 and yes_no.updated_by == operator
    assert Decimal(_by_code(assessment, "K06.P01").value) == Decimal("87.5")
    assert _by_code(assessment, "K06.S03").value.startswith("Tersedia di separuh")
    assert _by_code(assessment, "K06.P03").value == "12"
    # The plan is used once.
    assert client.post(url).status_code == 302
    assert _by_code(assessment, "K06.S01").version == 1


def test_bad_cells_are_reported_by_row_column_and_reason_and_nothing_is_saved(
    operator, assessment
):
    client = _client(operator)
    original = _download(client, assessment)
    rows = _rows(load_workbook(io.BytesIO(original)))
    edited = _edit(
        original,
        {
            "K06.P01": (150, None),
            "K06.P03": ("banyak", None),
            "K06.S01": ("Mungkin", None),
            "K06.H01": (50, None),
        },
    )
    _url, body = _preview(client, _upload(client, assessment, edited))
    problems = _section(body, "problems")
    assert re.search(
        rf"<td>{rows['K06.P01']}</td><td>F \(Nilai\)</td><td>Persentase harus antara 0 dan 100",
        problems,
    )
    assert re.search(rf"<td>{rows['K06.P03']}</td><td>F \(Nilai\)</td>", problems)
    assert "Pilih Ya atau Tidak." in problems
    assert "Simpan 1 perubahan" not in body  # no confirm while a cell is wrong
    assert _by_code(assessment, "K06.H01").value is None


def test_a_site_edit_since_the_download_is_a_conflict_never_overwritten(
    operator, regency_staff, assessment
):
    client = _client(operator)
    original = _download(client, assessment)
    answer = _by_code(assessment, "K06.P01")
    answer_save(
        answer=answer,
        raw_value="60",
        note="Data Dinkes",
        expected_version=0,
        actor=regency_staff,
    )
    edited = _edit(original, {"K06.P01": (75, None), "K06.P04": (40, None)})
    url, body = _preview(client, _upload(client, assessment, edited))
    conflicts = _section(body, "conflicts")
    assert 'data-code="K06.P01"' in conflicts
    assert "<td>75</td>" in conflicts and "Data Dinkes" in conflicts
    assert regency_staff.get_full_name() in conflicts
    assert 'data-code="K06.P01"' not in _section(body, "changes")
    client.post(url)
    stored = _by_code(assessment, "K06.P01")
    assert (stored.raw_value, stored.note, stored.version) == ("60", "Data Dinkes", 1)
    assert _by_code(assessment, "K06.P04").value == "40"


def test_an_untouched_row_does_not_undo_a_site_edit(
    operator, regency_staff, assessment
):
    client = _client(operator)
    original = _download(client, assessment)
    answer_save(
        answer=_by_code(assessment, "K06.P01"),
        raw_value="60",
        note="",
        expected_version=0,
        actor=regency_staff,
    )
    edited = _edit(original, {"K06.P04": (40, None)})
    _url, body = _preview(client, _upload(client, assessment, edited))
    assert 'id="conflicts"' not in body
    assert "1 perubahan" in _section(body, "changes")


def test_a_save_between_preview_and_confirm_refuses_the_lot(
    operator, regency_staff, assessment
):
    client = _client(operator)
    edited = _edit(
        _download(client, assessment), {"K06.P01": (75, None), "K06.P04": (40, None)}
    )
    url, _body = _preview(client, _upload(client, assessment, edited))
    answer_save(
        answer=_by_code(assessment, "K06.P04"),
        raw_value="10",
        note="",
        expected_version=0,
        actor=regency_staff,
    )
    response = client.post(url, follow=True)
    assert "Tidak ada yang disimpan: K06.P04" in response.content.decode()
    assert _by_code(assessment, "K06.P01").value is None  # all or nothing
    assert _by_code(assessment, "K06.P04").value == "10"


def test_locked_answers_are_refused_by_name(operator, assessment):
    client = _client(operator)
    original = _download(client, assessment)
    Answer.objects.filter(assessment=assessment, indicator__code="K06.P01").update(
        status=Answer.Status.ACCEPTED
    )
    edited = _edit(original, {"K06.P01": (75, None), "K06.P04": (40, None)})
    url, body = _preview(client, _upload(client, assessment, edited))
    locked = _section(body, "locked")
    assert "<strong>K06.P01</strong>" in locked and "terkunci" in locked
    client.post(url)
    assert _by_code(assessment, "K06.P01").value is None
    assert _by_code(assessment, "K06.P04").value == "40"


def test_a_plan_belongs_to_its_person(operator, regency_staff, assessment):
    client = _client(operator)
    edited = _edit(_download(client, assessment), {"K06.P01": (75, None)})
    url, _body = _preview(client, _upload(client, assessment, edited))
    response = _client(regency_staff).post(url)
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("reporting:sheet-upload", args=[assessment.pk])
    )
    assert _by_code(assessment, "K06.P01").value is None


def _zip_of_text() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("catatan.txt", "bukan lembar isian")
    return out.getvalue()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"Kode;Nilai\nK06.P01;5\n", "bukan XLSX"),
        (b"PK\x03\x04broken", "bukan XLSX"),
        (_zip_of_text(), "rusak"),
    ],
)
def test_what_is_not_an_answer_sheet_is_refused_plainly(
    operator, assessment, content, message
):
    response = _upload(_client(operator), assessment, content)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_changed_header_is_refused(operator, assessment):
    client = _client(operator)
    book = load_workbook(io.BytesIO(_download(client, assessment)))
    book["Isian"]["F1"] = "Jawaban"
    out = io.BytesIO()
    book.save(out)
    response = _upload(client, assessment, out.getvalue())
    assert response.status_code == 400
    assert "Judul kolom" in response.content.decode()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_sheet_resaved_by_libreoffice_uploads_with_the_same_preview(
    operator, regency_staff, assessment, tmp_path: Path
):
    client = _client(operator)
    original = _download(client, assessment)
    answer_save(
        answer=_by_code(assessment, "K06.H01"),
        raw_value="30",
        note="",
        expected_version=0,
        actor=regency_staff,
    )
    edited = _edit(
        original,
        {
            "K06.S01": ("Tidak", "Belum ada SK"),
            "K06.P01": (87.5, None),
            "K06.H01": (45, None),
        },
    )
    # Through LibreOffice both ways: xlsx → ods → xlsx, as an office would re-save it.
    (tmp_path / "lembar.xlsx").write_bytes(edited)
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    for fmt, source in (("ods", "lembar.xlsx"), ("xlsx", "lembar.ods")):
        out = tmp_path / fmt
        subprocess.run(
            [
                SOFFICE,
                profile,
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(out),
                str(tmp_path / source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(out / f"lembar.{fmt}", tmp_path / f"lembar.{fmt}")
    resaved = (tmp_path / "lembar.xlsx").read_bytes()
    assert resaved != edited
    url, body = _preview(client, _upload(client, assessment, resaved))
    changes = _section(body, "changes")
    assert "2 perubahan" in changes
    assert re.search(r"K06\.P01.*?— → <strong>87\.5</strong>", changes, re.S)
    assert "Belum ada SK" in changes
    assert 'data-code="K06.H01"' in _section(body, "conflicts")
    assert 'id="problems"' not in body
    client.post(url)
    assert _by_code(assessment, "K06.S01").value is False
    assert _by_code(assessment, "K06.H01").raw_value == "30"
