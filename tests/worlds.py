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
    try:
        with transaction.atomic():
            try:
                world = build()
                connection.check_constraints()
                yield world
            finally:
                transaction.set_rollback(True)
    finally:
        # Closed with the world: once a browser test has started Playwright in
        # this process (its event loop runs in this thread), the tests after this
        # module do not use the connection the world was built on, and left open
        # it kept PostgreSQL from dropping the test database at the end of a run.
        connection.close()
