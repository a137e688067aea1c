"""A real Celery worker (Redis in CI, the filesystem broker locally) turns a committed
decision into a new score, through the same on-commit path as production."""

from __future__ import annotations

from decimal import Decimal

import pytest

from portal.celery import app
from reporting.models import Score
from reporting.services.verification import answer_correct, answers_accept_bulk
from tests.workers import new_queue, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    """A worker on a queue of its own; this process sends real messages to it."""
    queue = new_queue()
    process = start_worker(queue)
    saved = {
        "task_always_eager": app.conf.task_always_eager,
        "task_default_queue": app.conf.task_default_queue,
    }
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    yield process
    app.conf.update(saved)
    stop_worker(process)


def test_a_real_worker_recomputes_the_score_after_a_decision(
    worker, submitted, verifier
):
    assert not Score.objects.exists()
    answers_accept_bulk(
        assessment=submitted,
        actor=verifier,
        answer_ids=list(submitted.answers.values_list("pk", flat=True)),
    )
    # The task went to the broker on commit; only the worker can have written this row.
    assert wait_for(lambda: Score.objects.filter(assessment=submitted).exists())
    assert Score.objects.get(assessment=submitted).total == 0
    yes_no = submitted.answers.filter(
        indicator__answer_kind="yes_no", indicator__category__code="K01"
    ).first()
    answer_correct(
        answer=yes_no, raw_value="ya", note="Perda ada, salah pilih", actor=verifier
    )
    # K01: one of three struktur indicators at 100 → 3.33; mean over 10 categories → 0.33
    assert wait_for(
        lambda: Score.objects.get(assessment=submitted).total == Decimal("0.33")
    )
    assert worker.poll() is None  # still running: it was the worker, not a crash
