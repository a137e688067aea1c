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

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.independence import year_start
from accounts.models import User
from aksiham.models import (
    Action,
    ActionAssignment,
    ActionReport,
    Period,
    ReportEvidence,
)
from kernel import clock
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


def sees_whole_regency(user: User, regency: Regency) -> bool:
    """The coordinator, the province's Kanwil and the ministry see every action; an
    OPD operator sees only the actions assigned to their OPD (as in KKPHAM)."""
    scope = access.scope_of(user)
    return (
        scope.national
        or regency.code in scope.regency_codes
        or regency.province_id in scope.province_codes
    )


def can_view_action(user: User, action: Action, regency: Regency) -> bool:
    if sees_whole_regency(user, regency):
        return True
    return action.pk in assigned_action_ids(user, regency.code)


def reports_for(user: User) -> QuerySet[ActionReport]:
    """Reports the user may see: their kab/kota's or province's, or for an OPD
    operator only those of the actions assigned to their OPD."""
    scope = access.scope_of(user)
    reports = ActionReport.objects.filter(access.regency_filter(user, "regency__"))
    if scope.national:
        return reports
    assigned = ActionAssignment.objects.filter(
        action=OuterRef("action"),
        regency=OuterRef("regency"),
        agency_id__in=scope.agency_ids,
    )
    return reports.filter(
        Q(regency_id__in=scope.regency_codes)
        | Q(regency__province_id__in=scope.province_codes)
        | Exists(assigned)
    )


def evidence_for(user: User) -> QuerySet[ReportEvidence]:
    """Files the user may open: of the reports they see; a draft's files only for
    the people at work in the kab/kota (the Kanwil and the ministry see what was
    sent, as in the console)."""
    scope = access.scope_of(user)
    return ReportEvidence.objects.filter(report__in=reports_for(user)).filter(
        Q(report__regency_id__in=scope.own_regency_codes)
        | ~Q(report__status=ActionReport.Status.DRAFT)
    )


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


def contributor_ids(reports: QuerySet[ActionReport]) -> set[int]:
    """Everyone who ever wrote these reports or changed their evidence.

    Every save of a report, and every evidence upload or removal, records its
    ``updated_by`` in the report's history; current evidence rows (and their
    history, if kept) add the uploaders.
    """
    ids = reports.values("pk")
    people: set[int | None] = set(reports.values_list("updated_by_id", flat=True))
    people |= set(
        ActionReport.history.filter(id__in=ids).values_list("updated_by_id", flat=True)
    )
    people |= set(
        ReportEvidence.all_objects.filter(report_id__in=ids).values_list(
            "uploaded_by_id", flat=True
        )
    )
    evidence_history = getattr(ReportEvidence, "history", None)
    if evidence_history is not None:
        for uploader, changer in evidence_history.filter(report_id__in=ids).values_list(
            "uploaded_by_id", "history_user_id"
        ):
            people |= {uploader, changer}
    people.discard(None)
    return people  # type: ignore[return-value]


def independence_since(period: Period) -> datetime.datetime:
    """A regional role held at any moment of the period's year disqualifies."""
    return year_start(period.year)


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
    return state_refusal(period, regency_code, report, now=now)


def state_refusal(
    period: Period, regency_code: str, report: ActionReport | None, *, now=None
) -> str | None:
    """Why nobody in the kab/kota may change this report now (its state, the window)."""
    if report is not None and report.status not in EDITABLE:
        return _("Laporan berstatus %(status)s dan terkunci.") % {
            "status": report.get_status_display()
        }
    win = window_for(report, period, regency_code, now=now)
    if not win.can_edit:
        return win.message
    return None
