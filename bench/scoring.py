"""National recompute: 514 kab/kota × 120 answers through the service, against one SQL
aggregate that computes the same totals. Run with `make bench`; PostgreSQL via
BENCH_DATABASE_URL (the SQL cross-check needs it)."""

from __future__ import annotations

import datetime
import gc
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from bench.setup import django_for_bench

django_for_bench()

from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.db.models.functions import Mod  # noqa: E402
from django.utils import timezone  # noqa: E402

from indicators.services import catalogue_open  # noqa: E402
from indicators.transfer import catalogue_import_yaml  # noqa: E402
from regions.services import regions_load  # noqa: E402
from reporting.models import Answer, Assessment, Score  # noqa: E402
from reporting.services.assessments import assessments_open  # noqa: E402
from reporting.services.ranking import year_recompute  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

SQL = """
WITH ind AS (
  SELECT a.assessment_id, i.category_id, i.type, i.weight,
         CASE WHEN a.status = 'accepted' THEN COALESCE(a.score, 0) ELSE 0 END AS s
  FROM reporting_answer a
  JOIN indicators_indicator i ON i.id = a.indicator_id
  JOIN reporting_assessment r ON r.id = a.assessment_id
  WHERE r.catalogue_id = %(catalogue)s AND r.status <> 'draft'
), t AS (
  SELECT assessment_id, category_id, type,
         CASE type WHEN 'struktur' THEN %(ws)s WHEN 'proses' THEN %(wp)s ELSE %(wh)s END AS wt,
         SUM(weight * s) / (100 * SUM(weight)) AS frac
  FROM ind GROUP BY assessment_id, category_id, type
), c AS (
  -- numeric division keeps ~20 digits, so an exact x.xx5 (e.g. from thirds) can come
  -- out as x.xx4999...; the service rounds exact fractions. Adding 1e-15 (far below
  -- any real gap between scores) makes SQL round the same way.
  SELECT assessment_id, category_id,
         ROUND(100 * SUM(wt * frac) / SUM(wt) + 0.000000000000001, 2) AS cs
  FROM t GROUP BY assessment_id, category_id
)
SELECT c.assessment_id, ROUND(SUM(cat.weight * c.cs) / SUM(cat.weight), 2)
FROM c JOIN indicators_category cat ON cat.id = c.category_id
GROUP BY c.assessment_id
"""


def build() -> int:
    regions_load()
    outcome = catalogue_import_yaml(
        content=(ROOT / "fixtures" / "catalogue_sample.yaml").read_bytes(), actor=None
    )
    catalogue = catalogue_open(catalogue=outcome.catalogue, actor=None)
    assessments_open(
        catalogue=catalogue,
        actor=None,
        deadline=timezone.now() + datetime.timedelta(days=30),
    )
    # Every answer accepted with a spread of scores 0-100 (deterministic), a few not.
    Answer.objects.update(status=Answer.Status.ACCEPTED, score=Mod(F("id") * 37, 101))
    Answer.objects.filter(
        id__in=Answer.objects.filter(indicator__code__endswith="H04").values("id")
    ).update(status=Answer.Status.RETURNED, score=None)
    Assessment.objects.update(status=Assessment.Status.VERIFIED)
    return catalogue.pk


def main() -> None:
    started = time.perf_counter()
    catalogue_id = build()
    print(
        f"Scoring benchmark ({connection.vendor}): "
        f"{Assessment.objects.count()} kab/kota × "
        f"{Answer.objects.count() // max(Assessment.objects.count(), 1)} answers "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    from indicators.models import Catalogue as _Catalogue
    from reporting.scoring import YearRules
    from reporting.services.ranking import UNSCORED, _results_for

    catalogue = _Catalogue.objects.get(pk=catalogue_id)
    scored = list(catalogue.assessments.exclude(status__in=UNSCORED))
    settle()
    # The first recompute of the year inserts every row; the runs after it replace
    # them, as the nightly and requested recomputes do. Each run loads the year's
    # rules afresh (nothing is carried between runs but the process).
    first = timed(lambda: year_recompute(catalogue_id=catalogue_id))
    service = runs(lambda: year_recompute(catalogue_id=catalogue_id))
    compute_only = runs(lambda: _results_for(YearRules.load(catalogue), scored))
    weights = catalogue.type_weights()
    params = {
        "catalogue": catalogue_id,
        "ws": weights["struktur"],
        "wp": weights["proses"],
        "wh": weights["hasil"],
    }
    print(f"  first recompute of the year (every row inserted): {first:.2f} s")
    if connection.vendor != "postgresql":
        print(f"  full national recompute (service): {figure(service)}")
        print(f"  compute only (nothing stored): {figure(compute_only)}")
        print("  SQL aggregate cross-check: needs PostgreSQL (BENCH_DATABASE_URL)")
        return

    def aggregate_query() -> dict[int, Decimal]:
        with connection.cursor() as cursor:
            cursor.execute(SQL, params)
            return {row[0]: Decimal(row[1]) for row in cursor.fetchall()}

    def disagreements() -> tuple[int, list[int]]:
        sql_totals = aggregate_query()
        service_totals = dict(Score.objects.values_list("assessment_id", "base_total"))
        return len(service_totals), [
            pk for pk, total in service_totals.items() if sql_totals.get(pk) != total
        ]

    compared, mismatches = disagreements()
    aggregate = runs(aggregate_query)
    changed = changed_runs(lambda: year_recompute(catalogue_id=catalogue_id))
    aggregate_changed = runs(aggregate_query)
    compared_changed, mismatches_changed = disagreements()
    print(
        "  full national recompute (service, incl. storing 514 breakdowns and ranks): "
        f"{figure(service)}"
    )
    print(f"  one SQL aggregate of the same totals: {figure(aggregate)}")
    print(
        "  compute only (same queries + Decimal loop, nothing stored): "
        f"{figure(compute_only)}"
    )
    print(
        "  recompute after every kab/kota's scores changed (514 new breakdowns): "
        f"{figure(changed)}; SQL aggregate then: {figure(aggregate_changed)}"
    )
    sql = statistics.median(aggregate)
    print(
        "  ratio full recompute / SQL (medians): "
        f"{statistics.median(service) / sql:.2f}x; after every score changed: "
        f"{statistics.median(changed) / statistics.median(aggregate_changed):.2f}x; "
        f"compute only / SQL: {statistics.median(compute_only) / sql:.2f}x"
    )
    print(
        f"  totals compared: {compared}, disagreements: {len(mismatches)}; "
        f"after the changes: {compared_changed}, {len(mismatches_changed)}"
    )
    ranking_page(catalogue)
    for pk in [*mismatches, *mismatches_changed][:5]:
        print(f"    assessment {pk}: the service's total and SQL's differ")


RUNS = 5


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def runs(run: Callable[[], object]) -> list[float]:
    """``RUNS`` timings after one run that warms the process, each started on a
    collected heap: a full pass of Python's cycle collector costs what the whole
    process holds, whichever task's allocation happens to set it off."""
    run()
    times = []
    for _ in range(RUNS):
        gc.collect()
        times.append(timed(run))
    return times


def changed_runs(run: Callable[[], object]) -> list[float]:
    """Like ``runs``, but before each run every accepted answer's score moves by one
    point (not timed): each run computes and stores 514 new breakdowns."""

    def change() -> None:
        Answer.objects.filter(status=Answer.Status.ACCEPTED).update(
            score=Mod(F("score") + 1, 101)
        )
        settle()

    change()
    run()
    times = []
    for _ in range(RUNS):
        change()
        gc.collect()
        times.append(timed(run))
    return times


def settle() -> None:
    """On PostgreSQL, the answers and scores tables vacuumed and analysed, as
    autovacuum leaves them after a batch of writes: every figure is taken on a
    settled table, not on one carrying the dead rows of the last change."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE reporting_answer, reporting_score")


def figure(seconds: list[float]) -> str:
    return (
        f"median {statistics.median(seconds) * 1000:.0f} ms "
        f"(best {min(seconds) * 1000:.0f} ms, {len(seconds)} runs)"
    )


def ranking_page(catalogue) -> None:
    """The national ranking page of the 514 kab/kota as the ministry sees it."""
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Role, User
    from accounts.services import role_grant
    from bench.data import figures

    user = User.objects.create(username="bench-assessor")
    role_grant(user=user, role=Role.ASSESSOR, actor=None)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("reporting:ranking", args=[catalogue.year])
    queries, median = figures(client, url, repeat=15)
    last_queries, last_median = figures(client, url + "?page=11", repeat=15)
    print(
        f"  national ranking page, {Score.objects.count()} kab/kota: {queries} queries, "
        f"median {median:.1f} ms (last page: {last_queries} queries, "
        f"{last_median:.1f} ms)"
    )


if __name__ == "__main__":
    main()
