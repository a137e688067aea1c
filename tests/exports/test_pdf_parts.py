"""Long ranking PDFs rendered in parts by several worker processes and merged.

The merged document reads as the one-process one: every row once and in order, the
page header and the table's column heads on every page, the letterhead and the
introduction once at the start, the signature once at the end, and "Halaman X dari
Y" counting across the parts. A part whose worker process is killed is delivered
again and the job still ends with the whole document; a part that is missing never
yields a document.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import signal
import time

import psutil
import pytest
import time_machine
from django.conf import settings

from exports import pdf
from exports.models import ExportJob
from exports.services import (
    PART_FAILED,
    export_merge_parts,
    export_part_failed,
    export_render_part,
    export_request,
    export_run,
    part_name,
)
from portal.celery import app
from reporting.exports import documents
from reporting.models import Score
from tests.cast import every_kab_kota_scored
from tests.clock import WIB
from tests.exports.pdf import job_path, pdf_text
from tests.workers import new_queue, start_worker, stop_worker, wait_for

S = ExportJob.Status
PAGE = re.compile(r"Halaman (\d+) dari (\d+)")
ROW_CODE = re.compile(r"^\d+ (\d{2}\.\d{2})\b", re.MULTILINE)
# A time of day whose printed form ("11.07") is also a kab/kota code (Kabupaten Pidie).
CODE_LIKE_TIME = datetime.datetime(2026, 12, 5, 11, 7, tzinfo=WIB)


@pytest.fixture
def national_year(scored_year):
    """Every kab/kota scored, each with its own total: a long table in a known order."""
    every_kab_kota_scored(scored_year, total=lambda n: 90 - n % 70)
    return scored_year


def expected_codes(year) -> list[str]:
    """The ranking's order, as the score pages read it."""
    return list(
        Score.objects.filter(assessment__catalogue=year).values_list(
            "assessment__regency_id", flat=True
        )
    )


def check_whole(text: str, year, codes: list[str]) -> None:
    pages = text.split("\f")
    if not pages[-1].strip():
        pages.pop()
    numbers = [PAGE.findall(page) for page in pages]
    assert numbers == [[(str(i), str(len(pages)))] for i in range(1, len(pages) + 1)]
    for page in pages:
        assert f"Peringkat Nasional {year.programme_short_name} {year.year}" in page
        assert "Nilai akhir" in page and "Predikat" in page  # the column heads
    # Rows: each code once, in the ranking's order. A row's line starts with its rank
    # and code; elsewhere a code-like number is something else (the footer's time,
    # "11.07 WIB", reads like Kabupaten Pidie's code).
    assert ROW_CODE.findall(text) == codes
    assert text.count("Urutan bila nilai akhir sama") == 1
    assert "Urutan bila nilai akhir sama" in pages[0]


@pytest.mark.django_db
def test_parts_merge_into_one_document_with_continuous_page_numbers(
    national_year, ministry, tmp_path
):
    job = ExportJob.objects.create(
        requested_by=ministry,
        kind="ranking_national",
        format="pdf",
        catalogue=national_year,
    )
    document = documents.ranking_national(job)
    parts = document.split(3)
    assert [len(p.tables[0].rows) for p in parts] == [172, 171, 171]
    assert [len(p.tables) for p in parts] == [1, 1, len(document.tables)]
    rendered = []
    for part in parts:
        out = io.BytesIO()
        pdf.write_html(
            pdf.render_html("reporting/pdf/ranking_national.html", part), out
        )
        out.seek(0)
        rendered.append(out)
    target = tmp_path / "merged.pdf"
    with target.open("wb") as f:
        pages = pdf.merge(rendered, f)
    text = pdf_text(target)
    assert pages == text.count("\f")
    check_whole(text, national_year, expected_codes(national_year))
    # One part alone has no page numbers of its own (they would restart at 1).
    assert not PAGE.search(pdf_text_of(rendered[1], tmp_path))


def pdf_text_of(data: io.BytesIO, tmp_path) -> str:
    path = tmp_path / "part.pdf"
    path.write_bytes(data.getvalue())
    return pdf_text(path)


def running_job(year, ministry) -> ExportJob:
    """A national ranking PDF whose first attempt is out in parts."""
    return ExportJob.objects.create(
        requested_by=ministry,
        kind="ranking_national",
        format="pdf",
        catalogue=year,
        status=S.RUNNING,
        attempts=1,
    )


@pytest.mark.django_db
def test_a_missing_part_fails_the_job_and_leaves_no_file(national_year, ministry):
    job = running_job(national_year, ministry)
    storage = job.file.storage
    from django.core.files.base import ContentFile

    present = storage.save(part_name(job.pk, 1, 0), ContentFile(b"%PDF-1.7 part"))
    export_merge_parts(job_id=job.pk, attempt=1, names=[present, None])
    job.refresh_from_db()
    assert job.status == S.FAILED and job.error == PART_FAILED and not job.file
    assert not storage.exists(present)  # the parts are cleared too

    # A part that failed for good fails the job at once, with the same reason.
    again = running_job(national_year, ministry)
    export_part_failed(job_id=again.pk, attempt=1)
    again.refresh_from_db()
    assert again.status == S.FAILED and again.error == PART_FAILED


@pytest.mark.django_db
def test_a_part_that_keeps_losing_its_worker_fails_the_job_on_its_next_delivery(
    national_year, ministry, settings
):
    """Each delivery of a part counts; the one after EXPORT_PART_MAX_STARTS starts
    (worker processes that died under it) fails the job instead of rendering."""
    settings.EXPORT_PART_MAX_STARTS = 2
    job = running_job(national_year, ministry)
    html = pdf.render_html(
        "reporting/pdf/ranking_national.html",
        documents.ranking_national(job).split(2)[0],
    )
    first = export_render_part(job_id=job.pk, attempt=1, index=0, html=html)
    assert first == part_name(job.pk, 1, 0)  # rendered and stored
    assert export_render_part(job_id=job.pk, attempt=1, index=0, html=html)
    job.refresh_from_db()
    assert job.status == S.RUNNING  # two starts: still allowed
    # The other part has starts of its own.
    assert export_render_part(job_id=job.pk, attempt=1, index=1, html=html)
    assert export_render_part(job_id=job.pk, attempt=1, index=0, html=html) is None
    job.refresh_from_db()
    assert job.status == S.FAILED and job.error == PART_FAILED


@pytest.mark.django_db
def test_without_workers_the_document_is_rendered_in_one_process(
    national_year, ministry
):
    """Eager tasks (and the filesystem broker of `make run`): one process, same result.

    Rendered at a time whose printed form is also a kab/kota code: the footer's
    "Dibuat … 11.07 WIB" is not read as a row."""
    job = ExportJob.objects.create(
        requested_by=ministry,
        kind="ranking_national",
        format="pdf",
        catalogue=national_year,
    )
    with time_machine.travel(CODE_LIKE_TIME, tick=True):
        job = export_run(job_id=job.pk)
    text = pdf_text(job_path(job))
    assert f"{CODE_LIKE_TIME:%H.%M} WIB" in text
    check_whole(text, national_year, expected_codes(national_year))


# ------------------------------------------------------------------ real workers


@pytest.fixture
def queue():
    name = new_queue()
    saved = {
        "task_always_eager": app.conf.task_always_eager,
        "task_default_queue": app.conf.task_default_queue,
    }
    app.conf.update(task_always_eager=False, task_default_queue=name)
    yield name
    app.conf.update(saved)


needs_redis = pytest.mark.skipif(
    not settings.REDIS_URL, reason="parts are counted by the Redis result backend"
)


def _children(worker) -> list[psutil.Process]:
    return psutil.Process(worker.pid).children()


def _kill_if_busy(process: psutil.Process) -> bool:
    """SIGKILL a pool process that is using the CPU (rendering); False when it is
    idle or already gone (killed a moment ago, or replaced by the pool)."""
    try:
        if process.cpu_percent(interval=0.05) > 0:
            os.kill(process.pid, signal.SIGKILL)
            return True
    except (psutil.NoSuchProcess, ProcessLookupError):
        pass
    return False


@needs_redis
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_workers_render_the_parts_and_a_killed_part_is_rendered_again(
    national_year, ministry, queue
):
    worker = start_worker(
        queue, processes=2, env={"MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    )
    log = ""
    try:
        assert wait_for(lambda: len(_children(worker)) == 2, 60)
        job = export_request(
            kind="ranking_national", fmt="pdf", actor=ministry, catalogue=national_year
        )
        # The parts are out (50 %) and both pool processes render one: kill both
        # mid-way; the pool replaces them and the parts are delivered again.
        assert wait_for(lambda: ExportJob.objects.get(pk=job.pk).progress >= 50, 120)
        time.sleep(0.5)
        for victim in _children(worker):
            os.kill(victim.pid, signal.SIGKILL)
        assert wait_for(
            lambda: ExportJob.objects.get(pk=job.pk).status in (S.DONE, S.FAILED), 240
        )
    finally:
        log = stop_worker(worker)
    job.refresh_from_db()
    assert job.status == S.DONE, job.error
    assert "render_export_part" in log and "merge_export_parts" in log
    assert "exited with 'signal 9" in log  # the kill was seen
    # Each part received once more after the kill, and each rendered once.
    assert len(re.findall(r"render_export_part\[[^]]+\] received", log)) >= 3
    assert len(re.findall(r"render_export_part\[[^]]+\] succeeded", log)) == 2
    check_whole(pdf_text(job_path(job)), national_year, expected_codes(national_year))
    storage = job.file.storage
    assert not storage.exists(part_name(job.pk, job.attempts, 0))


@needs_redis
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_part_whose_worker_always_dies_fails_the_job_instead_of_looping(
    national_year, ministry, queue
):
    """Out of memory on every try, as a person would see it: the job ends "Gagal"
    with the part's reason within a few deliveries, and no file is left."""
    worker = start_worker(
        queue,
        processes=2,
        env={"MEDIA_ROOT": str(settings.MEDIA_ROOT), "EXPORT_PART_MAX_STARTS": "2"},
    )
    log = ""
    kills = 0
    try:
        assert wait_for(lambda: len(_children(worker)) == 2, 60)
        job = export_request(
            kind="ranking_national", fmt="pdf", actor=ministry, catalogue=national_year
        )
        assert wait_for(lambda: ExportJob.objects.get(pk=job.pk).progress >= 50, 120)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if ExportJob.objects.get(pk=job.pk).status != S.RUNNING:
                break
            # Every part dies a little after it starts (each takes seconds).
            time.sleep(0.7)
            kills += sum(_kill_if_busy(victim) for victim in _children(worker))
    finally:
        log = stop_worker(worker)
    job.refresh_from_db()
    assert kills >= 2, log
    assert job.status == S.FAILED and job.error == PART_FAILED, log
    assert not job.file
    assert "started more than 2 times; the job fails" in log
