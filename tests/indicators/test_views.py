from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LABEL = "CONTOH — bukan teks resmi Lampiran Permenkumham 22/2021"


def test_every_catalogue_page_carries_the_sample_label(
    client_for, operator, open_catalogue
):
    client = client_for(operator)
    for url in (
        reverse("indicators:catalogue-list"),
        reverse("indicators:catalogue-detail", args=[2026]),
        reverse("indicators:indicator-detail", args=[2026, "K06.H04"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert LABEL in response.content.decode(), url


def test_browse_by_category_and_type(client_for, operator, open_catalogue):
    url = reverse("indicators:catalogue-detail", args=[2026])
    response = client_for(operator).get(url, {"kategori": "K06", "jenis": "hasil"})
    codes = [i.code for _cat, items in response.context["grouped"] for i in items]
    assert codes
    assert all(code.startswith("K06.H") for code in codes)


def test_search_finds_text_and_shows_expected_evidence(
    client_for, operator, open_catalogue
):
    url = reverse("indicators:catalogue-detail", args=[2026])
    response = client_for(operator).get(url, {"q": "stunting"})
    body = response.content.decode()
    assert response.context["count"] >= 1
    assert "Data dukung" in body
    assert "K06.H04" in body


def test_drafts_are_hidden_from_everyone_but_administrators(
    client_for, operator, administrator, sample_catalogue
):
    url = reverse("indicators:catalogue-detail", args=[2026])
    assert client_for(operator).get(url).status_code == 404
    assert client_for(administrator).get(url).status_code == 200


def test_catalogue_pages_need_login(client, open_catalogue):
    assert client.get(reverse("indicators:catalogue-list")).status_code == 302
