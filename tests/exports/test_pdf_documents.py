"""Each PDF rendered by WeasyPrint from a small scored year, read back with poppler.

The year (sample catalogue 2026, data year 2025): Kota Salatiga 92.50 (90 + bonus
2.50), Kota Palu 80.00, Kabupaten Banyumas 70.00 (Cukup Peduli HAM, no award).
"""

from __future__ import annotations

import datetime
import io
import re

import pytest
import time_machine
from PIL import Image

from exports.weasy import LocalOnlyFetcher
from indicators.models import Catalogue
from reporting.models import Publication
from tests.exports.pdf import first_page_png, job_path, pdf_text

pytestmark = pytest.mark.django_db

LEGAL = "Peraturan Menteri Hukum dan HAM Nomor 22 Tahun 2021"


# The documents print when they were made: the clock stands in the assessment year.
WIB = datetime.timezone(datetime.timedelta(hours=7))
MADE = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=WIB)


@pytest.fixture(autouse=True)
def _made_on_20_november():
    with time_machine.travel(MADE, tick=True):
        yield


def _pdf(run_export, kind, actor, catalogue, **target) -> str:
    return pdf_text(job_path(run_export(kind, "pdf", actor, catalogue, **target)))


def _row(text: str, *cells: str) -> bool:
    """Whether one line of the text holds these whole cells in this order."""
    pattern = ".*?".join(rf"(?<!\S){re.escape(c)}(?!\S)" for c in cells)
    return any(re.search(pattern, line) for line in text.splitlines())


def _every_page_has_header(text: str, title: str) -> None:
    pages = [p for p in text.split("\f") if p.strip()]
    assert pages
    for number, page in enumerate(pages, start=1):
        assert f"{title} · SEMENTARA" in page
        assert "Tahun penilaian 2026 (data tahun 2025)" in page
        assert LEGAL in page
        assert f"Halaman {number} dari {len(pages)}" in page
        assert re.search(r"Dibuat 20 November 2026 10\.\d\d WIB", page)
        assert "CONTOH — bukan teks resmi Lampiran Permenkumham 22/2021" in page


def test_national_ranking_lists_every_scored_regency_with_totals(
    run_export, scored_year, ministry
):
    text = _pdf(run_export, "ranking_national", ministry, scored_year)
    title = "Peringkat Nasional KKPHAM 2026"
    _every_page_has_header(text, title)
    # The watermark is drawn first on every page.
    assert all(p.startswith("CONTOH\n") for p in text.split("\f") if p.strip())
    assert (
        "Peringkat dihitung dari 3 kabupaten/kota yang verifikasinya selesai; "
        "0 lainnya masih diverifikasi" in text
    )
    tens = ["90,00"] * 10
    assert _row(
        text, "1", "33.73", "Kota Salatiga", "Jawa Tengah", *tens, "92,50", "Peduli HAM"
    )
    assert _row(text, "2", "72.71", "Kota Palu", "Sulawesi Tengah", "80,00", "80,00")
    assert _row(text, "3", "33.02", "Kabupaten Banyumas", "70,00", "Cukup Peduli HAM")
    assert "K09 Hak atas Lingkungan" in text  # the category legend


def test_province_ranking_holds_only_that_province_ranked_within_it(
    run_export, scored_year, verifier
):
    text = _pdf(run_export, "ranking_province", verifier, scored_year, province="33")
    _every_page_has_header(text, "Peringkat KKPHAM 2026 Provinsi Jawa Tengah")
    assert _row(text, "1", "33.73", "Kota Salatiga", "90,00", "92,50", "Peduli HAM")
    assert _row(text, "2", "33.02", "Kabupaten Banyumas", "70,00", "Cukup Peduli HAM")
    assert "Kota Palu" not in text


def test_award_list_groups_awarded_regencies_by_province(
    run_export, scored_year, ministry
):
    text = _pdf(run_export, "award_list", ministry, scored_year)
    _every_page_has_header(text, "Daftar Kabupaten/Kota Peduli HAM 2026")
    assert "seluruh Indonesia: 2 kabupaten/kota berpredikat" in text
    assert text.index("Jawa Tengah") < text.index("Kota Salatiga")
    assert text.index("Kota Salatiga") < text.index("Sulawesi Tengah")
    assert text.index("Sulawesi Tengah") < text.index("Kota Palu")
    assert _row(text, "1", "33.73", "Kota Salatiga", "92,50", "Peduli HAM")
    assert _row(text, "1", "72.71", "Kota Palu", "80,00", "Peduli HAM")
    assert "Banyumas" not in text  # 70.00 earns no award


def test_award_list_of_one_province(run_export, scored_year, foreign_verifier):
    text = _pdf(run_export, "award_list", foreign_verifier, scored_year, province="72")
    assert "Sulawesi Tengah: 1 kabupaten/kota berpredikat" in text
    assert "Kota Palu" in text and "Salatiga" not in text


def test_pembina_list_shows_every_province_and_its_share(
    run_export, scored_year, ministry
):
    text = _pdf(run_export, "pembina_list", ministry, scored_year)
    _every_page_has_header(text, "Daftar Provinsi Pembina KKPHAM 2026")
    assert "sedikitnya 60,00% kabupaten/kotanya berpredikat" in text
    # Jawa Tengah: 35 kab/kota, 2 scored, 1 awarded → 2,86 %; Sulawesi Tengah 13 → 7,69 %
    assert _row(text, "33", "Jawa Tengah", "35", "2", "1", "2,86", "tidak")
    assert _row(text, "72", "Sulawesi Tengah", "13", "1", "1", "7,69", "tidak")
    assert _row(text, "11", "Aceh", "23", "0", "0", "0,00", "tidak")
    assert "0 provinsi pembina." in text


def test_scorecard_explains_categories_indicators_and_the_bonus(
    run_export, scored_year, regency_staff
):
    text = _pdf(run_export, "scorecard", regency_staff, scored_year, regency="33.73")
    _every_page_has_header(text, "Kartu Nilai KKPHAM 2026: Kota Salatiga")
    assert _row(text, "Nilai dasar", "90,00")
    assert _row(text, "Bonus", "2,50", "Nilai Aksi HAM 2025 sebesar 86")
    assert _row(text, "Nilai akhir", "92,50")
    assert _row(text, "K01", "Hak atas Bantuan Hukum", "1,00", "90,00")
    # K01 has three struktur indicators of weight 1: 10 × 90 / 3 / 100 = 3.0000 points each
    assert _row(
        text,
        "K01",
        "K01.S01",
        "Tersedia",
        "struktur",
        "Diterima",
        "90,00",
        "1,00",
        "3,0000",
    )
    indicator_codes = set(re.findall(r"\bK\d\d\.[SPH]\d\d\b", text))
    assert len(indicator_codes) == 120


def test_published_year_prints_final_and_the_decree(run_export, scored_year, ministry):
    Publication.objects.create(
        catalogue=scored_year,
        decree_number="HAM-17.HA.01.02 Tahun 2026",
        decree_date=datetime.date(2026, 11, 15),
        published_by=ministry,
    )
    Catalogue.objects.filter(pk=scored_year.pk).update(is_sample=False)
    scored_year.refresh_from_db()
    text = _pdf(run_export, "ranking_national", ministry, scored_year)
    assert "Peringkat Nasional KKPHAM 2026 · FINAL" in text
    assert "Keputusan HAM-17.HA.01.02 Tahun 2026, 15 November 2026" in text
    assert "SEMENTARA" not in text
    assert not text.startswith("CONTOH")  # no watermark on the real catalogue
    assert "CONTOH — bukan teks resmi Lampiran" not in text


def _first_page_pixels(job, tmp_path) -> tuple[int, int, int]:
    """(width > height, dark pixels, watermark-red pixels) of page 1 at 40 dpi."""
    image = Image.open(io.BytesIO(first_page_png(job_path(job), tmp_path)))
    pixels = list(image.convert("RGB").get_flattened_data())
    dark = sum(1 for r, g, b in pixels if r + g + b < 300)
    reddish = sum(
        1 for r, g, b in pixels if r > 230 and r - g >= 15 and abs(g - b) < 10
    )
    return image.width > image.height, dark, reddish


def test_first_page_renders_to_an_image_with_the_red_watermark(
    run_export, scored_year, ministry, tmp_path
):
    job = run_export("ranking_national", "pdf", ministry, scored_year)
    landscape, dark, reddish = _first_page_pixels(job, tmp_path)
    assert landscape  # A4 landscape
    assert dark > 200  # text was drawn
    assert reddish > 2000  # the watermark covers a large area


def test_no_watermark_on_a_real_catalogue(run_export, scored_year, ministry, tmp_path):
    Catalogue.objects.filter(pk=scored_year.pk).update(is_sample=False)
    scored_year.refresh_from_db()
    job = run_export("scorecard", "pdf", ministry, scored_year, regency="33.73")
    _landscape, dark, reddish = _first_page_pixels(job, tmp_path)
    assert dark > 200
    assert reddish < 100


def test_the_fetcher_refuses_anything_remote():
    fetcher = LocalOnlyFetcher()
    for url in (
        "http://example.com/logo.png",
        "https://example.com/font.woff",
        "file:///etc/passwd",
        "ftp://example.com/x",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,ok") is not None
