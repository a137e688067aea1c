"""Aksi HAM windows in three zones: "14.00 in every region", a B12 window running into
January, reminders by each region's own clock, and the zone on every time shown."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from aksiham import windows
from aksiham.models import Period
from aksiham.services.notices import reminders_send
from aksiham.services.plans import periods_create
from kernel import clock, zones
from notices.models import Notification
from tests.aksiham.moments import WIB, YEAR, at

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

WIT = zones.tz(zones.Zone.WIT)
# B12 as in 2019/2020: 28 Dec 14.00 to 11 Jan 23.59, across New Year.
B12_OPEN = datetime.datetime(YEAR, 12, 28, 14, 0, tzinfo=WIB)
B12_CLOSE = datetime.datetime(YEAR + 1, 1, 11, 23, 59, tzinfo=WIB)


def _periods(timing: str) -> dict[str, Period]:
    made = periods_create(
        year=YEAR,
        windows={
            "B04": (at(4, 24), at(5, 5), at(5, 8)),
            "B08": (at(8, 24), at(9, 4), at(9, 7)),
            "B12": (B12_OPEN, B12_CLOSE, B12_CLOSE),
        },
        actor=None,
        timing=timing,
    )
    return {p.code: p for p in made}


@pytest.fixture
def local_periods(plan):
    return _periods(zones.Timing.LOCAL)


def _moment(*args: int, tz=WIB) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=tz)


@pytest.mark.parametrize(
    ("now", "in_wib", "in_wit"),
    [
        # 13.30 WIB is 15.30 WIT: Papua's 14.00 has come, Aceh's not yet.
        (_moment(YEAR, 12, 28, 13, 30), "upcoming", "open"),
        (_moment(YEAR, 12, 31, 23, 59), "open", "open"),
        (_moment(YEAR + 1, 1, 1, 0, 30, tz=WIT), "open", "open"),
        # 22.30 WIB on 11 January is 00.30 WIT on the 12th: Papua has closed.
        (_moment(YEAR + 1, 1, 11, 22, 30), "open", "closed"),
        (_moment(YEAR + 1, 1, 12, 0, 0), "closed", "closed"),
    ],
)
def test_a_local_b12_window_opens_and_closes_across_new_year_in_each_zone(
    local_periods, now, in_wib, in_wit
):
    b12 = local_periods["B12"]
    assert b12.state(now, zones.Zone.WIB) == in_wib
    assert b12.state(now, zones.Zone.WIT) == in_wit
    times = b12.times(zones.Zone.WIT)
    assert times.opens_at == _moment(YEAR, 12, 28, 14, 0, tz=WIT)
    assert times.closes_at == _moment(YEAR + 1, 1, 11, 23, 59, tz=WIT)


def test_the_server_refuses_papua_after_its_own_close_and_takes_aceh(
    local_periods, jayapura, salatiga
):
    b12 = local_periods["B12"]
    late = _moment(YEAR + 1, 1, 11, 22, 30)
    papua = windows.window_for(None, b12, jayapura.code, now=late)
    java = windows.window_for(None, b12, salatiga.code, now=late)
    assert not papua.can_submit and java.can_submit
    with timezone.override(WIT):  # as the Papua coordinator's page reads it
        message = windows.window_for(None, b12, jayapura.code, now=late).message
    assert (
        clock.when(_moment(YEAR + 1, 1, 11, 23, 59, tz=WIT), zones.Zone.WIT) in message
    )
    assert "23.59 WIT" in message


def test_a_national_b12_window_is_one_instant_everywhere(plan, jayapura, salatiga):
    b12 = _periods(zones.Timing.NATIONAL)["B12"]
    at_new_year = _moment(YEAR + 1, 1, 1, 0, 0)
    assert b12.state(at_new_year, zones.Zone.WIT) == "open"
    after = B12_CLOSE + datetime.timedelta(minutes=1)
    for code in (jayapura.code, salatiga.code):
        assert not windows.window_for(None, b12, code, now=after).can_submit
    assert b12.times(zones.Zone.WIT).closes_at == B12_CLOSE


def test_a_papua_coordinator_sees_the_window_in_wit(
    local_periods, papua_staff, client_for
):
    with time_machine.travel(_moment(YEAR, 12, 29, 9, 0), tick=False):
        page = client_for(papua_staff).get(
            reverse("aksiham:grid", args=[YEAR, "91.71"])
        )
    text = page.content.decode()
    opens = _moment(YEAR, 12, 28, 14, 0, tz=WIT)
    closes = _moment(YEAR + 1, 1, 11, 23, 59, tz=WIT)
    assert f"Dibuka {clock.when(opens, zones.Zone.WIT)}" in text
    assert f"ditutup {clock.when(closes, zones.Zone.WIT)}" in text
    assert "2026, 14.00 WIT" in text and "2027, 23.59 WIT" in text
    assert " WIB" not in text.split('id="aksi-grid"')[0].split("<main")[-1]


def test_reminders_follow_each_regions_own_close(
    local_periods, regency_staff, papua_staff
):
    b04 = local_periods["B04"]
    # 5 May 07.00 WIB: Papua closed at 08.00 WIT (06.00 WIB), Java closes at 08.00.
    reminders_send(now=_moment(YEAR, 5, 5, 7, 0))
    papua = Notification.objects.get(recipient=papua_staff)
    java = Notification.objects.get(recipient=regency_staff)
    assert papua.event_key == f"aksiham:{b04.pk}:91.71:overdue"
    assert "5 Mei 2026, 08.00 WIT" in papua.body
    assert java.event_key == f"aksiham:{b04.pk}:33.73:due1"
    assert "5 Mei 2026, 08.00 WIB" in java.subject


def test_the_console_reads_a_local_window_in_the_administrators_zone(
    plan, administrator, client_for
):
    administrator.time_zone = zones.Zone.WIT
    administrator.save(update_fields=["time_zone"])
    with time_machine.travel(_moment(YEAR, 12, 1, 9, 0), tick=False):
        client = client_for(administrator)  # signed in at the moment it uses
        form = client.get(reverse("admin:aksiham_period_add")).content.decode()
        response = client.post(
            reverse("admin:aksiham_period_add"),
            {
                "year": YEAR,
                "code": "B12",
                "timing": "local",
                "opens_at_0": "28/12/2026",
                "opens_at_1": "14.00",
                "closes_at_0": "11/01/2027",
                "closes_at_1": "23:59",
                "grace_until_0": "11-01-2027",
                "grace_until_1": "23.59",
                "fix_days": 7,
            },
        )
    assert "Jam dibaca dalam WIT" in form
    assert response.status_code == 302, response.content.decode()[:3000]
    b12 = Period.objects.get(year=YEAR, code="B12")
    assert b12.is_local
    # Typed in WIT, meant as the clock time of every region.
    assert b12.times(zones.Zone.WIT).opens_at == _moment(YEAR, 12, 28, 14, 0, tz=WIT)
    assert b12.times(zones.Zone.WIB).closes_at == B12_CLOSE
    with time_machine.travel(_moment(YEAR, 12, 1, 9, 0), tick=False):
        again = client.get(reverse("admin:aksiham_period_change", args=[b12.pk]))
    assert 'value="28/12/2026"' in again.content.decode()
    assert 'value="14.00"' in again.content.decode()
