"""The Kanwil's decisions on Aksi HAM reports: accept, or return with a reason."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.independence import independence_refusal
from accounts.models import User
from aksiham import permissions, windows
from aksiham.models import ActionReport, ReportEvent
from aksiham.services.notices import region_people
from aksiham.services.reports import S, report_transition
from kernel.errors import Refusal
from kernel.review import return_reasons_check
from notices.services import notice_send


def _locked(report: ActionReport, actor: User) -> ActionReport:
    report = (
        ActionReport.objects.select_for_update(of=("self",))
        .select_related("regency", "period", "action")
        .get(pk=report.pk)
    )
    if not permissions.is_verifier(actor, report.regency):
        raise Refusal(
            _(
                "Hanya verifikator Kanwil yang mencakup provinsi ini yang dapat memverifikasi."
            )
        )
    refusal = independence_refusal(
        actor=actor,
        regency=report.regency,
        since=windows.independence_since(report.period),
        contributor_ids=permissions.contributor_ids(
            ActionReport.objects.filter(pk=report.pk)
        ),
        item=_("laporan ini"),
    )
    if refusal:
        raise Refusal(refusal)
    if not permissions.is_waiting(report):
        raise Refusal(
            _("Laporan berstatus %(status)s; tidak ada yang perlu diputuskan.")
            % {"status": report.get_status_display()}
        )
    return report


def _decide(report: ActionReport, actor: User, to: str, note: str) -> ActionReport:
    report.reviewed_by = actor
    report.reviewed_at = timezone.now()
    report.review_note = note
    return report_transition(report=report, to=to, actor=actor, note=note)


@transaction.atomic
def report_accept(*, report: ActionReport, actor: User, note: str = "") -> ActionReport:
    report = _locked(report, actor)
    report.review_reasons = []
    return _decide(report, actor, S.ACCEPTED, note.strip())


@transaction.atomic
def report_return(
    *, report: ActionReport, reasons: list[str], note: str, actor: User
) -> ActionReport:
    """Send a report back for a fix; a reason is required and the region is told."""
    note = return_reasons_check(reasons=reasons, note=note)
    report = _locked(report, actor)
    report.review_reasons = list(reasons)
    report.returned_at = timezone.now()
    report = _decide(report, actor, S.RETURNED, note)
    _tell_region(report)
    return report


def _tell_region(report: ActionReport) -> None:
    event = ReportEvent.objects.filter(report=report).order_by("-pk").first()
    path = reverse(
        "aksiham:report",
        args=[report.regency_id, report.period_id, report.action_id],
    )
    notice_send(
        recipients=region_people(report.regency_id, action_ids={report.action_id}),
        event_key=f"aksiham:returned:{event.pk}",
        subject=_("Laporan Aksi %(number)s %(period)s dikembalikan untuk perbaikan")
        % {"number": report.action.number, "period": report.period},
        body=", ".join([*report.review_reason_labels(), report.review_note]).strip(
            ", "
        ),
        url=f"{settings.PORTAL_BASE_URL}{path}",
        about=report,
    )
