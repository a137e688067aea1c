"""The reporting window of a period for one kab/kota (and the year of independence).

Pure rules with the clock passed in, so that every boundary can be tested:
- upcoming: drafts may be prepared, nothing sent yet;
- open [opens_at, closes_at): sent on time;
- grace [closes_at, grace_until): sent, flagged late;
- closed: refused, unless the administrator extended the kab/kota (sent, flagged
  late with extension) or the Kanwil returned the report less than ``fix_days`` ago
  (a requested fix is never late).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.independence import year_start
from aksiham.models import ActionReport, Period
from kernel import clock
from kernel.clock import when
from regions.zones import zone_of


@dataclass(frozen=True)
class Window:
    state: str
    can_edit: bool
    can_submit: bool
    late: bool = False
    extended: bool = False
    message: str = ""


def window(
    period: Period,
    *,
    now: datetime.datetime,
    zone: str | None = None,
    extension_until: datetime.datetime | None = None,
    returned_at: datetime.datetime | None = None,
) -> Window:
    """The window in a region of ``zone`` (it matters only for local timing)."""
    times = period.times(zone)
    state = period.state(now, zone)
    if returned_at is not None and now < returned_at + datetime.timedelta(
        days=period.fix_days
    ):
        return Window(state, can_edit=True, can_submit=True)
    if state == Period.State.UPCOMING:
        return Window(
            state,
            can_edit=True,
            can_submit=False,
            message=_("Periode %(period)s baru dibuka pada %(at)s.")
            % {"period": period.code, "at": when(times.opens_at)},
        )
    if state == Period.State.OPEN:
        return Window(state, can_edit=True, can_submit=True)
    if state == Period.State.GRACE:
        return Window(
            state,
            can_edit=True,
            can_submit=True,
            late=True,
            message=_(
                "Periode ditutup pada %(closed)s; laporan yang dikirim sampai "
                "%(grace)s diterima dengan tanda terlambat."
            )
            % {"closed": when(times.closes_at), "grace": when(times.grace_until)},
        )
    if extension_until is not None and now < extension_until:
        return Window(
            state,
            can_edit=True,
            can_submit=True,
            late=True,
            extended=True,
            message=_("Periode diperpanjang untuk daerah ini sampai %(until)s.")
            % {"until": when(extension_until)},
        )
    return Window(
        state,
        can_edit=False,
        can_submit=False,
        message=_(
            "Periode %(period)s ditutup pada %(closed)s. Laporan baru tidak dapat "
            "dikirim; mintalah perpanjangan kepada administrator."
        )
        % {"period": period.code, "closed": when(times.closes_at)},
    )


def window_for(
    report_or_none: ActionReport | None, period: Period, regency_code: str, *, now=None
) -> Window:
    """The window of one report (or of a report not started yet)."""
    now = now or clock.now()
    extension = period.extensions.filter(regency_id=regency_code).first()
    returned_at = None
    if (
        report_or_none is not None
        and report_or_none.status == ActionReport.Status.RETURNED
    ):
        returned_at = report_or_none.returned_at
    return window(
        period,
        now=now,
        zone=zone_of(regency_code) if period.is_local else None,
        extension_until=extension.until if extension else None,
        returned_at=returned_at,
    )


def independence_since(period: Period) -> datetime.datetime:
    """A regional role held at any moment of the period's year disqualifies."""
    return year_start(period.year)
