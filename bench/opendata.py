"""The read API's list endpoint and the CSV download at national scale: one published
year of 514 kab/kota (each score with a 120-line breakdown document) and an Aksi HAM
year with three period scores per kab/kota. Prints queries and median latency, cold
(the year's cache emptied before every request) and warm."""

from __future__ import annotations

import datetime
import statistics
import time
from decimal import Decimal

from bench.setup import django_for_bench

django_for_bench()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from accounts.services import role_grant  # noqa: E402
from aksiham.models import PeriodScore  # noqa: E402
from bench.data import ROOT  # noqa: E402
from indicators.services import catalogue_copy_to_year, catalogue_open  # noqa: E402
from indicators.transfer import catalogue_import_yaml  # noqa: E402
from regions.models import Regency  # noqa: E402
from regions.services import regions_load  # noqa: E402
from reporting.models import Assessment, Publication, Score  # noqa: E402
from tests.cast import aksi_year_closed  # noqa: E402

REPEAT = 10


def _documents(catalogue, seed: int) -> dict:
    """A score's breakdown and the category scores taken from it."""
    breakdown = _breakdown(catalogue, seed)
    return {
        "breakdown": breakdown,
        "category_scores": [
            {"code": c["code"], "score": c["score"]} for c in breakdown["categories"]
        ],
    }


def _breakdown(catalogue, seed: int) -> dict:
    """A document of the stored shape: every category, type and indicator line."""
    categories = []
    for category in catalogue.categories.order_by("order").prefetch_related(
        "indicators"
    ):
        lines = [
            {
                "code": i.code,
                "status": "accepted",
                "weight": "1",
                "score": str(50 + (seed + n) % 50),
                "points": "2.50",
            }
            for n, i in enumerate(category.indicators.all())
        ]
        categories.append(
            {
                "code": category.code,
                "name": category.name,
                "weight": "1",
                "score": f"{60 + (seed * 7 + len(categories)) % 40}.25",
                "types": [
                    {
                        "type": "hasil",
                        "weight": "60",
                        "points": "40",
                        "indicators": lines,
                    }
                ],
            }
        )
    return {"rule_version": "bench", "categories": categories, "adjustments": []}


def build() -> int:
    regions_load()
    outcome = catalogue_import_yaml(
        content=(ROOT / "fixtures" / "catalogue_sample.yaml").read_bytes(), actor=None
    )
    current = catalogue_open(catalogue=outcome.catalogue, actor=None)
    year = catalogue_open(
        catalogue=catalogue_copy_to_year(
            catalogue=current, year=current.year - 1, actor=None
        ),
        actor=None,
    )
    assessor = User.objects.create_user("bench.pusat", password="bench-sandi-123")
    role_grant(user=assessor, role=Role.ASSESSOR, actor=None)
    codes = list(Regency.objects.values_list("code", flat=True))
    assessments = Assessment.objects.bulk_create(
        Assessment(
            regency_id=code,
            catalogue=year,
            status=Assessment.Status.PUBLISHED,
            deadline=timezone.now(),
        )
        for code in codes
    )
    Score.objects.bulk_create(
        Score(
            assessment=a,
            base_total=Decimal(60 + i % 40),
            total=Decimal(60 + i % 40),
            hasil_points=Decimal(i % 13),
            predicate="Peduli HAM" if 60 + i % 40 >= 75 else "Cukup Peduli HAM",
            earns_award=60 + i % 40 >= 75,
            is_final=True,
            rule_version="bench",
            **_documents(year, i),
        )
        for i, a in enumerate(assessments)
    )
    Publication.objects.create(
        catalogue=year,
        decree_number="BENCH/2025",
        decree_date=datetime.date(year.year, 11, 15),
        published_by=assessor,
    )
    plan, periods = aksi_year_closed(year.data_year)
    PeriodScore.objects.bulk_create(
        PeriodScore(
            period=p,
            regency_id=code,
            plan=plan,
            substance=Decimal(80),
            administration=Decimal(70),
            score=Decimal(75),
            scored_by=assessor,
        )
        for p in periods
        for code in codes
    )
    return year.year


def _queries(client: Client, url: str) -> int:
    seen = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert client.get(url).status_code == 200
    return len(seen)


def measure(client: Client, url: str, *, cold: bool) -> tuple[int, float]:
    if cold:
        cache.clear()
    queries = _queries(client, url)
    times = []
    for _ in range(REPEAT):
        if cold:
            cache.clear()
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    return queries, statistics.median(times)


def main() -> None:
    started = time.perf_counter()
    year = build()
    print(
        f"Open data benchmark ({connection.vendor}, cache {cache.__class__.__name__}): "
        f"{Score.objects.count()} published kab/kota of {year} "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    client = Client()
    pages = [
        (f"/api/v1/years/{year}/results/", "API list endpoint, first page (50 rows)"),
        (
            f"/api/v1/years/{year}/results/?page=11",
            "API list endpoint, last page (14 rows)",
        ),
        (
            f"/api/v1/years/{year}/results/?page_size=600",
            "API list endpoint, all 514 rows",
        ),
        (f"/data/{year}/hasil.csv", "CSV download (514 rows)"),
    ]
    for url, label in pages:
        for cold in (True, False):
            queries, median = measure(client, url, cold=cold)
            state = "cold" if cold else "warm"
            print(f"  {label}, {state}: {queries:2d} queries, median {median:6.1f} ms")


if __name__ == "__main__":
    main()
