"""The matrix's world is built once per module inside a transaction that is rolled
back afterwards; each test runs in its own savepoint, so allowed actions undo too."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import transaction
from django.test.utils import override_settings

from tests.access.world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> World:
    media = Path(tmp_path_factory.mktemp("access-media"))
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _media_storage() -> None:
    """The world's files stay where the module fixture stored them."""
