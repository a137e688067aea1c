"""The ranking page in pages of 50: ranks run on across pages, filters stay in the
links, and a page costs the same queries for three kab/kota as for the country."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from bench.data import count_queries
from regions.models import Regency
from reporting.models import Assessment, Score

pytestmark = pytest.mark.django_db


def _score_everyone(year) -> None:
    """Every kab/kota finished with a copy of Salatiga's breakdown, totals spread."""
    model = Score.objects.get(assessment__regency_id="33.73")
    taken = set(year.assessments.values_list("regency_id", flat=True))
    deadline = year.assessments.first().deadline
    new = Assessment.objects.bulk_create(
        Assessment(
            regency=regency,
            catalogue=year,
            status=Assessment.Status.VERIFIED,
            deadline=deadline,
        )
        for regency in Regency.objects.exclude(code__in=taken).order_by("code")
    )
    Score.objects.bulk_create(
        Score(
            assessment=assessment,
            base_total=n % 90,
            total=n % 90,
            hasil_points=0,
            predicate=model.predicate,
            earns_award=False,
            rule_version=model.rule_version,
            breakdown=model.breakdown,
        )
        for n, assessment in enumerate(new)
    )


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
        if "page=%d" % (page + 1) not in html:
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
