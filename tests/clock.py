"""Clock-sensitive tests, run a second time at other moments of the year.

Mark a test (or a module, with ``pytestmark``) that depends on "now" — deadlines,
Aksi HAM windows, reminders, digests, expiry, streaks, lockouts — with::

    @pytest.mark.clock

Without options it runs once, at the real time. ``--clock-at=ISO`` (repeatable) runs
each marked test once per moment given instead; ``--clock-sweep`` runs it at the real
time and at every moment of ``SWEEP`` below. The clock is moved there by
``time_machine.travel(moment, tick=True)`` before any of the test's function
fixtures. A test that sets its own clock (``time_machine.travel`` inside the test,
the ``time_machine`` fixture or marker) still wins: its travel is nested inside this
one. ``make test`` runs the whole suite with ``--clock-sweep`` in one invocation, so
a test that only passes on today's date fails on the day it is written.

Tests that start other processes (Celery workers, Chromium, gunicorn) cannot be moved
in-process: leave them unmarked, they set their own consistent times.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
import time_machine

WIB = datetime.timezone(datetime.timedelta(hours=7), "WIB")


def _at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WIB)


# Spread over a year, around the fixtures' 2026 Aksi HAM windows (tests/aksiham/
# conftest.py) and the turn of the year, in WIB (the portal's zone).
SWEEP: dict[str, datetime.datetime] = {
    "B04-open": _at(2026, 4, 28, 10, 0),
    "B04-close-minute": _at(2026, 5, 5, 8, 0),
    "B08-grace": _at(2026, 9, 5, 14, 30),
    "B12-open": _at(2026, 11, 30, 23, 59),
    "new-year-eve": _at(2026, 12, 31, 23, 59),
    "new-year-utc-eve": _at(2027, 1, 1, 6, 30),
    "mid-january": _at(2027, 1, 15, 8, 0),
}

FIXTURE = "_clock_at"


def _parse(value: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError as exc:
        raise pytest.UsageError(f"--clock-at: not an ISO date/time: {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=WIB)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("clock")
    group.addoption(
        "--clock-at",
        action="append",
        default=[],
        metavar="ISO",
        help="run each @pytest.mark.clock test with the clock moved to ISO "
        "(naive times are WIB); repeatable",
    )
    group.addoption(
        "--clock-sweep",
        action="store_true",
        help="run each @pytest.mark.clock test at the real time and at every moment "
        "of tests/clock.py SWEEP",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "clock: depends on the date or time; --clock-at/--clock-sweep rerun it "
        "with the clock moved (tests/clock.py)",
    )


def _moments(config: pytest.Config) -> dict[str, datetime.datetime | None]:
    """The moments each marked test runs at; None is the real clock."""
    chosen: dict[str, datetime.datetime | None] = {
        value: _parse(value) for value in config.getoption("clock_at")
    }
    if config.getoption("clock_sweep"):
        chosen = {"now": None, **chosen, **SWEEP}
    return chosen


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    moments = _moments(metafunc.config)
    if not moments or metafunc.definition.get_closest_marker("clock") is None:
        return
    metafunc.parametrize(
        FIXTURE,
        list(moments.values()),
        ids=[f"clock={name}" for name in moments],
        indirect=True,
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Travel before the test's function fixtures (and before its own travel)."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is None or FIXTURE not in callspec.params:
            continue
        names = item.fixturenames  # type: ignore[attr-defined]
        names.remove(FIXTURE)
        defs = item._fixtureinfo.name2fixturedefs  # type: ignore[attr-defined]
        first = next(
            (
                i
                for i, name in enumerate(names)
                if name == "time_machine"
                or (name in defs and defs[name][-1].scope == "function")
            ),
            len(names),
        )
        names.insert(first, FIXTURE)


@pytest.fixture(autouse=True)
def _clock_at(request: pytest.FixtureRequest) -> Iterator[datetime.datetime | None]:
    """The moment of this run of a clock test, or None (the real clock)."""
    moment = getattr(request, "param", None)
    if moment is None:
        yield None
        return
    with time_machine.travel(moment, tick=True):
        yield moment
