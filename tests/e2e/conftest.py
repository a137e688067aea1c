"""The end-to-end run: the browser, a small country and a real Celery worker.

The browser is the session's Debian Chromium shared with tests/browser
(tests/chromium.py, imported by the root conftest); its ``page`` fixture keeps a
screenshot of the page a failing step stopped on.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from accounts.demo import DEMO_REGENCIES
from portal.celery import app
from tests.workers import new_queue, start_worker, stop_worker

# The demo cast's kab/kota (Salatiga and Banyumas in Jawa Tengah, WIB; Palu in
# Sulawesi Tengah, WITA; Kota Jayapura in Papua, WIT): "Buka penilaian" opens the
# year for every kab/kota there is, so the run loads only these and the console
# opens exactly that many assessments.
REGENCIES = DEMO_REGENCIES


@pytest.fixture
def e2e_cast(without_regions, tmp_path: Path) -> None:
    """The demo's provinces and kab/kota and its accounts, committed for live_server."""
    from accounts.demo import demo_load
    from regions.services import REGIONS_FIXTURE, regions_load

    full = json.loads(REGIONS_FIXTURE.read_text("utf-8"))
    regencies = [r for r in full["regencies"] if r["code"] in REGENCIES]
    # With Papua Barat: the seat of the Kanwil office that covers Papua (Jayapura).
    provinces = {r["province"] for r in regencies} | {"92"}
    small = {
        **full,
        "provinces": [p for p in full["provinces"] if p["code"] in provinces],
        "regencies": regencies,
    }
    path = tmp_path / "regions-e2e.json"
    path.write_text(json.dumps(small), "utf-8")
    regions_load(regions_path=path)
    demo_load()


@pytest.fixture
def real_worker(transactional_db) -> Iterator[subprocess.Popen[str]]:
    """A Celery worker process on the test database; the live server sends it tasks.

    The test settings run tasks eagerly inside the web process; here they go to the
    broker (Redis when REDIS_URL is set, else the filesystem transport) on a queue
    of their own, and only the worker runs them.
    """
    queue = new_queue()
    saved = {
        "task_always_eager": app.conf.task_always_eager,
        "task_default_queue": app.conf.task_default_queue,
    }
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    # Exports are written under MEDIA_ROOT, which each test moves to its tmp_path.
    process = start_worker(queue, env={"MEDIA_ROOT": str(settings.MEDIA_ROOT)})
    try:
        yield process
    finally:
        app.conf.update(saved)
        stop_worker(process)
