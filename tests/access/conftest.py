"""The matrix's world is built once per module inside a transaction that is rolled
back afterwards (tests/worlds.py); each test runs in its own savepoint, so allowed
actions undo too."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test.utils import override_settings

from tests.access.world import World, build_world
from tests.worlds import rolled_back_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> World:
    media = Path(tmp_path_factory.mktemp("access-media"))
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        rolled_back_world(build_world) as world,
    ):
        yield world


@pytest.fixture(autouse=True)
def _media_storage() -> None:
    """The world's files stay where the module fixture stored them."""
