"""Filing Aksi HAM reports: draft, evidence, submission inside the period's window."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from aksiham import permissions, windows
from aksiham.models import (
    Action,
    ActionPlan,
    ActionReport,
    Period,
    ReportEvent,
    ReportEvidence,
)
from files import checks
from files.services import removal
from kernel import clock, conflicts
from kernel.errors import Refusal
from regions.models import Regency

S = ActionReport.Status
FLOW = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.ACCEPTED, S.RETURNED},
    S.RESUBMITTED: {S.ACCEPTED, S.RETURNED},
    S.RETURNED: {S.RESUBMITTED},
    S.ACCEPTED: set(),
}


@transaction.atomic
def report_transition(
    *, report: ActionReport, to: str, actor: User | None, note: str = ""
) -> ActionReport:
    """Move a report one step, save it and write its history row; callers checked
    who may, and set the other fields of the step before calling."""
    if to not in FLOW[report.status]:
        raise Refusal(
            _("Status laporan tidak dapat berubah dari %(old)s ke %(new)s.")
            % {"old": report.get_status_display(), "new": S(to).label}
        )
    ReportEvent.objects.create(
        report=report, actor=actor, from_status=report.status, to_status=to, note=note
    )
    report.status = to
    report.save()
    return report


def _check_applies(action: Action, period: Period, regency: Regency) -> None:
    plan = action.plan
    if plan.status != ActionPlan.Status.OPEN:
        raise Refusal(_("Rencana Aksi HAM ini belum dibuka."))
    if plan.level != ActionPlan.Level.REGENCY or plan.year != period.year:
        raise Refusal(_("Aksi ini bukan untuk periode atau tingkat ini."))
    if regency.is_dki_administrative and not action.dki_reports:
        raise Refusal(_("Wilayah administratif DKI tidak melaporkan aksi ini."))


@transaction.atomic
def report_for(
    *, action: Action, period: Period, regency: Regency, actor: User, now=None
) -> tuple[ActionReport, bool]:
    """The report of an action in a period, started as a draft when first needed."""
    _check_applies(action, period, regency)
    report = (
        ActionReport.objects.select_for_update(of=("self",))
        .filter(action=action, period=period, regency=regency)
        .first()
    )
    refusal = permissions.edit_refusal(
        actor, action, period, regency.code, report, now=now
    )
    if report is None:
        if refusal:
            raise Refusal(refusal)
        return ActionReport.objects.get_or_create(
            action=action,
            period=period,
            regency=regency,
            defaults={"updated_by": actor},
        )
    return report, False


def _locked(report: ActionReport, actor: User, now) -> ActionReport:
    report = (
        ActionReport.objects.select_for_update(of=("self",))
        .select_related("action__plan", "period", "regency")
        .get(pk=report.pk)
    )
    refusal = permissions.edit_refusal(
        actor, report.action, report.period, report.regency_id, report, now=now
    )
    if refusal:
        raise Refusal(refusal)
    return report


class ReportConflict(Refusal):
    """Someone saved this report after the form was opened (any field differs)."""

    def __init__(self, report: ActionReport, yours: dict) -> None:
        self.report = report
        self.yours = yours
        super().__init__(
            _(
                "Laporan ini sudah diubah oleh %(who)s pada %(at)s setelah Anda "
                "membukanya. Isian Anda belum disimpan: bandingkan keduanya, lalu "
                "pilih isian mana yang dipakai."
            )
            % {
                "who": conflicts.person(report.updated_by),
                "at": clock.when(report.updated_at),
            }
        )


def _content_of(fields: dict) -> tuple:
    percent = fields["achievement_percent"]
    return (
        fields["achievement"],
        fields["narrative"],
        None if percent in (None, "") else Decimal(percent),
    )


def _content(report: ActionReport) -> tuple:
    return _content_of(
        {
            "achievement": report.achievement,
            "narrative": report.narrative,
            "achievement_percent": report.achievement_percent,
        }
    )


def _touch(report: ActionReport, actor: User, now) -> None:
    report.version += 1
    report.updated_by = actor
    report.updated_at = now


@transaction.atomic
def report_save(
    *,
    report: ActionReport,
    actor: User,
    achievement: str,
    narrative: str,
    achievement_percent: Decimal | None,
    version: int,
    now=None,
) -> ActionReport:
    """Save the draft; refuses a stale form so that nobody overwrites another's work.

    A stale form whose content equals the stored report is no conflict: nothing to
    resolve, nothing to save.
    """
    now = now or timezone.now()
    report = _locked(report, actor, now)
    yours = {
        "achievement": achievement.strip(),
        "narrative": narrative.strip(),
        "achievement_percent": achievement_percent,
    }
    if version != report.version:
        if _content(report) == _content_of(yours):
            return report
        raise ReportConflict(report, yours)
    report.achievement = achievement.strip()
    report.narrative = narrative.strip()
    report.achievement_percent = achievement_percent
    _touch(report, actor, now)
    report.full_clean(exclude=["action", "period", "regency"])
    report.save()
    return report


@transaction.atomic
def report_evidence_attach(
    *, report: ActionReport, uploads: list[UploadedFile], actor: User, now=None
) -> list[ReportEvidence]:
    """Store several files at once (same checks as KKPHAM evidence), or none."""
    now = now or timezone.now()
    report = _locked(report, actor, now)
    checked = checks.check_batch(
        uploads,
        existing={e.sha256: e.original_name for e in report.evidence.all()},
        used_bytes=report.evidence.aggregate(total=Sum("size"))["total"] or 0,
    )
    stored = []
    for item in checked:
        evidence = ReportEvidence(report=report, **checks.stored_fields(item, actor))
        evidence.file.save(item.name, item.upload, save=False)
        evidence.save()
        stored.append(evidence)
    _touch(report, actor, now)
    report.save(update_fields=["version", "updated_by", "updated_at"])
    return stored


@transaction.atomic
def report_evidence_remove(
    *, evidence: ReportEvidence, actor: User, reason: str = "", now=None
) -> None:
    """Remove a file; the row stays and the report's history names it (removed_files)."""
    now = now or timezone.now()
    report = _locked(evidence.report, actor, now)
    evidence = ReportEvidence.all_objects.select_for_update().get(pk=evidence.pk)
    removal.mark_removed(evidence, actor=actor, reason=reason, now=now)
    _touch(report, actor, now)
    report.save(update_fields=["version", "updated_by", "updated_at"])
    _note(report, actor, removal.removed_note(evidence))


@transaction.atomic
def report_evidence_restore(
    *, evidence: ReportEvidence, actor: User, now=None
) -> ReportEvidence:
    """An administrator brings back a removed file while the report can be edited."""
    now = now or timezone.now()
    # The report first, then the file: the same lock order as attach and remove.
    report = (
        ActionReport.objects.select_for_update(of=("self",))
        .select_related("action__plan", "period", "regency")
        .get(pk=evidence.report_id)
    )
    evidence = ReportEvidence.all_objects.select_for_update().get(pk=evidence.pk)
    removal.check_restorable(
        evidence,
        actor=actor,
        state_refusal=permissions.state_refusal(
            report.period, report.regency_id, report, now=now
        ),
        active=report.evidence.all(),
    )
    note = removal.mark_restored(evidence, actor=actor, now=now)
    _touch(report, actor, now)
    report.save(update_fields=["version", "updated_by", "updated_at"])
    _note(report, actor, note)
    return evidence


def _note(report: ActionReport, actor: User, note: str) -> None:
    """A history row that is not a status change (a file removed or restored)."""
    ReportEvent.objects.create(
        report=report,
        actor=actor,
        from_status=report.status,
        to_status=report.status,
        note=note,
    )


@transaction.atomic
def report_submit(*, report: ActionReport, actor: User, now=None) -> ActionReport:
    """The coordinator sends the report to the Kanwil, inside the window."""
    now = now or timezone.now()
    report = _locked(report, actor, now)
    if not permissions.is_coordinator(actor, report.regency_id):
        raise Refusal(
            _("Hanya koordinator kabupaten/kota yang dapat mengirim laporan.")
        )
    win = windows.window_for(report, report.period, report.regency_id, now=now)
    if not win.can_submit:
        raise Refusal(win.message)
    problems = []
    if not report.achievement.strip():
        problems.append(_("Isi capaian terhadap ukuran keberhasilan."))
    if not report.evidence.exists():
        problems.append(_("Unggah sedikitnya satu data dukung."))
    if problems:
        raise Refusal(problems)
    first = report.status == S.DRAFT
    note = win.message if win.late else ""
    report.submitted_at = now
    if first:
        report.is_late = win.late
        report.extended = win.extended
    return report_transition(
        report=report,
        to=S.SUBMITTED if first else S.RESUBMITTED,
        actor=actor,
        note=note,
    )
