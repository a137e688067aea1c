"""Who may see, change, send and decide Aksi HAM reports: role, region, state, window.

The one vocabulary of the programme: services ask the ``*_refusal`` functions before
writing; views, the console and templates use the ``can_*``/``is_*`` predicates
(templates receive their booleans, never lists of statuses to test against).
Views fetch through ``reports_for``/``evidence_for`` (404 outside scope).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Role, User
from aksiham import windows
from aksiham.models import (
    Action,
    ActionAssignment,
    ActionReport,
    Period,
    ReportEvidence,
)
from files.contributors import contributor_ids as files_contributor_ids
from regions.models import Regency

EDITABLE = {ActionReport.Status.DRAFT, ActionReport.Status.RETURNED}
WAITING = {ActionReport.Status.SUBMITTED, ActionReport.Status.RESUBMITTED}


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
    """Everyone who ever wrote these reports or changed their evidence (their whole
    history, removed files included)."""
    return files_contributor_ids(reports, files=ReportEvidence, owner="report")


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
    win = windows.window_for(report, period, regency_code, now=now)
    if not win.can_edit:
        return win.message
    return None


def is_waiting(report: ActionReport) -> bool:
    """Sent to the Kanwil and not decided yet."""
    return report.status in WAITING


def is_verifier(user: User, regency: Regency) -> bool:
    """A verifier of the Kanwil of the kab/kota's province (independence is checked
    again on every decision)."""
    return regency.province_id in access.scope_of(user).province_codes


def is_assessor(user: User) -> bool:
    """The ministry's assessment team (the yearly Aksi HAM score)."""
    return access.has_role(user, Role.ASSESSOR)


def can_decide(user: User, report: ActionReport) -> bool:
    """Accept or return this report: the province's verifier, while it waits."""
    return is_waiting(report) and is_verifier(user, report.regency)


def can_edit(user: User, report: ActionReport, *, now=None) -> bool:
    return (
        edit_refusal(
            user, report.action, report.period, report.regency_id, report, now=now
        )
        is None
    )


def can_submit(user: User, report: ActionReport, *, now=None) -> bool:
    """The kab/kota coordinator, while the report may change and the window takes it."""
    return (
        is_coordinator(user, report.regency_id)
        and can_edit(user, report, now=now)
        and windows.window_for(
            report, report.period, report.regency_id, now=now
        ).can_submit
    )
