"""The public national results page at national scale: 514 kab/kota published.

Prints queries and median time of the national page (and a province and a kab/kota
page), cold (cache emptied before each request) and warm.
"""

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
from bench.data import ROOT, count_queries  # noqa: E402
from indicators.services import catalogue_open  # noqa: E402
from indicators.transfer import catalogue_import_yaml  # noqa: E402
from regions.models import Regency  # noqa: E402
from regions.services import regions_load  # noqa: E402
from reporting.models import Assessment, Score  # noqa: E402
from reporting.services.central import year_publish  # noqa: E402

BANDS = [(90, "Sangat Peduli"), (75, "Peduli"), (0, "Kurang Peduli")]


def build() -> int:
    regions_load()
    outcome = catalogue_import_yaml(
        content=(ROOT / "fixtures" / "catalogue_sample.yaml").read_bytes(), actor=None
    )
    catalogue = catalogue_open(catalogue=outcome.catalogue, actor=None)
    codes = list(Regency.objects.values_list("code", flat=True))
    assessments = Assessment.objects.bulk_create(
        Assessment(
            regency_id=code,
            catalogue=catalogue,
            status=Assessment.Status.FINAL,
            deadline=timezone.now(),
        )
        for code in codes
    )
    bands = list(catalogue.bands.order_by("-min_score"))
    scores = []
    for i, a in enumerate(assessments):
        total = Decimal(40 + (i * 37) % 60)
        band = next(b for b in bands if total >= b.min_score)
        scores.append(
            Score(
                assessment=a,
                base_total=total,
                total=total,
                hasil_points=Decimal(0),
                predicate=band.label,
                earns_award=band.earns_award,
                is_final=True,
                rule_version="bench",
                breakdown={"categories": []},
            )
        )
    Score.objects.bulk_create(scores)
    ministry = User.objects.create_user("bench.pusat", password="bench-sandi-123")
    role_grant(user=ministry, role=Role.ASSESSOR, actor=None)
    year_publish(
        catalogue=catalogue,
        decree_number="BENCH-1/2026",
        decree_date=datetime.date(2026, 12, 1),
        actor=ministry,
    )
    return catalogue.year


def timed(client: Client, url: str, *, cold: bool, repeat: int) -> tuple[int, float]:
    if cold:
        cache.clear()
    queries = count_queries(client, url)
    times = []
    for _ in range(repeat):
        if cold:
            cache.clear()
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    return queries, statistics.median(times)


def main() -> None:
    started = time.perf_counter()
    year = build()
    print(
        f"Public results benchmark ({connection.vendor}): {Regency.objects.count()} "
        f"kab/kota published (built in {time.perf_counter() - started:.1f} s)"
    )
    client = Client()
    pages = [
        (f"/hasil/{year}/", "public national page (514 shapes)"),
        (f"/hasil/{year}/provinsi/33/", "public province page (35 kab/kota)"),
        (f"/hasil/{year}/kabkota/33.73/", "public kab/kota page"),
    ]
    for url, label in pages:
        size = len(client.get(url).content)
        for cold in (True, False):
            queries, median = timed(client, url, cold=cold, repeat=5 if cold else 20)
            state = "cold" if cold else "warm"
            print(
                f"  {label}, {state}: {queries:3d} queries, median {median:7.1f} ms"
                f" ({size // 1024} KB)"
            )


if __name__ == "__main__":
    main()
