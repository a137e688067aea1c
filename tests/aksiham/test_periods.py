"""A period's state follows the clock; the window decides editing, sending and lateness."""

from __future__ import annotations

import datetime

import pytest

from aksiham import windows
from aksiham.models import Period
from tests.aksiham.moments import B04_CLOSE, B04_GRACE, B04_OPEN

SECOND = datetime.timedelta(seconds=1)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("moment", "state"),
    [
        (B04_OPEN - SECOND, Period.State.UPCOMING),
        (B04_OPEN, Period.State.OPEN),
        (B04_CLOSE - SECOND, Period.State.OPEN),
        (B04_CLOSE, Period.State.GRACE),
        (B04_GRACE - SECOND, Period.State.GRACE),
        (B04_GRACE, Period.State.CLOSED),
    ],
)
def test_state_at_every_boundary(b04, moment, state):
    assert b04.state(moment) == state


def test_without_grace_the_period_closes_at_once(periods):
    b12 = periods["B12"]
    assert b12.state(b12.closes_at - SECOND) == Period.State.OPEN
    assert b12.state(b12.closes_at) == Period.State.CLOSED


def test_upcoming_allows_drafts_but_not_sending(b04):
    win = windows.window(b04, now=B04_OPEN - SECOND)
    assert (win.can_edit, win.can_submit) == (True, False)
    assert "B04" in win.message


def test_open_sends_on_time(b04):
    win = windows.window(b04, now=B04_CLOSE - SECOND)
    assert (win.can_submit, win.late) == (True, False)


def test_grace_sends_flagged_late(b04):
    win = windows.window(b04, now=B04_CLOSE)
    assert (win.can_submit, win.late, win.extended) == (True, True, False)


def test_closed_refuses_without_an_extension(b04):
    win = windows.window(b04, now=B04_GRACE)
    assert (win.can_edit, win.can_submit) == (False, False)
    assert "perpanjangan" in win.message


def test_an_extension_reopens_until_its_end(b04):
    until = B04_GRACE + datetime.timedelta(days=2)
    inside = windows.window(b04, now=until - SECOND, extension_until=until)
    assert (inside.can_submit, inside.late, inside.extended) == (True, True, True)
    after = windows.window(b04, now=until, extension_until=until)
    assert after.can_submit is False


def test_a_returned_report_may_be_fixed_for_fix_days_even_after_close(b04):
    returned = B04_GRACE + datetime.timedelta(days=1)
    limit = returned + datetime.timedelta(days=b04.fix_days)
    inside = windows.window(b04, now=limit - SECOND, returned_at=returned)
    assert (inside.can_submit, inside.late) == (True, False)
    assert windows.window(b04, now=limit, returned_at=returned).can_submit is False
