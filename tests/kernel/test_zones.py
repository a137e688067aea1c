"""The three zones: labels, wall clock ↔ instant, how a deadline applies in a region."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from kernel import clock, zones

UTC = datetime.UTC
# 31 March 2026 23.59 WIB = 16.59 UTC.
NATIONAL_INSTANT = datetime.datetime(2026, 3, 31, 16, 59, tzinfo=UTC)


def test_each_zone_has_its_indonesian_label():
    assert [zones.label(z) for z in zones.Zone.values] == ["WIB", "WITA", "WIT"]
    with timezone.override(zones.tz(zones.Zone.WIT)):
        assert zones.label() == "WIT"


def test_a_moment_is_shown_with_a_dot_and_the_zone_of_the_viewer():
    assert clock.when(NATIONAL_INSTANT) == "31 Maret 2026, 23.59 WIB"
    # The same instant is already 1 April in Papua, 01.59 WIT.
    assert clock.when(NATIONAL_INSTANT, zones.Zone.WIT) == "1 April 2026, 01.59 WIT"
    assert clock.time_of_day(NATIONAL_INSTANT, zones.Zone.WITA) == "00.59 WITA"
    with timezone.override(zones.tz(zones.Zone.WIT)):
        assert clock.when(NATIONAL_INSTANT).endswith("01.59 WIT")
    with translation.override("en"):
        assert clock.when(NATIONAL_INSTANT) == "March 31, 2026, 23.59 WIB"


def test_local_timing_gives_every_region_its_own_instant():
    papua = zones.regional_instant(NATIONAL_INSTANT, zones.Timing.LOCAL, zones.Zone.WIT)
    aceh = zones.regional_instant(NATIONAL_INSTANT, zones.Timing.LOCAL, zones.Zone.WIB)
    assert papua == datetime.datetime(
        2026, 3, 31, 23, 59, tzinfo=zones.tz("Asia/Jayapura")
    )
    assert zones.wall_clock(papua, zones.Zone.WIT).time() == datetime.time(23, 59)
    assert aceh == NATIONAL_INSTANT
    assert aceh - papua == datetime.timedelta(hours=2)  # Papua closes first
    national = zones.regional_instant(
        NATIONAL_INSTANT, zones.Timing.NATIONAL, zones.Zone.WIT
    )
    assert national == NATIONAL_INSTANT


def test_a_local_time_typed_in_wita_is_stored_as_the_same_clock_time_in_wib():
    typed = datetime.datetime(2026, 3, 31, 23, 59, tzinfo=zones.tz(zones.Zone.WITA))
    stored = zones.as_entered(typed, zones.Timing.LOCAL, zones.Zone.WITA)
    assert stored == datetime.datetime(
        2026, 3, 31, 23, 59, tzinfo=zones.tz("Asia/Jakarta")
    )
    assert zones.as_entered(typed, zones.Timing.NATIONAL, zones.Zone.WITA) == typed


def test_a_national_instant_shows_where_it_was_set_and_the_viewers_zone():
    text = clock.when_applying(
        NATIONAL_INSTANT,
        timing=zones.Timing.NATIONAL,
        entered_in=zones.Zone.WIB,
        zone=zones.Zone.WIT,
    )
    assert text == "31 Maret 2026, 23.59 WIB (1 April 2026, 01.59 WIT)"
    same = clock.when_applying(
        NATIONAL_INSTANT, timing=zones.Timing.NATIONAL, entered_in=zones.Zone.WIB
    )
    assert same == "31 Maret 2026, 23.59 WIB"
    papua = zones.regional_instant(NATIONAL_INSTANT, zones.Timing.LOCAL, zones.Zone.WIT)
    local = clock.when_applying(
        papua,
        timing=zones.Timing.LOCAL,
        entered_in=zones.Zone.WIB,
        zone=zones.Zone.WIT,
    )
    assert local == "31 Maret 2026, 23.59 WIT (waktu setempat)"


@pytest.mark.clock
@pytest.mark.parametrize(("zone", "days"), [(zones.Zone.WIB, 0), (zones.Zone.WIT, -1)])
def test_days_left_count_by_the_regions_own_calendar(zone, days):
    """A local 23.59 deadline at 22.30 WIB: still today in Aceh, already past in
    Papua, where it is 00.30 the next day."""
    deadline = zones.regional_instant(NATIONAL_INSTANT, zones.Timing.LOCAL, zone)
    with time_machine.travel(datetime.datetime(2026, 3, 31, 15, 30, tzinfo=UTC)):
        assert clock.days_until(deadline, zone=zone) == days
        assert clock.days_until(deadline, zone=zone, now=clock.now()) == days
