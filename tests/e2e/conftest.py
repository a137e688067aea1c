"""The end-to-end run: the browser, a small country and a real Celery worker.

The browser is the browser tests' (tests/browser/conftest.py: Debian's Chromium,
never a downloaded one); their ``page`` fixture and report hook are imported, so a
failing step leaves a screenshot of the page it failed on.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, sync_playwright

from portal.celery import app
from tests.browser.conftest import (  # noqa: F401 - fixture and hook shared with tests/browser
    CHROMIUM,
    CHROMIUM_ARGS,
    page,
    pytest_runtest_makereport,
)
from tests.workers import new_queue, start_worker, stop_worker

# The demo cast's kab/kota (Salatiga and Banyumas in Jawa Tengah, Palu in Sulawesi
# Tengah): "Buka penilaian" opens the year for every kab/kota there is, so the run
# loads only these and the console opens exactly three assessments.
REGENCIES = ("33.73", "33.02", "72.71")
BROWSER_TESTS = Path(__file__).resolve().parent.parent / "browser"


def _browser_tests_chromium(request: pytest.FixtureRequest) -> Browser | None:
    """The browser tests' session Chromium, if they have started it in this run.

    Only one sync Playwright can run in a thread, so a run that has both folders
    shares that one instead of starting a second.
    """
    manager = request.config.pluginmanager.get_plugin("funcmanage")
    for item in request.session.items:
        if BROWSER_TESTS in item.path.resolve().parents:
            for fixturedef in manager.getfixturedefs("browser", item) or ():
                cached = fixturedef.cached_result
                if cached is not None and cached[2] is None:
                    return cached[0]
            return None
    return None


@pytest.fixture
def browser(request: pytest.FixtureRequest) -> Iterator[Browser]:
    """Chromium for one test, closed after it, so that tests/browser can start its
    own later in the same run."""
    shared = _browser_tests_chromium(request)
    if shared is not None:
        yield shared
        return
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/system-packages.sh test")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def e2e_cast(transactional_db, tmp_path: Path) -> None:
    """Two provinces, three kab/kota and the demo accounts, committed for live_server."""
    from accounts.demo import demo_load
    from regions.services import REGIONS_FIXTURE, regions_load

    full = json.loads(REGIONS_FIXTURE.read_text("utf-8"))
    regencies = [r for r in full["regencies"] if r["code"] in REGENCIES]
    provinces = {r["province"] for r in regencies}
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
