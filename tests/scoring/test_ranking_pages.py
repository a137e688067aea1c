"""The ranking page in pages of 50: ranks run on across pages, filters stay in the
links, and a page costs the same queries for three kab/kota as for the country."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from bench.data import count_queries
from tests.cast import every_kab_kota_scored

pytestmark = pytest.mark.django_db


def _score_everyone(year) -> None:
    """Every kab/kota finished, totals spread (0-89)."""
    every_kab_kota_scored(year, total=lambda n: n % 90)


def _ranks(html: str) -> list[int]:
    body = html.split('id="ranking"', 1)[1].split("</table>", 1)[0]
    return [int(n) for n in re.findall(r"<tr><td>(\d+)</td>", body)]


def test_ranks_run_on_from_page_to_page_and_every_kab_kota_is_listed(
    scored_year, ministry, client_for
):
    _score_everyone(scored_year)
    client = client_for(ministry)
    url = reverse("reporting:ranking", args=[scored_year.year])
    seen: list[int] = []
    page = 1
    while True:
        html = client.get(url, {"page": page}).content.decode()
        seen += _ranks(html)
        if f"page={page + 1}" not in html:
            break
        page += 1
    assert seen == list(range(1, 515))
    assert page == 11  # 50 a page


def test_the_filters_stay_in_the_page_links(scored_year, ministry, client_for):
    _score_everyone(scored_year)
    url = reverse("reporting:ranking", args=[scored_year.year])
    client = client_for(ministry)
    html = client.get(url, {"top": "120", "provinsi": ""}).content.decode()
    assert "top=120&amp;provinsi=&amp;page=2" in html
    last = client.get(url, {"top": "120", "page": "3"}).content.decode()
    assert _ranks(last) == list(range(101, 121))
    assert "top=120&amp;page=2" in last and "page=4" not in last


def test_a_page_costs_the_same_queries_for_three_kab_kota_as_for_the_country(
    scored_year, ministry, client_for
):
    client = client_for(ministry)
    url = reverse("reporting:ranking", args=[scored_year.year])
    client.get(url)
    few = count_queries(client, url)
    _score_everyone(scored_year)
    assert count_queries(client, url) == few
    assert count_queries(client, url + "?page=11") == few
