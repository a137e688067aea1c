"""Python's cycle collector paused while a task builds many short-lived objects.

A national recompute makes some hundred thousand Decimals, tuples and lines that
nothing refers to in a cycle; reference counting frees them. The cycle collector
would still walk every live object of the process each time enough of them were
made, which cost about 40 % of the computing time there (and about a third of laying
out a national ranking PDF, whose boxes do refer to each other: those wait for the
collector's next pass, a few megabytes). What it would have found is collected when
it is turned back on.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
