"""Browser tests: Playwright's sync API driving Debian's Chromium against live_server.

The ``browser`` and ``page`` fixtures are shared with the end-to-end run and live in
``tests/chromium.py`` (imported by the root conftest).
"""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder carries the ``browser`` marker."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def demo_cast(transactional_db) -> None:
    """The demo accounts, committed so that live_server sees them, beside the
    regions every test database has (tests/conftest.py)."""
    from accounts.demo import demo_load

    demo_load()
