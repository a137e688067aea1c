"""Dashboards in a real browser: the ministry's national charts, a Kanwil's province only.

Data: the sample catalogue opened as 2026 for the demo kab/kota, plus the demo's five
past sample years (``reporting.demo_history``) with their streaks.
Screenshots: tests/artifacts/dashboards-<n>.png.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.browser.helpers import import_sample_catalogue, shot, sign_in_home, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

JOURNEY = "dashboards"


@pytest.fixture
def history(demo_cast) -> None:
    from indicators.services import catalogue_open
    from reporting.demo_history import demo_history_load
    from reporting.services.assessments import assessments_open

    catalogue = catalogue_open(catalogue=import_sample_catalogue(), actor=None)
    assessments_open(
        catalogue=catalogue,
        deadline=timezone.now() + timedelta(days=30),
        actor=None,
        regency_codes=["33.73", "33.02", "72.71", "18.72"],
    )
    assert demo_history_load(publisher=User.objects.get(username="demo.kementerian"))


def open_dashboard(page: Page) -> None:
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Dasbor"
    ).click()


def test_ministry_sees_national_charts_and_kanwil_only_its_province(
    page: Page, live_server, history
) -> None:
    base = live_server.url
    sign_in_home(page, base, "demo.kementerian")
    open_dashboard(page)
    expect(page).to_have_url(base + "/dasbor/nasional/")
    expect(page.get_by_role("heading", name="Dasbor nasional", level=1)).to_be_visible()
    expect(page.locator(".sample-notice").first).to_contain_text("CONTOH")

    # Its bars link to the provinces: a named group of links, not an image.
    progress = page.get_by_role("group", name="Kemajuan penilaian per provinsi")
    expect(progress).to_be_visible()
    expect(progress.locator("rect[data-series]")).to_have_count(3)
    # The same numbers as a table, for screen readers (and printouts).
    table = page.get_by_role(
        "table", name="Data grafik: Kemajuan penilaian per provinsi"
    )
    expect(table.get_by_role("row", name="Jawa Tengah")).to_contain_text("2 (100,0%)")
    expect(page.get_by_role("img", name="Sebaran predikat")).to_be_visible()
    # On screen the table is visually hidden (1 px); printed, it takes its full width.
    wrapper = page.locator("#progres-provinsi .chart-data")
    assert wrapper.bounding_box()["width"] <= 1
    page.emulate_media(media="print")
    assert wrapper.bounding_box()["width"] > 300
    page.emulate_media(media="screen")
    streaks = page.locator("#streaks")
    # Five years in a row, equal streaks in Kemendagri code order.
    expect(streaks.locator("tbody tr").first).to_contain_text("Kota Metro")
    expect(streaks.locator("tbody tr").first).to_contain_text("2021–2025")
    expect(streaks).to_contain_text("Kota Depok")
    shot(page, JOURNEY, 1)

    # A past year: the Jawa Tengah bar leads to its province page.
    page.get_by_label("Tahun penilaian").select_option("2025")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(base + "/dasbor/nasional/?tahun=2025")
    page.locator('svg a[href="/dasbor/provinsi/33/?tahun=2025"]').click()
    expect(page.get_by_role("heading", name="Dasbor Jawa Tengah")).to_be_visible()
    expect(page.get_by_role("group", name="Nilai per kabupaten/kota")).to_be_visible()
    sign_out(page, base)

    sign_in_home(page, base, "demo.kanwil.jateng")
    open_dashboard(page)
    # The Kanwil's own dashboard: the provinces its office covers today.
    expect(page).to_have_url(base + "/dasbor/kanwil/jateng/")
    covered = page.locator("#office-provinces").locator("..")
    expect(covered).to_contain_text("Daerah Istimewa Yogyakarta")
    covered.get_by_role("link", name="Jawa Tengah", exact=True).click()
    expect(page).to_have_url(base + "/dasbor/provinsi/33/")
    regencies = page.locator("#regencies")
    expect(regencies).to_contain_text("Kota Salatiga")
    expect(regencies).to_contain_text("Kabupaten Banyumas")
    main = page.locator("main")
    expect(main).not_to_contain_text("Kota Palu")
    expect(main).not_to_contain_text("Kota Metro")
    expect(
        page.get_by_role("group", name="Kemajuan jawaban per kabupaten/kota")
    ).to_be_visible()
    shot(page, JOURNEY, 2)
    assert page.goto(base + "/dasbor/provinsi/72/").status == 404
    assert page.goto(base + "/dasbor/nasional/").status == 403
    assert page.goto(base + "/dasbor/wilayah/72.71/").status == 404

    page.goto(base + "/dasbor/wilayah/33.73/")
    expect(page.get_by_role("group", name="Nilai dari tahun ke tahun")).to_be_visible()
    expect(page.locator("#streak")).to_contain_text("Berpredikat pada 2025.")
    shot(page, JOURNEY, 3)
