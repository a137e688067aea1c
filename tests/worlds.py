"""A world built once for a module, inside a transaction rolled back after it.

Each test then runs in its own savepoint (pytest-django's ``db``), so what a test
does is undone with it. The world's deferred foreign-key checks run once, when it is
built: left pending, every test's closing check (Django runs one inside the test's
savepoint) would run them all again, and roll them back with the savepoint, which
cost the access matrix about 25 ms a test.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import connection, transaction

T = TypeVar("T")


@contextlib.contextmanager
def rolled_back_world(build: Callable[[], T]) -> Iterator[T]:
    with transaction.atomic():
        try:
            world = build()
            connection.check_constraints()
            yield world
        finally:
            transaction.set_rollback(True)
