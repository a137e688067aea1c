"""Evidence content rules: no macros of any kind, no ZIP bombs, honest names accepted.

Every file here is built byte for byte as the real thing would be (Excel 4 macro
sheets, LibreOffice Basic libraries and event bindings, archives that inflate far
beyond their size), and goes through the same check as every upload.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from files.checks import check_upload, clean_name
from reporting.models import Evidence
from reporting.services.evidence import evidence_attach
from tests.files import (
    EVENT_LISTENERS,
    declared_size_lie,
    docx,
    inflating_docx,
    odt,
    upload,
    xlsx,
)

BASIC_MANIFEST = (
    '<manifest:file-entry manifest:full-path="Basic/Standard/Module1.xml"'
    ' manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="Basic/script-lc.xml"'
    ' manifest:media-type="text/xml"/>'
)
BASIC_MODULE = (
    '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"'
    ' script:language="StarBasic">Sub Main\n Shell("calc")\nEnd Sub</script:module>'
)


def test_plain_office_documents_are_still_accepted():
    assert check_upload(upload("tabel.xlsx", xlsx())).extension == "xlsx"
    assert check_upload(upload("laporan.odt", odt())).extension == "odt"
    assert check_upload(upload("laporan.docx", docx())).extension == "docx"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rekap-excel4.xlsx", xlsx(macro_sheet=True)),
        (
            "rekap-dialog.xlsx",
            xlsx(extra={"xl/dialogsheets/sheet1.xml": "<dialogsheet/>"}),
        ),
        ("surat-vba.docx", docx(with_macro=True)),
        (
            "basic.odt",
            odt(
                manifest=BASIC_MANIFEST,
                extra={
                    "Basic/Standard/Module1.xml": BASIC_MODULE,
                    "Basic/script-lc.xml": "<library:libraries/>",
                },
            ),
        ),
        ("basic-di-manifest.odt", odt(manifest=BASIC_MANIFEST)),
        ("acara.odt", odt(content=EVENT_LISTENERS)),
        (
            "skrip-python.odt",
            odt(extra={"Scripts/python/run.py": "import os\nos.system('x')"}),
        ),
        (
            "tautan.odt",
            odt(
                content='<office:scripts/><text:a xmlns:text="t" xlink:href='
                '"vnd.sun.star.script:Standard.Module1.Main?language=Basic">x</text:a>'
            ),
        ),
    ],
)
def test_every_kind_of_macro_is_refused(name, content):
    with pytest.raises(ValidationError, match="memuat makro atau skrip") as refused:
        check_upload(upload(name, content))
    assert name in refused.value.messages[0]


def test_zip_bomb_by_ratio_is_refused():
    bomb = inflating_docx(30)  # 30 MB of zeros in ~30 KB: a ratio of about 1:1000
    assert len(bomb) < 100 * 1024
    with pytest.raises(ValidationError, match="dipadatkan secara tidak wajar"):
        check_upload(upload("bom.docx", bomb))


def test_zip_bomb_by_declared_size_is_refused():
    with pytest.raises(ValidationError, match="terlalu besar setelah dibuka"):
        check_upload(upload("bohong.docx", declared_size_lie(3_000_000_000)))


def test_unpacked_limit_is_a_setting(settings):
    settings.EVIDENCE_MAX_UNPACKED_MB = 1
    settings.EVIDENCE_MAX_ZIP_RATIO = 10_000
    with pytest.raises(ValidationError, match="batasnya 1 MB"):
        check_upload(upload("besar.docx", inflating_docx(2)))
    settings.EVIDENCE_MAX_UNPACKED_MB = 10
    assert check_upload(upload("besar.docx", inflating_docx(2))).extension == "docx"


@pytest.mark.parametrize(
    "name",
    ["SK Walikota No. 12..final.pdf", "laporan...pdf", "v1..2 rekap.pdf", "a..b.pdf"],
)
def test_names_that_merely_contain_two_dots_are_accepted(name):
    assert clean_name(name) == name


@pytest.mark.parametrize(
    "name", ["..", "../sk.pdf", "..\\sk.pdf", "a/../b.pdf", ".htaccess.pdf", "..pdf"]
)
def test_path_tricks_are_still_refused(name):
    with pytest.raises(ValidationError, match=r"tidak boleh|tanpa nama"):
        clean_name(name)


@pytest.mark.django_db
def test_a_name_with_two_dots_is_stored_as_typed(dinkes_answer, operator):
    from tests.files import pdf_upload

    result = evidence_attach(
        answer=dinkes_answer,
        uploads=[pdf_upload("SK Walikota No. 12..final.pdf")],
        actor=operator,
    )
    assert [e.original_name for e in result.stored] == ["SK Walikota No. 12..final.pdf"]
    assert Evidence.objects.get().original_name == "SK Walikota No. 12..final.pdf"
