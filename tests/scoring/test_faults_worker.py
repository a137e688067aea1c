"""A worker killed (SIGKILL) in the middle of a year recompute.

The real worker is held inside its final transaction by a row lock taken from
another connection, killed there, and the lock released: the previous ranking must
still be whole, the run must not stay "running" for ever, and the year must be
recomputed afterwards.
"""

from __future__ import annotations

import datetime
import os
import signal
from decimal import Decimal

import psycopg2
import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from reporting.models import Score, ScoreRun
from reporting.services.ranking import score_runs_sweep
from reporting.services.verification import answers_accept_bulk, assessment_forward
from reporting.services.workflow import assessment_submit
from tests.cast import approve
from tests.workers import new_queue, send_to, start_worker, stop_worker, wait_for

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="holds the worker at its final write with a PostgreSQL row lock",
)


def _connect():
    db = connection.settings_dict
    conn = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )
    return conn


def _accept_all(assessment, verifier) -> None:
    answers_accept_bulk(
        assessment=assessment,
        actor=verifier,
        answer_ids=list(assessment.answers.values_list("pk", flat=True)),
    )


@pytest.fixture
def ranked_year(submitted, banyumas_assessment, other_regency_staff, verifier):
    """Two kab/kota verified and forwarded (ranked; tasks ran eagerly after commit),
    then given older totals."""
    approve(banyumas_assessment, other_regency_staff)
    assessment_submit(assessment=banyumas_assessment, actor=other_regency_staff)
    for assessment in (submitted, banyumas_assessment):
        _accept_all(assessment, verifier)
        assessment_forward(assessment=assessment, actor=verifier)
    assert Score.objects.count() == 2
    # The ranking as published before the change the recompute will apply.
    Score.objects.filter(assessment=submitted).update(total=Decimal("61.25"))
    Score.objects.filter(assessment=banyumas_assessment).update(total=Decimal("48.50"))
    return submitted.catalogue


def _waiting_on_lock(db_name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = %s AND wait_event_type = 'Lock'",
            [db_name],
        )
        return cursor.fetchone()[0] > 0


def _others_busy(db_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
            "AND pid <> pg_backend_pid() AND state <> 'idle'",
            [db_name],
        )
        return cursor.fetchone()[0]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_killed_recompute_keeps_the_old_ranking_and_is_swept_and_redone(
    ranked_year, client_for, ministry, submitted
):
    db_name = connection.settings_dict["NAME"]
    ranking_url = reverse("reporting:ranking", args=[ranked_year.year])
    locker = _connect()
    with locker.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM reporting_score WHERE assessment_id = %s FOR UPDATE",
            [submitted.pk],
        )
    queue = new_queue()
    worker = start_worker(queue)
    try:
        send_to(queue, "reporting.tasks.recompute_year", ranked_year.pk)
        assert wait_for(
            lambda: ScoreRun.objects.filter(
                status=ScoreRun.Status.RUNNING, done=2, total=2
            ).exists()
        )
        assert wait_for(lambda: _waiting_on_lock(db_name))
        # Mid-swap, readers still see the whole previous ranking.
        body = client_for(ministry).get(ranking_url).content.decode()
        assert "61,25" in body and "48,50" in body
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        stop_worker(worker)
        locker.rollback()
        locker.close()
    # The dead worker's server process gives up its open transaction.
    assert wait_for(lambda: _others_busy(db_name) == 0)

    totals = dict(Score.objects.values_list("assessment__regency_id", "total"))
    assert totals == {"33.73": Decimal("61.25"), "33.02": Decimal("48.50")}
    body = client_for(ministry).get(ranking_url).content.decode()
    assert "61,25" in body and "48,50" in body
    run = ScoreRun.objects.get()
    assert run.status == ScoreRun.Status.RUNNING  # nobody is left to say otherwise

    # Its heartbeat is fresh for a few more seconds: it might still be alive.
    assert score_runs_sweep() == []
    # Within a minute of the kill the silence is long enough to take the run over.
    later = run.heartbeat_at + datetime.timedelta(
        seconds=settings.SCORE_RUN_STALE_SECONDS + 1
    )
    assert later - timezone.now() < datetime.timedelta(minutes=1)
    assert score_runs_sweep(now=later) == [run.pk]
    run.refresh_from_db()
    assert run.status == ScoreRun.Status.FAILED
    assert "berhenti" in run.error
    # The sweep queued the year again (run in-process here): a complete new ranking.
    rerun = ScoreRun.objects.exclude(pk=run.pk).get()
    assert (rerun.status, rerun.done, rerun.total) == ("done", 2, 2)
    assert set(Score.objects.values_list("total", flat=True)) == {Decimal("0.00")}
    assert "61,25" not in client_for(ministry).get(ranking_url).content.decode()


def _run(catalogue, *, silent_for: int) -> ScoreRun:
    beat = timezone.now() - datetime.timedelta(seconds=silent_for)
    return ScoreRun.objects.create(
        catalogue=catalogue,
        status=ScoreRun.Status.RUNNING,
        created_at=beat - datetime.timedelta(minutes=5),
        heartbeat_at=beat,
    )


@pytest.mark.django_db(transaction=True)
def test_a_run_whose_heartbeat_stopped_is_failed_and_redone(ranked_year):
    stale = settings.SCORE_RUN_STALE_SECONDS
    dead = _run(ranked_year, silent_for=stale + 5)
    assert score_runs_sweep() == [dead.pk]
    dead.refresh_from_db()
    assert dead.status == ScoreRun.Status.FAILED and dead.finished_at
    # The sweep queued the year again (run in-process here): a complete new ranking.
    assert ScoreRun.objects.filter(status=ScoreRun.Status.DONE).count() == 1
    assert set(Score.objects.values_list("total", flat=True)) == {Decimal("0.00")}
    assert score_runs_sweep() == []  # nothing left to take over


@pytest.mark.django_db(transaction=True)
def test_the_sweep_never_queues_a_recompute_while_one_is_running(ranked_year):
    stale = settings.SCORE_RUN_STALE_SECONDS
    dead = _run(ranked_year, silent_for=stale + 5)
    alive = _run(ranked_year, silent_for=stale - 10)
    assert score_runs_sweep() == [dead.pk]
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == ScoreRun.Status.FAILED
    assert alive.status == ScoreRun.Status.RUNNING
    # The live run will write the year: no second recompute was queued.
    assert not ScoreRun.objects.filter(status=ScoreRun.Status.DONE).exists()
    assert set(Score.objects.values_list("total", flat=True)) != {Decimal("0.00")}


def test_sweep_is_on_beats_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-score-runs"]
    assert entry["task"] == "reporting.tasks.sweep_score_runs"
