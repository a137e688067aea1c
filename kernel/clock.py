"""The portal's one reading of "now", and the one way a moment is shown.

Views and selectors that show or decide something by the current time read it here
(and pass it down as ``now=``), so one request sees one moment and a test moves the
clock in one place with ``time_machine.travel(...)``, which patches this too.

A moment is shown in the active zone (the person's, activated by
``portal.middleware.PersonZoneMiddleware``; WIB in tasks) or in the zone given, and
always with the zone's label: "31 Mar 2026, 23.59 WIT".
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kernel import zones


def now() -> datetime.datetime:
    """The current moment, timezone-aware (UTC)."""
    return timezone.now()


def localtime(
    moment: datetime.datetime | None = None, zone: str | None = None
) -> datetime.datetime:
    """``moment`` (default: now) in ``zone``, by default the active one (WIB)."""
    return timezone.localtime(moment or now(), zones.tz(zone) if zone else None)


def localdate(
    moment: datetime.datetime | None = None, zone: str | None = None
) -> datetime.date:
    """Today's date (or ``moment``'s) in ``zone`` (default: the active one)."""
    return localtime(moment, zone).date()


def when(moment: datetime.datetime, zone: str | None = None) -> str:
    """A moment as people read it: local date, time "23.59" and the zone's label."""
    # DATETIME_FORMAT ends with the zone's label (portal/formats).
    return formats.date_format(localtime(moment, zone), "DATETIME_FORMAT")


def time_of_day(moment: datetime.datetime, zone: str | None = None) -> str:
    """Only the time with its label, "23.59 WIT"."""
    local = localtime(moment, zone)
    return f"{formats.time_format(local, 'TIME_FORMAT')} {zones.label(local.tzinfo)}"


def when_applying(
    moment: datetime.datetime,
    *,
    timing: str,
    entered_in: str,
    zone: str | None = None,
) -> str:
    """A deadline or window time as the viewer reads it.

    Local timing: the region's own time, "31 Mar 2026, 23.59 WIT (waktu setempat)".
    One national instant: as it was set and, when the viewer's zone differs, in
    theirs too, "31 Mar 2026, 23.59 WIB (1 Apr 2026, 01.59 WIT)".
    """
    mine = when(moment, zone)
    if timing == zones.Timing.LOCAL:
        return _("%(when)s (waktu setempat)") % {"when": mine}
    national = when(moment, entered_in)
    return national if national == mine else f"{national} ({mine})"


def days_until(
    moment: datetime.datetime,
    *,
    now: datetime.datetime | None = None,
    zone: str | None = None,
) -> int:
    """Calendar days from today to ``moment``'s date, both by the clock of ``zone``
    (0: it is today there; negative: it has passed)."""
    return (localdate(moment, zone) - localdate(now, zone)).days
