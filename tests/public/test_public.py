"""The public results: nothing of an unpublished year or a draft score is reachable,
the national map draws every kab/kota with its published predicate's colour, and the
certificate carries the decree and a QR code that leads to the public page.

Kota Salatiga (92,50) and Palu (80,00) are published; Banyumas (70,00) stays
verified in the published year, so its working score must never show.
"""

from __future__ import annotations

import datetime
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.urls import reverse

from public.maps import band_colours
from regions.maps import regency_shapes
from regions.models import Regency
from reporting.models import Assessment
from reporting.services.central import year_publish
from reporting.services.ranking import year_recompute

SVG = "{http://www.w3.org/2000/svg}"
DECREE = "HH-77.HA.01.02 Tahun 2026"


@pytest.fixture
def ready_year(scored_year):
    """Salatiga and Palu final, Banyumas only verified: the year before publication."""
    Assessment.objects.filter(
        catalogue=scored_year, regency_id__in=["33.73", "72.71"]
    ).update(status=Assessment.Status.FINAL)
    return scored_year


@pytest.fixture
def published(ready_year, ministry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        year_publish(
            catalogue=ready_year,
            decree_number=DECREE,
            decree_date=datetime.date(2026, 12, 1),
            actor=ministry,
        )
    year_recompute(catalogue_id=ready_year.pk)
    return ready_year


def public_urls(year: int) -> list[str]:
    return [
        reverse("public:year", args=[year]),
        reverse("public:year", args=[year]) + "?warna=nilai",
        reverse("public:province", args=[year, "33"]),
        reverse("public:province", args=[year, "72"]),
        reverse("public:regency", args=[year, "33.73"]),
        reverse("public:regency", args=[year, "33.02"]),
        reverse("public:regency", args=[year, "72.71"]),
    ]


def test_nothing_is_public_before_publication(client, ready_year):
    listing = client.get(reverse("public:years")).content.decode()
    assert str(ready_year.year) not in listing
    for url in public_urls(ready_year.year):
        assert client.get(url).status_code == 404, url


def test_after_publication_only_published_results_show(client, published):
    year = published.year
    assert str(year) in client.get(reverse("public:years")).content.decode()
    for url in public_urls(year):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert DECREE in page
        # The strict CSP holds: no inline style or script in the maps or pages.
        assert " style=" not in page and "<script>" not in page
        # Banyumas's working total and its rank never reach a public page.
        assert "70,00" not in page, url
    salatiga = client.get(reverse("public:regency", args=[year, "33.73"]))
    assert "92,50" in salatiga.content.decode()
    banyumas = client.get(reverse("public:regency", args=[year, "33.02"]))
    assert "Tidak ada hasil yang diumumkan" in banyumas.content.decode()
    assert (
        client.get(reverse("public:regency", args=[year, "99.99"])).status_code == 404
    )
    assert client.get(reverse("public:year", args=[year + 1])).status_code == 404


def _map(page: str) -> ET.Element:
    start = page.index(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg map-svg"'
    )
    end = page.index("</svg>", start) + len("</svg>")
    return ET.fromstring(page[start:end])  # noqa: S314 - our own page


def test_national_map_draws_every_region_in_its_predicate_colour(client, published):
    page = client.get(reverse("public:year", args=[published.year])).content.decode()
    paths = _map(page).iter(f"{SVG}path")
    fills = {p.get("data-code"): p.get("fill") for p in paths}
    shapes = regency_shapes()
    assert set(fills) == set(shapes.shapes)
    # Every kab/kota has its outline (Kabupaten Sorong from the source's SQL row).
    assert len(fills) == Regency.objects.count() == 514
    assert shapes.missing == ()
    assert "Batas wilayah berikut" not in page
    colours = band_colours(list(published.bands.all()))
    published_scores = dict(
        Assessment.objects.filter(
            catalogue=published, status=Assessment.Status.PUBLISHED
        ).values_list("regency_id", "score__predicate")
    )
    assert set(published_scores) == {"33.73", "72.71"}
    for code, fill in fills.items():
        expected = (
            colours[published_scores[code]] if code in published_scores else "#d9d9d9"
        )
        assert fill == expected, code


def test_certificate_holds_the_decree_and_a_qr_to_the_public_page(
    client_for, published, ministry, regency_staff, tmp_path: Path
):
    url = reverse("public:regency-certificate", args=[published.year, "33.73"])
    assert client_for(regency_staff).get(url).status_code == 403
    response = client_for(ministry).get(url)
    assert response.status_code == 200
    pdf = tmp_path / "piagam.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert DECREE in text
    assert "Kota Salatiga" in text
    assert published.programme_name in " ".join(text.split())
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(tmp_path / "p.png")],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert decoded.endswith(reverse("public:regency", args=[published.year, "33.73"]))
    assert decoded.startswith("http")
    # Banyumas was not published: no certificate.
    banyumas = reverse("public:regency-certificate", args=[published.year, "33.02"])
    assert client_for(ministry).get(banyumas).status_code == 404


def test_pages_follow_the_language_switch(client, published, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("public:year", args=[published.year])).content.decode()
    assert "Published by decree number" in page and "By score" in page
    # The figures keep their published values, in English number format.
    regency = client.get(reverse("public:regency", args=[published.year, "33.73"]))
    assert "92.50" in regency.content.decode()


def test_province_certificate_only_for_a_pembina_province(
    client_for, published, ministry, tmp_path: Path
):
    url = reverse("public:province-certificate", args=[published.year, "72"])
    # One of Sulawesi Tengah's 13 kab/kota has the predicate: below 60 %.
    assert client_for(ministry).get(url).status_code == 404
    type(published).objects.filter(pk=published.pk).update(pembina_min_share=5)
    response = client_for(ministry).get(url)
    assert response.status_code == 200
    pdf = tmp_path / "provinsi.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert DECREE in text and "Sulawesi Tengah" in text


def test_cached_pages_follow_a_rescore_and_a_withdrawn_publication(client, published):
    from django.utils import timezone

    from reporting.models import Publication, Score

    url = reverse("public:regency", args=[published.year, "33.73"])
    assert "92,50" in client.get(url).content.decode()  # now cached
    Score.objects.filter(
        assessment__catalogue=published, assessment__regency_id="33.73"
    ).update(total="91.25", computed_at=timezone.now())
    assert "91,25" in client.get(url).content.decode()
    Publication.objects.filter(catalogue=published).delete()
    assert client.get(url).status_code == 404
    assert client.get(reverse("public:year", args=[published.year])).status_code == 404


def test_a_corrected_aksi_ham_score_shows_on_the_cached_page(
    client, published, ministry
):
    """The kab/kota page shows the data year's Aksi HAM yearly score; the ministry
    corrects a period score and the next visitor sees the corrected one."""
    from decimal import Decimal

    from aksiham.services.scoring import period_score_record
    from tests.cast import aksi_year_closed

    # All three periods closed long before any run of this test.
    _plan, (b04, *_later) = aksi_year_closed(published.data_year)
    salatiga = Regency.objects.get(code="33.73")

    def score_b04(value: int) -> None:
        period_score_record(
            period=b04,
            regency=salatiga,
            substance=Decimal(value),
            administration=Decimal(value),
            note="",
            actor=ministry,
        )

    score_b04(90)
    url = reverse("public:regency", args=[published.year, "33.73"])
    assert "30,00" in client.get(url).content.decode()  # (90 + 0 + 0) / 3, now cached
    score_b04(60)
    body = client.get(url).content.decode()
    assert "20,00" in body and "30,00" not in body


def test_a_renamed_kab_kota_shows_on_the_cached_pages(client, published):
    """Kemendagri renames a kab/kota (the console, or the regions data loaded again):
    the next visitor of the year's pages, already cached, reads the new name."""
    urls = [
        reverse("public:year", args=[published.year]),
        reverse("public:province", args=[published.year, "33"]),
        reverse("public:regency", args=[published.year, "33.73"]),
    ]
    for url in urls:
        assert "Salatiga" in client.get(url).content.decode()  # now cached
    salatiga = Regency.objects.get(code="33.73")
    salatiga.name = "Kota Salatiga Raya"
    salatiga.save()
    for url in urls:
        assert "Kota Salatiga Raya" in client.get(url).content.decode(), url
