"""A real Celery worker draws previews: a hostile PDF fails within the CPU limit, once.

The review page queues the drawing through the outbox; the worker (the filesystem
broker locally, Redis in CI) runs pdftoppm under its limits; a second page view and
the preview URL then answer from the stored failure without starting any work.
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.urls import reverse

from files.models import Preview
from outbox.models import OutboxTask
from portal.celery import app
from reporting.services.evidence import evidence_attach
from tests.files import upload
from tests.pdfs import hostile_pdf
from tests.workers import new_queue, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CPU_LIMIT = 1


@pytest.fixture
def worker():
    """A worker on a queue of its own, reading the test's media folder."""
    queue = new_queue()
    process = start_worker(
        queue,
        env={
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PREVIEW_CPU_SECONDS": str(CPU_LIMIT),
            "PREVIEW_WALL_SECONDS": "60",
        },
    )
    saved = {
        "task_always_eager": app.conf.task_always_eager,
        "task_default_queue": app.conf.task_default_queue,
    }
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    yield process
    app.conf.update(saved)
    if process.returncode is None:  # the test may have stopped it to read its log
        stop_worker(process)


def test_a_real_worker_fails_a_hostile_pdf_within_the_limit_and_only_once(
    worker, client_for, verifier, operator, dinkes_answer
):
    evidence = evidence_attach(
        answer=dinkes_answer,
        uploads=[upload("bom.pdf", hostile_pdf(30_000_000))],
        actor=operator,
    ).stored[0]
    client = client_for(verifier)
    page = reverse(
        "admin:reporting_assessment_review", args=[dinkes_answer.assessment_id]
    )

    started = time.monotonic()
    first = client.get(page)
    assert time.monotonic() - started < 5  # the page does not wait for the drawing
    assert "Pratinjau sedang dibuat" in first.content.decode()
    # Only the worker can have written the outcome.
    assert wait_for(
        lambda: Preview.objects.filter(status=Preview.Status.FAILED).exists(), 120
    )
    row = Preview.objects.get(sha256=evidence.sha256)
    assert row.reason.startswith("cpu-limit")
    assert row.cpu_seconds <= CPU_LIMIT + 1.5

    again = client.get(page)
    assert "Pratinjau tidak tersedia." in again.content.decode()
    started = time.monotonic()
    preview = client.get(reverse("reporting:evidence-preview", args=[evidence.pk]))
    assert time.monotonic() - started < 1
    assert preview.status_code == 404
    # Nothing was queued again, and the stored outcome stays as it was.
    assert not OutboxTask.objects.exists()
    time.sleep(2)
    assert Preview.objects.count() == 1
    assert Preview.objects.get(pk=row.pk).finished_at == row.finished_at
    assert worker.poll() is None  # the worker survived the hostile file
    log = stop_worker(worker)
    assert log.count("Task files.tasks.render_preview[") == 2  # received, done
