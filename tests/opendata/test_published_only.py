"""Open data and the API show published results only, exactly as the ranking has them."""

from __future__ import annotations

import csv
import io
import json
from types import SimpleNamespace

import pytest
from django.urls import reverse

from opendata import selectors
from opendata.models import DataSettings
from reporting.exports.documents import ranking_national
from reporting.models import Publication, Score
from tests.opendata.conftest import UNPUBLISHED_TOTAL, aksi_year, publish

pytestmark = pytest.mark.django_db


def _csv(client, year: int) -> list[dict[str, str]]:
    response = client.get(reverse("opendata:results-csv", args=[year]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def _api_urls(published: int, unpublished: int) -> list[str]:
    urls = [
        reverse("api:year-list"),
        f"{reverse('api:region-list')}?page_size=600",
        reverse("api:schema"),
        reverse("opendata:index"),
    ]
    for year in (published, unpublished):
        urls += [
            reverse("api:year-detail", args=[year]),
            f"{reverse('api:result-list', args=[year])}?page_size=600",
            reverse("opendata:results-csv", args=[year]),
            reverse("opendata:results-json", args=[year]),
            reverse("opendata:metadata", args=[year]),
        ]
        for code in ("33.73", "72.71", "33.02"):
            urls.append(reverse("api:result-detail", args=[year, code]))
    for code in ("33.73", "72.71", "33.02"):
        urls.append(reverse("api:region-detail", args=[code]))
    return urls


def test_no_response_shows_an_unpublished_year_or_a_draft_score(
    client, published_year, unpublished_year
):
    year, hidden = published_year.year, unpublished_year.year
    banyumas_draft = str(
        Score.objects.get(
            assessment__catalogue=published_year, assessment__regency_id="33.02"
        ).total
    )
    assert banyumas_draft == "70.00"
    seen = 0
    for url in _api_urls(year, hidden):
        response = client.get(url)
        body = response.content.decode()
        if str(hidden) in url:
            assert response.status_code == 404, url
            continue
        assert response.status_code in (200, 404), url
        assert UNPUBLISHED_TOTAL not in body, url
        assert banyumas_draft not in body, url
        assert f'"year":{hidden}' not in body.replace(" ", ""), url
        assert f"{hidden}/" not in body, url
        seen += response.status_code == 200
    assert seen >= 12
    # Banyumas, verified but not in the decree, is no result of the year.
    assert (
        client.get(reverse("api:result-detail", args=[year, "33.02"])).status_code
        == 404
    )
    banyumas = client.get(reverse("api:region-detail", args=["33.02"])).json()
    assert banyumas["name"] == "Kabupaten Banyumas" and banyumas["results"] == []
    salatiga = client.get(reverse("api:region-detail", args=["33.73"])).json()
    assert [r["year"] for r in salatiga["results"]] == [year]


def test_an_unpublished_year_answers_404_in_both_languages(client, unpublished_year):
    url = reverse("api:year-detail", args=[unpublished_year.year])
    assert client.get(url).json() == {"detail": "Hasil tahun ini belum diumumkan."}
    client.cookies["django_language"] = "en"
    assert client.get(url).json() == {
        "detail": "This year's results are not published yet."
    }
    years = client.get(reverse("api:year-list")).json()
    assert years == []


def test_the_csv_equals_the_published_ranking(client, scored_year, ministry):
    """Every finished kab/kota published: the CSV is the ranking export, row by row."""
    publish(scored_year, ministry, ["33.73", "72.71", "33.02"])
    document = ranking_national(SimpleNamespace(catalogue=scored_year))
    (table,) = document.tables
    categories = [code for code, _name in document.context["categories"]]
    expected = []
    for rank, code, name, province, *rest in table.rows:
        per_category, (total, _hasil, _returned, predicate) = rest[:-4], rest[-4:]
        expected.append(
            {
                "peringkat_nasional": str(rank),
                "kode": code,
                "nama": name,
                "provinsi": province,
                **{
                    c: f"{v:.2f}" for c, v in zip(categories, per_category, strict=True)
                },
                "nilai_akhir": f"{total:.2f}",
                "predikat": predicate,
            }
        )
    rows = _csv(client, scored_year.year)
    assert [{k: row[k] for k in expected[0]} for row in rows] == expected
    assert [r["kode"] for r in rows] == ["33.73", "72.71", "33.02"]
    assert rows[0]["nilai_akhir"] == "92.50" and rows[0]["peringkat_provinsi"] == "1"
    assert rows[2]["peringkat_provinsi"] == "2"  # Banyumas after Salatiga in 33
    listed = client.get(
        reverse("api:result-list", args=[scored_year.year]), {"page_size": 600}
    ).json()["results"]
    assert [(r["code"], r["total"], r["national_rank"]) for r in listed] == [
        (r["kode"], r["nilai_akhir"], int(r["peringkat_nasional"])) for r in rows
    ]
    download = json.loads(
        client.get(reverse("opendata:results-json", args=[scored_year.year])).content
    )
    assert download["hasil"] == rows


def test_ranks_count_the_published_kab_kota_only(client, published_year):
    rows = _csv(client, published_year.year)
    assert [(r["kode"], r["peringkat_nasional"]) for r in rows] == [
        ("33.73", "1"),
        ("72.71", "2"),
    ]


def test_aksi_ham_score_is_the_yearly_score_of_the_data_year(
    client, scored_year, unpublished_year, ministry
):
    # Salatiga scored in all three periods; Palu only in B04 (zero for the others,
    # the sample plan's rule); Banyumas never.
    aksi_year(scored_year.data_year, {"33.73": [80, 90, 85], "72.71": [60]}, ministry)
    publish(scored_year, ministry, ["33.73", "72.71", "33.02"])
    rows = {r["kode"]: r["nilai_aksi_ham"] for r in _csv(client, scored_year.year)}
    assert rows == {"33.73": "85.00", "72.71": "20.00", "33.02": ""}


def test_metadata_comes_from_the_year_settings(client, published_year, settings):
    url = reverse("opendata:metadata", args=[published_year.year])
    meta = json.loads(client.get(url).content)
    assert meta["walidata"] is None
    assert meta["produsen_data"] == published_year.ministry_name
    assert meta["lisensi"]["nama"] == settings.OPEN_DATA_LICENCE_NAME
    assert meta["dasar_hukum_program"] == published_year.legal_basis_short
    assert meta["keputusan"]["nomor"] == f"UJI-{published_year.year}/HAM"
    assert meta["jumlah_baris"] == 2 and meta["contoh"] is published_year.is_sample
    assert meta["dibuat_pada"].endswith("+07:00")
    DataSettings.objects.create(
        catalogue=published_year,
        data_steward="Pusat Data dan Informasi Uji",
        data_producer="Direktorat Uji",
        licence_name="Lisensi Uji 1.0",
        licence_url="https://lisensi.invalid/1.0",
        legal_basis="Peraturan Uji 13/2025",
    )
    meta = json.loads(client.get(url).content)
    assert meta["walidata"] == "Pusat Data dan Informasi Uji"
    assert meta["produsen_data"] == "Direktorat Uji"
    assert meta["lisensi"] == {
        "nama": "Lisensi Uji 1.0",
        "url": "https://lisensi.invalid/1.0",
    }
    assert meta["dasar_hukum"] == "Peraturan Uji 13/2025"
    detail = client.get(reverse("api:year-detail", args=[published_year.year])).json()
    assert detail["metadata"]["data_steward"] == "Pusat Data dan Informasi Uji"
    page = client.get(reverse("opendata:index")).content.decode()
    assert "Pusat Data dan Informasi Uji" in page and "Lisensi Uji 1.0" in page
    assert reverse("opendata:results-csv", args=[published_year.year]) in page


def test_the_cache_follows_publishing_and_rescoring(
    client, scored_year, ministry, django_assert_num_queries
):
    url = f"{reverse('api:result-list', args=[scored_year.year])}?page_size=600"
    assert client.get(url).status_code == 404
    publish(scored_year, ministry, ["33.73"])
    assert [r["code"] for r in client.get(url).json()["results"]] == ["33.73"]
    with django_assert_num_queries(1):  # the year and its cache key; rows cached
        assert client.get(url).status_code == 200
    # A later rescore of a published row (the recompute queued by the publish).
    Score.objects.filter(assessment__regency_id="33.73").update(
        total="91.00", computed_at=published_now()
    )
    assert client.get(url).json()["results"][0]["total"] == "91.00"
    catalogue = selectors.published_year(scored_year.year)
    assert selectors.year_results(catalogue)[0].total == 91
    # A publication withdrawn: the cached rows are never reached again.
    Publication.objects.filter(catalogue=scored_year).delete()
    assert client.get(url).status_code == 404
    csv_url = reverse("opendata:results-csv", args=[scored_year.year])
    assert client.get(csv_url).status_code == 404


def published_now():
    from kernel import clock

    return clock.now()


def test_a_corrected_aksi_ham_score_reaches_the_cached_csv(
    client, scored_year, unpublished_year, ministry
):
    from decimal import Decimal

    from aksiham.models import Period
    from aksiham.services.scoring import period_score_record
    from regions.models import Regency

    aksi_year(scored_year.data_year, {"33.73": [80, 90, 85]}, ministry)
    publish(scored_year, ministry, ["33.73", "72.71"])
    rows = {r["kode"]: r["nilai_aksi_ham"] for r in _csv(client, scored_year.year)}
    assert rows["33.73"] == "85.00"  # and cached
    period_score_record(
        period=Period.objects.get(year=scored_year.data_year, code="B04"),
        regency=Regency.objects.get(code="33.73"),
        substance=Decimal(50),
        administration=Decimal(50),
        note="Koreksi",
        actor=ministry,
    )
    rows = {r["kode"]: r["nilai_aksi_ham"] for r in _csv(client, scored_year.year)}
    assert rows["33.73"] == "75.00"  # (50 + 90 + 85) / 3


def test_a_renamed_kab_kota_reaches_the_cached_api_and_csv(
    client, scored_year, ministry, tmp_path
):
    """The regions data loaded again with a new name (as after a Kemendagri update):
    the cached rows are built again with it."""
    import json

    from django.conf import settings

    from regions.services import regions_load

    publish(scored_year, ministry, ["33.73"])
    url = f"{reverse('api:result-list', args=[scored_year.year])}?page_size=600"
    assert client.get(url).json()["results"][0]["name"] == "Kota Salatiga"  # cached
    assert _csv(client, scored_year.year)[0]["nama"] == "Kota Salatiga"
    data = json.loads(
        (settings.BASE_DIR / "fixtures" / "regions.json").read_text("utf-8")
    )
    for row in data["regencies"]:
        if row["code"] == "33.73":
            row["name"] = "Kota Salatiga Raya"
    renamed = tmp_path / "regions.json"
    renamed.write_text(json.dumps(data), "utf-8")
    regions_load(regions_path=renamed)
    assert client.get(url).json()["results"][0]["name"] == "Kota Salatiga Raya"
    assert _csv(client, scored_year.year)[0]["nama"] == "Kota Salatiga Raya"
