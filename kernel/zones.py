"""Indonesia's three time zones (Keppres 41/1987) and moves between wall clock and instant.

Every province has one zone (``regions.Province.zone``); a person sees times in their
region's zone, national staff in the one they chose. A time shown always carries the
zone's Indonesian label, WIB, WITA or WIT.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Zone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Waktu Indonesia Barat, UTC+7)")
    WITA = "Asia/Makassar", _("WITA (Waktu Indonesia Tengah, UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (Waktu Indonesia Timur, UTC+9)")


NATIONAL = Zone.WIB
LABELS = {Zone.WIB: "WIB", Zone.WITA: "WITA", Zone.WIT: "WIT"}


def tz(key: str | None) -> zoneinfo.ZoneInfo:
    """The zone of a key (one of the three); an empty or unknown key reads as WIB."""
    return zoneinfo.ZoneInfo(str(key) if key in LABELS else str(NATIONAL))


def current_key() -> str:
    """The active zone's key (the person's, see ``portal.middleware``)."""
    return str(timezone.get_current_timezone())


def label(zone: datetime.tzinfo | str | None = None) -> str:
    """WIB, WITA or WIT for a zone (default: the active one)."""
    key = zone if isinstance(zone, str) else (str(zone) if zone else current_key())
    return LABELS.get(key, key)  # type: ignore[call-overload]


def instant(wall: datetime.datetime, zone: datetime.tzinfo | str) -> datetime.datetime:
    """The instant at which clocks in ``zone`` show ``wall`` (its own zone ignored)."""
    zone = tz(zone) if isinstance(zone, str) else zone
    return wall.replace(tzinfo=None).replace(tzinfo=zone)


def wall_clock(
    moment: datetime.datetime, zone: datetime.tzinfo | str
) -> datetime.datetime:
    """What clocks in ``zone`` show at ``moment``, without its zone."""
    zone = tz(zone) if isinstance(zone, str) else zone
    return moment.astimezone(zone).replace(tzinfo=None)


def same_wall_clock(
    moment: datetime.datetime, *, read_in: str, show_in: str
) -> datetime.datetime:
    """The instant in ``show_in`` whose clock reads what ``moment`` reads in ``read_in``.

    "23.59 in every region": stored as 23.59 WIB, it is 23.59 WIT in Papua.
    """
    return instant(wall_clock(moment, read_in), show_in)


class Timing(models.TextChoices):
    """How one deadline or window typed by the administrator applies to the regions."""

    NATIONAL = "national", _("Satu saat nasional (sama untuk semua daerah)")
    LOCAL = "local", _("Jam setempat di setiap daerah (WIB, WITA, WIT masing-masing)")


def regional_instant(
    moment: datetime.datetime, timing: str, zone: str | None
) -> datetime.datetime:
    """A stored moment as it applies to a region in ``zone``.

    National timing: the same instant everywhere. Local timing: the moment is stored
    as its wall clock in WIB and each region closes when its own clock shows it.
    """
    if timing != Timing.LOCAL or not zone:
        return moment
    return same_wall_clock(moment, read_in=NATIONAL, show_in=zone)


def as_entered(
    moment: datetime.datetime, timing: str, entered_in: str
) -> datetime.datetime:
    """What to store for a moment typed in ``entered_in``: local timing keeps the
    wall clock (stored in WIB), national timing the instant."""
    if timing != Timing.LOCAL:
        return moment
    return same_wall_clock(moment, read_in=entered_in, show_in=NATIONAL)


def zone_field(verbose_name: str, **options: object) -> models.CharField:
    """A model field holding one of the three zones (WIB unless set)."""
    return models.CharField(
        verbose_name,
        max_length=20,
        choices=Zone.choices,
        default=Zone.WIB,
        db_default=Zone.WIB,  # rows written by code of an older release
        **options,
    )


def timing_field(verbose_name: str, **options: object) -> models.CharField:
    """A model field saying how a stored moment applies (one national instant
    unless set)."""
    return models.CharField(
        verbose_name,
        max_length=10,
        choices=Timing.choices,
        default=Timing.NATIONAL,
        db_default=Timing.NATIONAL,  # rows written by code of an older release
        **options,
    )
