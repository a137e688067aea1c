"""A worker killed (SIGKILL) while it renders a PDF: the job is failed within a minute
of its last heartbeat, asking again starts a new job, and a new worker renders it.

The broker is Redis in CI and the filesystem transport (what `make run` uses, which
loses the killed worker's message) otherwise: recovery must not depend on either.
"""

from __future__ import annotations

import datetime
import os
import signal

import pytest
from django.conf import settings
from django.utils import timezone

from exports.models import ExportJob
from exports.services import export_request, export_sweep_stale
from portal.celery import app
from tests.cast import every_kab_kota_scored
from tests.workers import new_queue, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
S = ExportJob.Status


@pytest.fixture
def national_year(scored_year):
    """Every kab/kota scored (copies of one real breakdown): a PDF of many pages."""
    every_kab_kota_scored(scored_year)
    return scored_year


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


def _ask(ministry, year) -> ExportJob:
    return export_request(
        kind="ranking_national", fmt="pdf", actor=ministry, catalogue=year
    )


def test_a_job_whose_worker_was_killed_is_failed_in_a_minute_and_asked_again(
    national_year, ministry, queue
):
    worker = start_worker(queue)
    try:
        job = _ask(ministry, national_year)
        assert wait_for(
            lambda: ExportJob.objects.filter(pk=job.pk, status=S.RUNNING).exists(), 90
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        killed_at = timezone.now()
    finally:
        stop_worker(worker)
    job.refresh_from_db()
    assert job.status == S.RUNNING  # nobody is left to say otherwise

    # Silent for less than the limit: maybe alive, left alone.
    assert export_sweep_stale() == 0
    # The sweep that runs after the heartbeat went quiet fails it, within a minute.
    sweep_at = job.heartbeat_at + datetime.timedelta(
        seconds=settings.EXPORT_STALE_SECONDS + settings.SWEEP_SECONDS
    )
    assert sweep_at - killed_at <= datetime.timedelta(minutes=1)
    assert export_sweep_stale(now=sweep_at) == 1
    job.refresh_from_db()
    assert job.status == S.FAILED and "terhenti" in job.error

    # Asking again is a new job, and a new worker renders it.
    again = _ask(ministry, national_year)
    assert again.pk != job.pk
    worker = start_worker(queue)
    try:
        assert wait_for(
            lambda: ExportJob.objects.get(pk=again.pk).status == S.DONE, 180
        )
    finally:
        stop_worker(worker)
    again.refresh_from_db()
    assert again.size > 0 and again.file_name.endswith(".pdf")


def test_asking_again_while_the_killed_job_still_looks_running_starts_a_new_one(
    scored_year, ministry, queue
):
    """The person need not wait for the sweep: a silent job is replaced at once."""
    national_year = scored_year
    job = _ask(ministry, national_year)
    silent = timezone.now() - datetime.timedelta(
        seconds=settings.EXPORT_STALE_SECONDS + 1
    )
    ExportJob.objects.filter(pk=job.pk).update(
        status=S.RUNNING, started_at=silent, heartbeat_at=silent
    )
    again = _ask(ministry, national_year)
    assert again.pk != job.pk and again.status == S.PENDING
    assert ExportJob.objects.get(pk=job.pk).status == S.FAILED
