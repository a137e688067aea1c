"""Export figures: rendering the 514-row national ranking PDF (goal < 10 s) and the
request that starts it (goal < 200 ms). Run with `make bench` (or
`python -m bench.exports`); PostgreSQL via BENCH_DATABASE_URL.

The request goes through Django's test client with the worker out of the way:
tasks go to the filesystem broker in the benchmark's own var dir, so the timing is
what a user waits for; the rendering is then timed by calling the service directly.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time

# Set before Django starts (bench.scoring starts it): a real broker, no eager tasks.
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ.pop("REDIS_URL", None)

# Importing bench.scoring starts Django on a throw-away database.
import bench.scoring

build = bench.scoring.build

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from accounts.services import role_grant  # noqa: E402
from exports.models import ExportJob  # noqa: E402
from exports.services import export_run  # noqa: E402
from reporting.exports import documents  # noqa: E402
from reporting.models import Score  # noqa: E402
from reporting.services.ranking import year_recompute  # noqa: E402

REQUESTS = 7


def time_requests(client: Client, fmt: str) -> list[float]:
    """Milliseconds of each POST that records a job (a fresh job each time)."""
    url = reverse("exports:request")
    times = []
    for _ in range(REQUESTS):
        ExportJob.objects.all().delete()
        start = time.perf_counter()
        response = client.post(
            url, {"kind": "ranking_national", "format": fmt, "year": 2026}
        )
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, response.status_code
    return times


def time_render(job: ExportJob) -> float:
    start = time.perf_counter()
    job = export_run(job_id=job.pk)
    elapsed = time.perf_counter() - start
    assert job.status == ExportJob.Status.DONE, job.error
    return elapsed


def pdf_pages(path: str) -> str:
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    return next(
        (line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")),
        "?",
    )


def main() -> None:
    started = time.perf_counter()
    catalogue_id = build()
    year_recompute(catalogue_id=catalogue_id)
    assessor = User.objects.create_user("bench.penilai", password="bench-sandi-123")
    role_grant(user=assessor, role=Role.ASSESSOR, actor=None)
    client = Client()
    client.force_login(assessor)
    client.get(reverse("exports:list"))  # warm up imports and templates
    print(
        f"Export benchmark ({connection.vendor}): {Score.objects.count()} scored kab/kota "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    for fmt in ("pdf", "xlsx"):
        times = time_requests(client, fmt)
        print(
            f"  request that starts the {fmt.upper()} export: median "
            f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms "
            f"({REQUESTS} requests; goal < 200 ms)"
        )
        job = ExportJob.objects.get()
        if fmt == "pdf":
            start = time.perf_counter()
            documents.ranking_national(job)
            print(
                f"  of which reading the 514 scores into the document: "
                f"{time.perf_counter() - start:.2f} s"
            )
        seconds = time_render(job)
        job.refresh_from_db()
        extra = f", {pdf_pages(job.file.path)} pages" if fmt == "pdf" else ""
        goal = " (goal < 10 s)" if fmt == "pdf" else ""
        print(
            f"  render the national ranking {fmt.upper()} ({Score.objects.count()} rows"
            f"{extra}, {job.size / 1024:.0f} KB): {seconds:.2f} s{goal}"
        )


if __name__ == "__main__":
    main()
