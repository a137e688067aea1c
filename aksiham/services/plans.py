"""Plans, periods and extensions: the administrator's side of Aksi HAM."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from aksiham.models import ActionPlan, Period, PeriodExtension, ReportEvent
from kernel import zones
from kernel.clock import when
from kernel.errors import Refusal
from regions.models import Regency
from regions.zones import zone_of


def _require_admin(actor: User | None) -> None:
    if actor is not None and not access.is_administrator(actor):
        raise Refusal(_("Hanya administrator yang dapat melakukan ini."))


def plan_ensure_editable(plan: ActionPlan) -> None:
    if plan.status != ActionPlan.Status.DRAFT:
        raise Refusal(
            _("Rencana %(plan)s sudah dibuka; aksinya tidak dapat diubah lagi.")
            % {"plan": plan}
        )


@transaction.atomic
def plan_open(*, plan: ActionPlan, actor: User | None) -> ActionPlan:
    _require_admin(actor)
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    plan_ensure_editable(plan)
    if not plan.actions.exists():
        raise Refusal(_("Rencana tanpa aksi tidak dapat dibuka."))
    plan.status = ActionPlan.Status.OPEN
    plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def periods_create(
    *,
    year: int,
    windows: dict[str, tuple[datetime.datetime, datetime.datetime, datetime.datetime]],
    actor: User | None,
    timing: str = zones.Timing.NATIONAL,
    entered_in: str = zones.NATIONAL,
) -> list[Period]:
    """B04, B08 and B12 of a year: code → (opens, closes, grace until).

    National timing: the moments are instants. Local timing: their wall clock in
    ``entered_in`` is the time in every region (``Period.times``).
    """
    _require_admin(actor)
    if set(windows) != set(Period.Code.values):
        raise Refusal(_("Isi jadwal ketiga periode: B04, B08, dan B12."))
    periods = []
    for code, (opens, closes, grace) in sorted(windows.items()):
        if not opens < closes <= grace:
            raise Refusal(
                _(
                    "%(code)s: waktu buka harus sebelum tutup, dan tenggang tidak sebelum tutup."
                )
                % {"code": code}
            )
        period, _created = Period.objects.update_or_create(
            year=year,
            code=code,
            defaults={
                "opens_at": zones.as_entered(opens, timing, entered_in),
                "closes_at": zones.as_entered(closes, timing, entered_in),
                "grace_until": zones.as_entered(grace, timing, entered_in),
                "timing": timing,
            },
        )
        periods.append(period)
    return periods


def extension_check(
    *,
    period: Period,
    until: datetime.datetime,
    reason: str,
    regency: Regency | None = None,
) -> None:
    """An extension needs a reason and must end after the kab/kota's grace end, in
    the future."""
    if not reason.strip():
        raise Refusal(_("Tuliskan alasan perpanjangan."))
    if until <= timezone.now():
        raise Refusal(_("Batas perpanjangan harus di masa depan."))
    zone = zone_of(regency.code) if regency is not None and period.is_local else None
    grace_until = period.times(zone).grace_until
    if until <= grace_until:
        raise Refusal(
            _("Batas perpanjangan harus setelah masa tenggang berakhir (%(at)s).")
            % {"at": when(grace_until)}
        )


@transaction.atomic
def extension_grant(
    *,
    period: Period,
    regency: Regency,
    until: datetime.datetime,
    reason: str,
    actor: User,
) -> PeriodExtension:
    """Reopen one period for one kab/kota; every report of it records why."""
    _require_admin(actor)
    extension_check(period=period, until=until, reason=reason, regency=regency)
    extension, _created = PeriodExtension.objects.update_or_create(
        period=period,
        regency=regency,
        defaults={"until": until, "reason": reason.strip(), "granted_by": actor},
    )
    note = _("Periode %(period)s diperpanjang sampai %(until)s: %(reason)s") % {
        "period": period,
        "until": when(until),
        "reason": reason.strip(),
    }
    for report in period.reports.filter(regency=regency):
        ReportEvent.objects.create(
            report=report,
            actor=actor,
            from_status=report.status,
            to_status=report.status,
            note=note,
        )
    return extension
