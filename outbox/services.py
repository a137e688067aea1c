"""Hand tasks to the broker after commit without ever losing one (transactional outbox).

The row is written in the caller's transaction, so it exists exactly when the change
that needs the task was committed. After commit the task is sent at once; if the
broker (Redis) is down, the request still succeeds, the row stays, and the beat task
``outbox.tasks.dispatch_pending`` sends it once the broker is back. Every task sent
this way must be safe to run twice: a send may succeed while deleting the row fails.
"""

from __future__ import annotations

import datetime
import logging
import socket
import time
from urllib.parse import urlsplit

from celery import Task, current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

from outbox.models import OutboxTask

logger = logging.getLogger(__name__)

# What a broker that is down or unreachable raises when a message is published.
BROKER_DOWN = (BrokerError, RedisError, ConnectionError, socket.timeout, OSError)


_down_until = 0.0  # monotonic time until which this process treats the broker as down


def _mark_down() -> None:
    global _down_until
    _down_until = time.monotonic() + settings.OUTBOX_BROKER_DOWN_SECONDS


def broker_reachable() -> bool:
    """Whether a publish is worth trying now: quick, and never waits on a dead broker."""
    if time.monotonic() < _down_until:
        return False
    url = urlsplit(str(current_app.conf.broker_url or ""))
    if url.scheme not in {"redis", "rediss", "amqp", "amqps", "pyamqp"}:
        return True  # the filesystem transport (and eager tests) has no socket
    port = url.port or (6379 if url.scheme.startswith("redis") else 5672)
    try:
        with socket.create_connection(
            (url.hostname or "127.0.0.1", port),
            timeout=settings.OUTBOX_CONNECT_TIMEOUT_SECONDS,
        ):
            return True
    except OSError:
        _mark_down()
        return False


def enqueue_after_commit(task: Task | str, *args: object) -> OutboxTask:
    """Record ``task(*args)`` now; send it when the current transaction commits."""
    name = task if isinstance(task, str) else task.name
    row = OutboxTask.objects.create(task=name, args=list(args))
    transaction.on_commit(lambda: send(row))
    return row


def enqueue_many_after_commit(
    task: Task | str, calls: list[list[object]]
) -> list[OutboxTask]:
    """``enqueue_after_commit`` for many calls of one task, in one query; after
    commit they are sent together (``send_many``)."""
    name = task if isinstance(task, str) else task.name
    rows = OutboxTask.objects.bulk_create(
        [OutboxTask(task=name, args=list(args)) for args in calls]
    )
    if rows:
        transaction.on_commit(lambda: send_many(rows))
    return rows


def send(row: OutboxTask) -> bool:
    """Publish one recorded task; on a broker failure keep the row for a later try."""
    return send_many([row]) == 1


def send_many(rows: list[OutboxTask]) -> int:
    """Publish recorded tasks in order; return how many the broker took.

    The broker is probed once, and the sent rows are deleted in one query: a page
    that queues ten drawings costs the same few queries as one that queues one. At
    the first broker failure that row and the rest are kept for a later try, each
    with one more attempt (one query), as sending them one by one would have left
    them.
    """
    sent = 0
    error = gettext("Broker tidak terjangkau.")
    if current_app.conf.task_always_eager or broker_reachable():
        for row in rows:
            try:
                # No result is read back by anyone, so none is stored (and with
                # Redis down, subscribing to a result would be one more connection
                # to fail).
                current_app.tasks[row.task].apply_async(
                    args=row.args, retry=False, ignore_result=True
                )
            except BROKER_DOWN as exc:
                _mark_down()
                error = f"{type(exc).__name__}: {exc}"[:500]
                logger.warning(
                    "Broker unavailable; %s kept for a later send: %s", row, exc
                )
                break
            sent += 1
    if sent:
        OutboxTask.objects.filter(pk__in=[row.pk for row in rows[:sent]]).delete()
    if kept := rows[sent:]:
        OutboxTask.objects.filter(pk__in=[row.pk for row in kept]).update(
            attempts=F("attempts") + 1, last_error=error
        )
    return sent


def dispatch_pending(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Send rows older than OUTBOX_RETRY_AFTER_SECONDS (fresh ones are still being
    sent by their own request); return how many the broker took."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        seconds=settings.OUTBOX_RETRY_AFTER_SECONDS
    )
    rows = list(OutboxTask.objects.filter(created_at__lte=cutoff)[:limit])
    sent = 0
    for row in rows:
        if not send(row):
            break  # the broker is still down: the rest waits for the next beat
        sent += 1
    return sent
