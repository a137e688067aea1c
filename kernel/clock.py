"""The portal's one reading of "now".

Views and selectors that show or decide something by the current time read it here
(and pass it down as ``now=``), so one request sees one moment and a test moves the
clock in one place with ``time_machine.travel(...)``, which patches this too.
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone


def now() -> datetime.datetime:
    """The current moment, timezone-aware (UTC)."""
    return timezone.now()


def localtime(moment: datetime.datetime | None = None) -> datetime.datetime:
    """``moment`` (default: now) in the portal's zone, Asia/Jakarta (WIB)."""
    return timezone.localtime(moment or now())


def localdate(moment: datetime.datetime | None = None) -> datetime.date:
    """Today's date (or ``moment``'s) in the portal's zone: the date users see."""
    return localtime(moment).date()


def when(moment: datetime.datetime) -> str:
    """A moment as people in the portal read it (local time, Indonesian format)."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def when_with_zone(moment: datetime.datetime) -> str:
    """``when`` with the zone's name, e.g. "1 Desember 2026, 17.05 WIB"."""
    local = timezone.localtime(moment)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} {local.tzname()}"
