"""An administrator imports a catalogue spreadsheet through the admin and reads it on the site.

The journey: upload an XLSX export of the sample catalogue into an empty draft,
check the preview (nothing saved yet), confirm, and browse the result at
/katalog/<year>/. A broken file shows its problems by row and column and saves
nothing.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from indicators.models import Catalogue, Indicator
from tests.browser.helpers import admin_success, import_sample_catalogue, sign_in_home

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

IMPORT_PATH = "/admin/indicators/indicator/import/"
ADMIN = "demo.admin"
TARGET_YEAR = 2027
SAMPLE_TOTAL = 120


@dataclass(frozen=True)
class ImportSetup:
    source: Catalogue
    target: Catalogue
    xlsx: Path


@pytest.fixture
def import_setup(demo_cast, tmp_path: Path) -> ImportSetup:
    """Sample catalogue 2026 (a draft), its XLSX export, and an empty draft 2027."""
    from indicators.services import catalogue_create
    from indicators.transfer import export_bytes

    source = import_sample_catalogue()
    assert source.status == Catalogue.Status.DRAFT
    assert source.indicators.count() == SAMPLE_TOTAL

    xlsx = tmp_path / f"katalog-{TARGET_YEAR}.xlsx"
    xlsx.write_bytes(export_bytes(source, "xlsx"))

    target = catalogue_create(
        actor=None, year=TARGET_YEAR, title="Katalog Uji 2027", legal_basis="Uji"
    )
    return ImportSetup(source=source, target=target, xlsx=xlsx)


def upload(page: Page, base_url: str, file: Path) -> None:
    """Fill the admin import form (catalogue 2027, the file, XLSX) and submit it."""
    page.goto(base_url + IMPORT_PATH)
    catalogue_select = page.get_by_label(re.compile(r"^Katalog tujuan"))
    option = catalogue_select.locator("option", has_text=str(TARGET_YEAR))
    expect(option).to_have_count(1)
    catalogue_select.select_option(value=option.get_attribute("value"))
    page.get_by_label(re.compile(r"^Berkas XLSX atau CSV")).set_input_files(str(file))
    page.get_by_label(re.compile(r"^Format:?$")).select_option(label="xlsx")
    # "Submit" is "Kirim" in locale/id; the button is an <input type="submit">.
    page.get_by_role("button", name="Kirim", exact=True).click()


def indicator_total(catalogue: Catalogue) -> int:
    return Indicator.objects.filter(catalogue_id=catalogue.pk).count()


def test_admin_imports_xlsx_into_draft_and_browses_it(
    page: Page, live_server, import_setup: ImportSetup
) -> None:
    base = live_server.url
    target = import_setup.target
    sign_in_home(page, base, ADMIN)

    upload(page, base, import_setup.xlsx)

    # Preview: a confirm button, the rows listed, and nothing saved yet.
    confirm = page.get_by_role("button", name="Konfirmasi impor", exact=True)
    expect(confirm).to_be_visible()
    expect(page.locator("#import-problems")).to_have_count(0)
    preview = page.locator("table.import-preview")
    expect(preview).to_contain_text("K01.S01")
    expect(preview.locator("tr.new")).to_have_count(SAMPLE_TOTAL)
    assert indicator_total(target) == 0

    confirm.click()

    success = admin_success(page)
    expect(success).to_contain_text("Impor selesai")
    expect(success).to_contain_text(str(SAMPLE_TOTAL))
    assert indicator_total(target) == SAMPLE_TOTAL
    assert indicator_total(import_setup.source) == SAMPLE_TOTAL

    # The site: a draft is shown to administrators only, so demo.admin reads it.
    page.goto(base + f"/katalog/{TARGET_YEAR}/")
    expect(
        page.get_by_role("heading", name="Katalog Uji 2027", level=1)
    ).to_be_visible()
    expect(page.locator("#indicator-count")).to_have_text(f"{SAMPLE_TOTAL} indikator")

    page.get_by_label("Kategori", exact=True).select_option(value="K06")
    page.get_by_label("Jenis", exact=True).select_option(value="hasil")
    page.get_by_role("button", name="Tampilkan", exact=True).click()
    expect(page).to_have_url(re.compile(r"kategori=K06.*jenis=hasil"))

    expected = sorted(
        Indicator.objects.filter(
            catalogue_id=target.pk, category__code="K06", type="hasil"
        ).values_list("code", flat=True)
    )
    assert expected and "K06.H04" in expected
    expect(page.locator("#indicator-count")).to_have_text(f"{len(expected)} indikator")
    codes = page.locator("main .list-group-item strong")
    expect(codes).to_have_count(len(expected))
    listed = codes.all_inner_texts()
    assert sorted(listed) == expected
    assert all(code.startswith("K06.H") for code in listed), listed

    page.get_by_role("link", name=re.compile(r"^K06\.H04\b")).click()
    expect(page).to_have_url(base + f"/katalog/{TARGET_YEAR}/K06.H04/")
    expect(
        page.get_by_role("heading", name=re.compile(r"^K06\.H04"), level=1)
    ).to_be_visible()
    evidence = page.get_by_text("Data dukung", exact=True)
    expect(evidence).to_be_visible()
    description = Indicator.objects.get(
        catalogue_id=target.pk, code="K06.H04"
    ).evidence_description
    assert description
    expect(evidence.locator("xpath=following-sibling::dd[1]")).to_contain_text(
        description
    )


def test_broken_xlsx_shows_problems_and_saves_nothing(
    page: Page, live_server, import_setup: ImportSetup, tmp_path: Path
) -> None:
    base = live_server.url
    target = import_setup.target

    # Data row 4 is spreadsheet row 5 (row 1 holds the headers).
    workbook = load_workbook(io.BytesIO(import_setup.xlsx.read_bytes()))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    jenis = headers.index("jenis") + 1
    broken_row = 5
    sheet.cell(row=broken_row, column=jenis).value = "hasil-akhir"
    broken = tmp_path / f"katalog-{TARGET_YEAR}-rusak.xlsx"
    workbook.save(broken)

    sign_in_home(page, base, ADMIN)
    upload(page, base, broken)

    problems = page.locator("#import-problems")
    expect(problems).to_be_visible()
    # The only problem in the file: its row, its column, an Indonesian message.
    row = problems.locator("tbody tr")
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells.nth(0)).to_have_text(str(broken_row))
    expect(cells.nth(1)).to_have_text("jenis")
    expect(cells.nth(2)).to_contain_text("tidak dikenal")
    expect(cells.nth(2)).to_contain_text("hasil-akhir")
    expect(
        page.get_by_role("button", name="Konfirmasi impor", exact=True)
    ).to_have_count(0)
    assert indicator_total(target) == 0
