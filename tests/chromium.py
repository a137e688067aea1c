"""Debian's Chromium through Playwright's sync API, shared by every browser-driven test.

One sync Playwright can run per thread, so the browser tests (tests/browser) and the
end-to-end run (tests/e2e) share this session's Chromium: the fixtures live here and
the root conftest imports them. Nothing here downloads a browser: Chromium comes from
the Debian package (``scripts/system-packages.sh test``) at /usr/bin/chromium.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections

# Playwright's sync API runs an asyncio event loop in the test thread; Django
# would otherwise refuse ORM calls (fixtures, flushes) made from that thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.helpers import ARTIFACTS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEFAULT_TIMEOUT_MS = 10_000


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Keep each phase's report on the item so that fixtures can see failures."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium package "
            "(scripts/system-packages.sh test); never `playwright install`."
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        # While Playwright runs, its event loop is the running loop of this thread,
        # and Django keeps the connections opened meanwhile apart from the
        # thread's own (asgiref's Local is per context then). Once Playwright has
        # stopped, pytest-django's closing teardown sees only the thread's own and
        # cannot close those: one left open kept PostgreSQL from dropping the test
        # database at the end of a run. Closed here, while they are still visible.
        connections.close_all()
        chromium.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(locale="id-ID")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    new_page = context.new_page()
    try:
        yield new_page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.\[\]-]+", "_", request.node.name)
            try:
                new_page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            except Exception as exc:
                print(f"screenshot failed: {exc}")  # noqa: T201
        context.close()
