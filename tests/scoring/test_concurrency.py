"""Scores stay right when many decisions are scored at once by a worker with several
processes, and when a decision commits while a year recompute is computing.

PostgreSQL only: SQLite runs one writer at a time, so it can neither deadlock nor
interleave the way these tests need.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import psycopg2
import pytest
from django.db import connection, connections

from indicators.models import Catalogue
from outbox.models import OutboxTask
from portal.celery import app
from regions.models import Province, Regency
from reporting.models import Answer, Assessment, Score
from reporting.scoring import YearRules
from reporting.services import ranking
from reporting.services.assessments import assessments_open
from reporting.services.verification import answer_accept
from tests.workers import new_queue, start_worker, stop_worker, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL",
    ),
]

REGENCIES = 10
DECISIONS_EACH = 10


@pytest.fixture
def waiting_year(open_catalogue, verifier) -> Catalogue:
    """Ten kab/kota of Jawa Tengah with every answer submitted and waiting."""
    codes = list(
        Regency.objects.filter(province=Province.objects.get(code="33"))
        .order_by("code")
        .values_list("code", flat=True)[:REGENCIES]
    )
    assessments_open(
        catalogue=open_catalogue,
        actor=None,
        regency_codes=codes,
        deadline=open_catalogue.created_at,
    )
    Assessment.objects.update(status=Assessment.Status.SUBMITTED)
    Answer.objects.update(status=Answer.Status.SUBMITTED)
    Answer.objects.filter(indicator__answer_kind="yes_no").update(
        raw_value="ya", value=True
    )
    return open_catalogue


def _expected_totals(catalogue: Catalogue) -> dict[int, Decimal]:
    assessments = list(catalogue.assessments.exclude(status__in=ranking.UNSCORED))
    results = ranking._results_for(YearRules.load(catalogue), assessments)
    return {pk: result.total for pk, result in results.items()}


def _decide_in_threads(answer_ids: list[int], verifier, threads: int = 8) -> list:
    """Accept answers from several connections at once, as many verifiers would."""
    errors: list[BaseException] = []
    chunks = [answer_ids[i::threads] for i in range(threads)]
    start = threading.Barrier(threads)

    def work(ids: list[int]) -> None:
        try:
            start.wait()
            for pk in ids:
                answer_accept(answer=Answer.objects.get(pk=pk), actor=verifier)
        except BaseException as exc:  # reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(120)
    return errors


@pytest.fixture
def pool_worker():
    queue = new_queue()
    process = start_worker(queue, processes=4)
    saved = {
        "task_always_eager": app.conf.task_always_eager,
        "task_default_queue": app.conf.task_default_queue,
    }
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    yield process
    app.conf.update(saved)
    if process.returncode is None:  # the test stopped before it could read the log
        stop_worker(process)


def test_a_hundred_decisions_scored_by_four_processes_leave_no_stale_total(
    waiting_year, verifier, pool_worker
):
    answer_ids = []
    for assessment in waiting_year.assessments.order_by("pk"):
        answer_ids += list(
            assessment.answers.filter(indicator__answer_kind="yes_no")
            .order_by("pk")
            .values_list("pk", flat=True)[:DECISIONS_EACH]
        )
    assert len(answer_ids) == REGENCIES * DECISIONS_EACH
    assert _decide_in_threads(answer_ids, verifier) == []

    # Every request was sent (nothing left in the outbox) and every score caught up.
    assert wait_for(
        lambda: (
            not OutboxTask.objects.exists()
            and not ranking.stale_scores(waiting_year).exists()
        ),
        120,
    )
    log = stop_worker(pool_worker)
    assert "deadlock" not in log.lower()
    assert " ERROR" not in log and "Retry in" not in log
    stored = dict(Score.objects.values_list("assessment_id", "total"))
    assert stored == _expected_totals(waiting_year)
    # Each accepted "ya" counts: the totals really moved.
    assert all(total > 0 for total in stored.values())
    for assessment in waiting_year.assessments.all():
        assert assessment.score_requests == DECISIONS_EACH
        assert assessment.score.basis == DECISIONS_EACH


def _connect():
    db = connection.settings_dict
    return psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )


def _waiting_on_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_a_decision_committed_during_a_year_recompute_is_not_overwritten(
    waiting_year, verifier, django_capture_on_commit_callbacks
):
    first, second = waiting_year.assessments.order_by("pk")[:2]
    yes_no = {"indicator__answer_kind": "yes_no"}
    with django_capture_on_commit_callbacks(execute=True):
        answer_accept(
            answer=first.answers.filter(**yes_no).order_by("pk")[0], actor=verifier
        )
        answer_accept(
            answer=second.answers.filter(**yes_no).order_by("pk")[0], actor=verifier
        )
    before = Score.objects.get(assessment=second).total

    # Hold the recompute at its final write: it has read every answer by then.
    locker = _connect()
    with locker.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM reporting_assessment WHERE id = %s FOR UPDATE", [first.pk]
        )
    recompute = threading.Thread(
        target=lambda: (
            ranking.year_recompute(catalogue_id=waiting_year.pk),
            connections.close_all(),
        )
    )
    recompute.start()
    try:
        assert wait_for(_waiting_on_lock, 60)
        # A decision on another kab/kota commits and is scored meanwhile.
        with django_capture_on_commit_callbacks(execute=True):
            answer_accept(
                answer=second.answers.filter(**yes_no).order_by("pk")[1],
                actor=verifier,
            )
        after = Score.objects.get(assessment=second).total
        assert after > before
    finally:
        locker.rollback()
        locker.close()
    recompute.join(60)
    assert not recompute.is_alive()
    # The recompute computed the second kab/kota from its older answers; the newer
    # score is kept, and no total is stale.
    assert Score.objects.get(assessment=second).total == after
    assert dict(Score.objects.values_list("assessment_id", "total")) == (
        _expected_totals(waiting_year)
    )
    assert not ranking.stale_scores(waiting_year).exists()
