"""Rescores under real workers: one `score_assessment` at 100 and at 514 scored
kab/kota (it must not grow with the country), and 100 rescores queued at once, as 100
accepts would, drained by a worker of 1 and of 4 processes (time, failures, stale
totals left). Run with `make bench` (or `python -m bench.rescores`); PostgreSQL via
BENCH_DATABASE_URL, Redis via BENCH_REDIS_URL (the filesystem broker otherwise).
"""

from __future__ import annotations

import os
import statistics
import time

os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
if os.environ.get("BENCH_REDIS_URL"):
    os.environ["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
else:
    os.environ.pop("REDIS_URL", None)

# Importing bench.scoring starts Django on a throw-away database.
import bench.scoring

build = bench.scoring.build

from django.db import connection, transaction  # noqa: E402

from indicators.models import Catalogue  # noqa: E402
from outbox.models import OutboxTask  # noqa: E402
from portal.celery import app  # noqa: E402
from reporting.models import Assessment  # noqa: E402
from reporting.services import ranking  # noqa: E402
from tests.workers import new_queue, start_worker, stop_worker, wait_for  # noqa: E402

RESCORES = 100


def one_rescore_ms(assessment_id: int, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        ranking.score_assessment(assessment_id=assessment_id)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def drain(catalogue: Catalogue, assessment_ids: list[int], processes: int) -> str:
    queue = new_queue()
    app.conf.update(task_default_queue=queue)
    worker = start_worker(queue, processes=processes)
    try:
        # The worker is up when it answers a ping; only then start the clock.
        wait_for(lambda: bool(app.control.ping(timeout=0.5)), 60)
        start = time.perf_counter()
        with transaction.atomic():
            for pk in assessment_ids:
                ranking.rescore_request(pk)
        done = wait_for(
            lambda: (
                not OutboxTask.objects.exists()
                and not ranking.stale_scores(catalogue).exists()
            ),
            600,
        )
        elapsed = time.perf_counter() - start
    finally:
        log = stop_worker(worker, echo=False)
    failures = log.count(" ERROR") + log.lower().count("deadlock")
    left = ranking.stale_scores(catalogue).count()
    return f"{elapsed:.1f} s, {failures} failures, {left} stale totals left" + (
        "" if done else " (gave up waiting)"
    )


def main() -> None:
    catalogue = Catalogue.objects.get(pk=build())
    ranking.year_recompute(catalogue_id=catalogue.pk)
    ids = list(catalogue.assessments.order_by("pk").values_list("pk", flat=True))
    print(
        f"Rescore benchmark ({connection.vendor}, broker "
        f"{app.conf.broker_url.split(':')[0]}): {len(ids)} kab/kota scored"
    )
    # Fewer kab/kota: drop scores beyond the first 100 (their assessments stay draft).
    print(f"  score_assessment at {len(ids)} kab/kota: {one_rescore_ms(ids[0]):.0f} ms")
    Assessment.objects.filter(pk__in=ids[100:]).update(status=Assessment.Status.DRAFT)
    ranking.year_recompute(catalogue_id=catalogue.pk)
    print(f"  score_assessment at 100 kab/kota: {one_rescore_ms(ids[0]):.0f} ms")
    Assessment.objects.filter(pk__in=ids[100:]).update(
        status=Assessment.Status.VERIFIED
    )
    ranking.year_recompute(catalogue_id=catalogue.pk)
    for processes in (1, 4):
        print(
            f"  {RESCORES} rescores queued at once, worker of {processes} process"
            f"{'es' if processes > 1 else ''}: "
            f"{drain(catalogue, ids[:RESCORES], processes)}"
        )


if __name__ == "__main__":
    main()
