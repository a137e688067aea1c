"""A real Celery worker (Redis in CI, the filesystem broker locally) turns a committed
decision into a new score, through the same on-commit path as production."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection

from portal.celery import app
from reporting.models import Score
from reporting.services.verification import answer_correct, answers_accept_bulk

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker():
    """A worker on a queue of its own; this process sends real messages to it."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": _database_url(),
        "PORTAL_VAR_DIR": str(settings.VAR_DIR),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    saved = {
        "task_always_eager": app.conf.task_always_eager,
        "task_default_queue": app.conf.task_default_queue,
    }
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    yield process
    app.conf.update(saved)
    process.terminate()
    output, _ = process.communicate(timeout=30)
    sys.stderr.write(output[-3000:])  # shown by pytest when the test fails


def _wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


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
    assert _wait_for(lambda: Score.objects.filter(assessment=submitted).exists())
    assert Score.objects.get(assessment=submitted).total == 0
    yes_no = submitted.answers.filter(
        indicator__answer_kind="yes_no", indicator__category__code="K01"
    ).first()
    answer_correct(
        answer=yes_no, raw_value="ya", note="Perda ada, salah pilih", actor=verifier
    )
    # K01: one of three struktur indicators at 100 → 3.33; mean over 10 categories → 0.33
    assert _wait_for(
        lambda: Score.objects.get(assessment=submitted).total == Decimal("0.33")
    )
    assert worker.poll() is None  # still running: it was the worker, not a crash
