"""Redis down: answers and submissions still commit; their tasks run once it is back.

The broker is really unreachable (a closed local port), then really back (Redis in
CI, the filesystem broker otherwise) with a real worker taking the delayed tasks.
"""

from __future__ import annotations

import datetime
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from notices.models import Notification
from outbox import services as outbox_services
from outbox.models import OutboxTask
from outbox.services import dispatch_pending
from portal.celery import app
from reporting.models import Assessment, Score
from reporting.services.verification import answers_accept_bulk
from tests.cast import approve
from tests.portal.test_health import closed_port
from tests.workers import new_queue, send_to, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _use_broker(url: str, queue: str) -> None:
    app.conf.update(broker_url=url, task_always_eager=False, task_default_queue=queue)
    # The app caches its connection and producer pools for the old URL.
    app.amqp._producer_pool = None
    app._pool = None
    # Forget that this process saw the broker down (its own circuit breaker).
    outbox_services._down_until = 0.0


@pytest.fixture
def broker():
    """Switch between a dead Redis and the real broker; restore everything after."""
    saved = {
        key: app.conf[key]
        for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    queue = new_queue()

    class Switch:
        name = queue

        def down(self) -> None:
            _use_broker(f"redis://127.0.0.1:{closed_port()}/0", queue)

        def up(self) -> None:
            _use_broker(saved["broker_url"], queue)

    yield Switch()
    app.conf.update(saved)
    app.amqp._producer_pool = None
    app._pool = None
    outbox_services._down_until = 0.0


def test_submission_commits_with_redis_down_and_its_jobs_run_when_it_returns(
    broker, client_for, assessment, regency_staff, verifier
):
    approve(assessment, regency_staff)
    broker.down()

    started = time.monotonic()
    response = client_for(regency_staff).post(
        reverse("reporting:submit", args=[assessment.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 302
    # Its normal time: the refused broker is probed once (not retried for 6 s by
    # the Redis client for every task the request queues). Loose for a busy CI.
    assert time.monotonic() - started < 3
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    notices = Notification.objects.filter(event_key__startswith="submitted:")
    assert notices.filter(recipient=verifier).exists()
    pending = OutboxTask.objects.filter(task="notices.tasks.send_notification_email")
    assert sorted(r.args[0] for r in pending) == sorted(n.pk for n in notices)
    assert all(r.attempts == 1 and r.last_error for r in pending)

    accepted = answers_accept_bulk(
        assessment=assessment,
        actor=verifier,
        answer_ids=list(assessment.answers.values_list("pk", flat=True)),
    )
    assert accepted == assessment.answers.count()
    assert OutboxTask.objects.filter(task="reporting.tasks.score_assessment").exists()
    assert not Score.objects.exists()
    # Beat's dispatcher finds the broker still down: nothing is lost, nothing sent.
    later = timezone.now() + datetime.timedelta(minutes=5)
    assert dispatch_pending(now=later) == 0
    assert OutboxTask.objects.filter(attempts=2).count() == 1  # it stops at the first
    assert notices.filter(emailed_at=None).count() == notices.count()

    broker.up()
    worker = start_worker(broker.name, env={"OUTBOX_RETRY_AFTER_SECONDS": "0"})
    try:
        # What beat does every minute once Redis is back.
        send_to(broker.name, "outbox.tasks.dispatch_pending")
        assert wait_for(lambda: not OutboxTask.objects.exists(), 90)
        assert wait_for(lambda: Score.objects.filter(assessment=assessment).exists())
        assert wait_for(lambda: not notices.filter(emailed_at=None).exists())
        assert worker.poll() is None
    finally:
        stop_worker(worker)


def test_a_broker_found_down_is_left_alone_for_a_while_then_tried_again(
    broker, assessment
):
    broker.down()
    rows = [OutboxTask.objects.create(task="portal.tasks.heartbeat") for _ in range(3)]
    started = time.monotonic()
    assert [outbox_services.send(row) for row in rows] == [False, False, False]
    assert time.monotonic() - started < 1.0  # one probe, not three retried connects
    assert OutboxTask.objects.filter(attempts=1).count() == 3
    # Once the pause is over the broker is probed again (still down here).
    outbox_services._down_until = 0.0
    assert outbox_services.broker_reachable() is False
    broker.up()
    assert outbox_services.broker_reachable() is True


def test_the_dispatcher_is_on_beats_schedule():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["outbox-dispatch"]["task"] == "outbox.tasks.dispatch_pending"
    assert schedule["outbox-dispatch"]["schedule"] <= 60


def test_tasks_queued_together_are_sent_together_and_kept_together(broker):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from outbox.services import enqueue_many_after_commit

    broker.up()
    with CaptureQueriesContext(connection) as queries:
        with transaction.atomic():
            rows = enqueue_many_after_commit(
                "portal.tasks.heartbeat", [[] for _ in range(10)]
            )
        assert len(rows) == 10
    assert not OutboxTask.objects.exists()
    # The insert and, after commit, one delete of all ten: nothing per task.
    writes = [q["sql"] for q in queries.captured_queries if "outbox" in q["sql"]]
    assert len(writes) == 2, writes

    broker.down()
    started = time.monotonic()
    with transaction.atomic():
        enqueue_many_after_commit("portal.tasks.heartbeat", [[] for _ in range(10)])
    assert time.monotonic() - started < 1.0  # one probe of the dead broker
    kept = OutboxTask.objects.all()
    assert kept.count() == 10
    assert all(r.attempts == 1 and r.last_error for r in kept)
