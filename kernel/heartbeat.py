"""A background thread that tells the database "this worker is still on it".

Long tasks (an export's PDF, a year's recompute) write ``heartbeat_at`` on their row
every few seconds; a sweep that runs often treats a row whose heartbeat stopped as
left by a dead worker and takes it over. The thread has its own database connection,
beats only after its first interval (short tasks never touch the database from it),
and gives up a beat quietly when the database is busy: a missed beat costs nothing,
only a long silence counts.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

from django.db import DatabaseError, connection
from django.db.models import Model
from django.utils import timezone

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def beating(model: type[Model], pk: int, *, every: float) -> Iterator[None]:
    stop = threading.Event()

    def run() -> None:
        try:
            while not stop.wait(every):
                try:
                    model.objects.filter(pk=pk).update(heartbeat_at=timezone.now())
                except DatabaseError as exc:
                    logger.warning("heartbeat of %s %s skipped: %s", model, pk, exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=f"heartbeat-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every)
