"""The national ranking PDF (514 rows) in one process and in parts on a worker of 2
processes (goal ≤ 2 s wall from the request to the merged file). Run with `make bench`
(or `python -m bench.pdf_parts`); PostgreSQL via BENCH_DATABASE_URL, Redis via
BENCH_REDIS_URL (parts need Redis: without it only the one-process figure is printed).

One process: `export_run` in this process with EXPORT_PDF_PARTS=1 (document, PDF,
storage). In parts: BENCH_REDIS_URL's database must not be one a test run uses at the
same time (a test's cache.clear() empties it, chord counters included). The job is
requested as a person would and the clock stops when
the worker marks it done (the document built, the parts rendered at once by the two
pool processes, merged and stored). Each after one warm-up run, best and median of 3.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time

os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
if os.environ.get("BENCH_REDIS_URL"):
    os.environ["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
else:
    os.environ.pop("REDIS_URL", None)

# Importing bench.scoring starts Django on a throw-away database.
import bench.scoring

build = bench.scoring.build

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from accounts.services import role_grant  # noqa: E402
from exports.models import ExportJob  # noqa: E402
from exports.services import export_request, export_run  # noqa: E402
from indicators.models import Catalogue  # noqa: E402
from portal.celery import app  # noqa: E402
from reporting.services.ranking import year_recompute  # noqa: E402
from tests.workers import new_queue, start_worker, stop_worker, wait_for  # noqa: E402

RUNS = 3
S = ExportJob.Status


def pages(job: ExportJob) -> str:
    info = subprocess.run(
        ["pdfinfo", job.file.path], capture_output=True, text=True
    ).stdout
    return next(
        (line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")),
        "?",
    )


def one_process(user: User, catalogue: Catalogue) -> tuple[list[float], ExportJob]:
    times = []
    with override_settings(EXPORT_PDF_PARTS=1):
        for _ in range(RUNS + 1):
            job = ExportJob.objects.create(
                requested_by=user,
                kind="ranking_national",
                format="pdf",
                catalogue=catalogue,
            )
            start = time.perf_counter()
            job = export_run(job_id=job.pk)
            times.append(time.perf_counter() - start)
            assert job.status == S.DONE, job.error
    return times[1:], job


def in_parts(user: User, catalogue: Catalogue) -> tuple[list[float], ExportJob]:
    queue = new_queue()
    app.conf.update(task_default_queue=queue)
    worker = start_worker(queue, processes=settings.EXPORT_PDF_PARTS)
    times = []
    try:
        wait_for(lambda: bool(app.control.ping(timeout=0.5)), 60)
        for _ in range(RUNS + 1):
            ExportJob.objects.filter(status=S.DONE).update(status=S.EXPIRED)
            start = time.perf_counter()
            job = export_request(
                kind="ranking_national", fmt="pdf", actor=user, catalogue=catalogue
            )
            while not ExportJob.objects.filter(
                pk=job.pk, status__in=[S.DONE, S.FAILED]
            ).exists():
                time.sleep(0.02)
                if time.perf_counter() - start > 300:
                    raise RuntimeError("the parts never finished")
            times.append(time.perf_counter() - start)
            job.refresh_from_db()
            assert job.status == S.DONE, job.error
    finally:
        log = stop_worker(worker, echo=False)
    assert "render_export_part" in log, "the job was not rendered in parts"
    return times[1:], job


def line(label: str, times: list[float], job: ExportJob) -> str:
    return (
        f"  {label}: best {min(times):.2f} s, median {statistics.median(times):.2f} s "
        f"({pages(job)} pages, {job.size / 1024:.0f} KB)"
    )


def main() -> None:
    catalogue = Catalogue.objects.get(pk=build())
    year_recompute(catalogue_id=catalogue.pk)
    user = User.objects.create_user("bench.pdf", password="bench-sandi-123")
    role_grant(user=user, role=Role.ASSESSOR, actor=None)
    load = os.getloadavg()
    print(
        f"PDF benchmark ({connection.vendor}, broker "
        f"{app.conf.broker_url.split(':')[0]}): national ranking, "
        f"{catalogue.assessments.count()} rows; load average "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min)"
    )
    times, job = one_process(user, catalogue)
    print(line("national ranking PDF in one process", times, job))
    if not str(app.conf.result_backend).startswith("redis"):
        print("  in parts: needs Redis (BENCH_REDIS_URL)")
        return
    times, job = in_parts(user, catalogue)
    print(
        line(
            f"national ranking PDF in {settings.EXPORT_PDF_PARTS} parts on a worker of "
            f"{settings.EXPORT_PDF_PARTS} processes, request to merged file (goal ≤ 2 s)",
            times,
            job,
        )
    )
    load = os.getloadavg()
    print(f"  load average after: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")


if __name__ == "__main__":
    main()
