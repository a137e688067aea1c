"""The reporting window of a period for one kab/kota, and who may work on a report.

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

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from aksiham.models import Action, ActionAssignment, ActionReport, Period
from portal import clock
from regions.models import Regency

EDITABLE = {ActionReport.Status.DRAFT, ActionReport.Status.RETURNED}
WAITING = {ActionReport.Status.SUBMITTED, ActionReport.Status.RESUBMITTED}


def when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


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
    extension_until: datetime.datetime | None = None,
    returned_at: datetime.datetime | None = None,
) -> Window:
    state = period.state(now)
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
            % {"period": period.code, "at": when(period.opens_at)},
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
            % {"closed": when(period.closes_at), "grace": when(period.grace_until)},
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
        % {"period": period.code, "closed": when(period.closes_at)},
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
        extension_until=extension.until if extension else None,
        returned_at=returned_at,
    )


# ------------------------------------------------------------------ who


def reports_for(user: User) -> QuerySet[ActionReport]:
    return ActionReport.objects.filter(access.regency_filter(user, "regency__"))


def actions_for_regency(
    plan_actions: QuerySet[Action], regency: Regency
) -> QuerySet[Action]:
    """DKI's administrative areas report only the actions marked for them."""
    if regency.is_dki_administrative:
        return plan_actions.filter(dki_reports=True)
    return plan_actions


def is_coordinator(user: User, regency_code: str) -> bool:
    return regency_code in access.scope_of(user).regency_codes


def works_on(user: User, action: Action, regency_code: str) -> bool:
    """The kab/kota coordinator, or an operator of the OPD the action is assigned to."""
    if is_coordinator(user, regency_code):
        return True
    agencies = access.scope_of(user).agency_ids
    return (
        bool(agencies)
        and ActionAssignment.objects.filter(
            action=action, regency_id=regency_code, agency_id__in=agencies
        ).exists()
    )


def assigned_action_ids(user: User, regency_code: str) -> set[int]:
    agencies = access.scope_of(user).agency_ids
    return set(
        ActionAssignment.objects.filter(
            regency_id=regency_code, agency_id__in=agencies
        ).values_list("action_id", flat=True)
    )


def edit_refusal(
    user: User,
    action: Action,
    period: Period,
    regency_code: str,
    report: ActionReport | None,
    *,
    now=None,
) -> str | None:
    if not works_on(user, action, regency_code):
        return _("Aksi ini ditugaskan kepada OPD lain atau di luar wilayah Anda.")
    if report is not None and report.status not in EDITABLE:
        return _("Laporan berstatus %(status)s dan terkunci.") % {
            "status": report.get_status_display()
        }
    win = window_for(report, period, regency_code, now=now)
    if not win.can_edit:
        return win.message
    return None
