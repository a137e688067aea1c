"""The clock seam (portal/clock.py) and the clock sweep of tests/clock.py."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from kernel import clock
from tests.clock import FIXTURE, SWEEP, WIB

UTC = datetime.UTC


def test_the_local_date_is_the_date_in_jakarta():
    # 17:30 UTC on New Year's Eve is already 00:30 on 1 January in WIB.
    with time_machine.travel(datetime.datetime(2026, 12, 31, 17, 30, tzinfo=UTC)):
        assert clock.now().year == 2026
        assert clock.localdate() == datetime.date(2027, 1, 1)
        assert clock.localtime().utcoffset() == datetime.timedelta(hours=7)
    moment = datetime.datetime(2026, 5, 5, 1, 0, tzinfo=UTC)
    assert clock.localdate(moment) == datetime.date(2026, 5, 5)


def test_the_sweep_covers_every_window_a_deadline_minute_and_new_year():
    days = {(m.month, m.day) for m in SWEEP.values()}
    assert {(4, 28), (5, 5), (9, 5), (11, 30), (12, 31), (1, 15)} <= days
    assert all(m.utcoffset() == datetime.timedelta(hours=7) for m in SWEEP.values())
    assert len({m.year for m in SWEEP.values()}) == 2  # across New Year


@pytest.fixture
def seen_at_setup() -> datetime.datetime:
    return clock.now()


@pytest.mark.clock
def test_a_moved_clock_reaches_the_fixtures_and_the_test(request, seen_at_setup):
    moment = request.node.callspec.params.get(FIXTURE) if _swept(request) else None
    # The ordinary run sees the real clock, a swept run the sweep's moment.
    expected = datetime.datetime.now(UTC) if moment is None else moment
    for seen in (seen_at_setup, clock.now()):
        assert abs(seen - expected) < datetime.timedelta(minutes=2)


@pytest.mark.clock
def test_the_tests_own_travel_wins_over_the_sweep():
    mine = datetime.datetime(2026, 2, 3, 4, 5, tzinfo=WIB)
    with time_machine.travel(mine, tick=False):
        assert clock.now() == mine


@pytest.mark.clock
@pytest.mark.time_machine(datetime.datetime(2026, 6, 1, 9, 0, tzinfo=WIB), tick=False)
def test_the_time_machine_marker_wins_over_the_sweep():
    assert clock.localtime().date() == datetime.date(2026, 6, 1)


def _swept(request) -> bool:
    return FIXTURE in getattr(getattr(request.node, "callspec", None), "params", {})
