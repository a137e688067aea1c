"""axe-core on the main pages of every role, at desktop (1366×768) and phone (390 px) width.

Each test signs one role in and visits that role's main pages
(``tests/browser/axe_world.py``; the list is in README.md, "Accessibility"); on each
page axe-core runs the WCAG 2.0/2.1 A and AA rules, and the test fails listing every
serious or critical violation (rule, impact, target selectors, page) once all of the
role's pages have been checked. On a phone the home page is checked a second time
with the folded navigation opened.

The world is built once per session (``tests/snapshots.py``) and replayed in each test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, Page, expect

from tests.axe import Violation, axe_violations
from tests.browser import axe_world
from tests.browser.helpers import LOGIN_PATH, sign_in, sign_in_home
from tests.chromium import DEFAULT_TIMEOUT_MS
from tests.snapshots import Snapshot, capture

pytestmark = pytest.mark.browser

VIEWPORTS = {
    "desktop": {"width": 1366, "height": 768},
    "phone": {"width": 390, "height": 844},
}
# role -> (demo account signing in, its pages)
ROLES: dict[str, tuple[str | None, Callable[[], list[str]]]] = {
    "anonymous": (None, axe_world.anonymous_pages),
    "operator": ("demo.opd.salatiga", axe_world.operator_pages),
    "coordinator": ("demo.koordinator.salatiga", axe_world.coordinator_pages),
    "verifier": ("demo.kanwil.jateng", axe_world.verifier_pages),
    "ministry": ("demo.kementerian", axe_world.ministry_pages),
    "administrator": ("demo.admin", axe_world.administrator_pages),
}


@pytest.fixture(scope="session")
def _world_snapshot(django_db_setup, django_db_blocker, tmp_path_factory) -> Snapshot:
    from regions.services import regions_load

    media = tmp_path_factory.mktemp("axe-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        snapshot, _ = capture("axe_world", axe_world.world_build, before=regions_load)
    return snapshot


@pytest.fixture
def world(transactional_db, _world_snapshot) -> None:
    """The session's world, committed so that live_server sees it (the regions
    are already there: tests/conftest.py)."""
    _world_snapshot.replay()


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(locale="id-ID", viewport=VIEWPORTS[request.param])
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def report(found: list[Violation]) -> str:
    return "\n".join(map(str, found))


@pytest.mark.parametrize("role", list(ROLES))
def test_main_pages_have_no_serious_axe_violations(
    sized_page: Page, live_server, world, role: str
) -> None:
    base = live_server.url
    username, pages = ROLES[role]
    if username is not None:
        sign_in_home(sized_page, base, username)
    found: list[Violation] = []
    for path in pages():
        response = sized_page.goto(base + path)
        assert response is not None and response.ok, (
            path,
            response and response.status,
        )
        found += axe_violations(sized_page, path)
        menu = sized_page.get_by_role("button", name="Buka menu")
        if path == "/" and menu.is_visible():
            menu.click()
            # Bootstrap's .collapsing becomes .show once the menu is fully open.
            expect(sized_page.locator("#menu")).to_have_class(re.compile(r"\bshow\b"))
            found += axe_violations(sized_page, "/ (menu open)")
    assert not found, report(found)


def test_login_error_has_no_serious_axe_violations(
    sized_page: Page, live_server, transactional_db
) -> None:
    """The login form as a person sees it after a wrong password."""
    sign_in(sized_page, live_server.url, "demo.opd.salatiga", "bukan-kata-sandinya")
    expect(
        sized_page.get_by_text("Nama pengguna atau kata sandi salah")
    ).to_be_visible()
    found = axe_violations(sized_page, LOGIN_PATH + " (wrong password)")
    assert not found, report(found)
