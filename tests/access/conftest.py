"""The matrix's world is built once per module inside a transaction that is rolled
back afterwards (tests/worlds.py); each test runs in its own savepoint, so allowed
actions undo too."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

from tests.access.world import World, build_world
from tests.worlds import rolled_back_world

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> World:
    media = Path(tmp_path_factory.mktemp("access-media"))
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        rolled_back_world(build_world) as world,
    ):
        yield world


@pytest.fixture(scope="module")
def sessions(world: World, django_db_blocker) -> dict[str, str]:
    """One signed-in session per role (its cookie value), made once inside the
    world's transaction: each test's savepoint undoes what a request changes in it."""
    keys = {}
    with django_db_blocker.unblock():
        for role, user in world.users.items():
            if user is not None:
                client = Client()
                client.force_login(user, backend=BACKEND)
                keys[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


@pytest.fixture(autouse=True)
def _media_storage() -> None:
    """The world's files stay where the module fixture stored them."""
