"""Reminders for Aksi HAM: coordinators before a period closes and when overdue,
verifiers while reports wait. Each event reaches each person once (reporting's
Notification is unique per person and event key)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from aksiham.models import (
    ActionAssignment,
    ActionPlan,
    ActionReport,
    Period,
    PeriodTimes,
)
from aksiham.permissions import WAITING
from kernel.clock import when
from notices.services import notice_send
from regions import selectors as region_selectors
from regions.models import KanwilOffice, Regency
from regions.zones import zones_of


def region_people(
    regency_code: str, action_ids: set[int] | None = None
) -> QuerySet[User]:
    """The coordinators of a kab/kota, plus operators of OPD assigned to the actions."""
    people = Q(
        role_assignments__role=Role.COORDINATOR,
        role_assignments__regency_id=regency_code,
    )
    if action_ids:
        agencies = ActionAssignment.objects.filter(
            regency_id=regency_code, action_id__in=action_ids
        ).values("agency_id")
        people |= Q(
            role_assignments__role=Role.OPERATOR,
            role_assignments__agency_id__in=agencies,
        )
    return User.objects.filter(is_active=True).filter(people).distinct()


def _coordinators(regency_codes: list[str]) -> dict[str, list[User]]:
    result: dict[str, list[User]] = {}
    rows = (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.COORDINATOR,
            role_assignments__regency_id__in=regency_codes,
        )
        .values_list("pk", "role_assignments__regency_id")
        .distinct()
    )
    users = User.objects.in_bulk({pk for pk, _code in rows})
    for pk, code in rows:
        result.setdefault(code, []).append(users[pk])
    return result


def behind(period: Period, plan: ActionPlan) -> dict[str, int]:
    """Kab/kota that have not sent every action of the period: code → actions left."""
    total = plan.actions.count()
    dki_total = plan.actions.filter(dki_reports=True).count()
    sent = Q(aksiham_reports__period=period) & ~Q(
        aksiham_reports__status=ActionReport.Status.DRAFT
    )
    rows = Regency.objects.annotate(
        n_sent=Count("aksiham_reports", filter=sent)
    ).values_list("code", "is_dki_administrative", "n_sent")
    result = {}
    for code, dki, n_sent in rows:
        expected = dki_total if dki else total
        if n_sent < expected:
            result[code] = expected - n_sent
    return result


@dataclass
class ReminderCount:
    due: int = 0
    overdue: int = 0
    waiting: int = 0


def _grid_url(regency_code: str, year: int) -> str:
    return settings.PORTAL_BASE_URL + reverse("aksiham:grid", args=[year, regency_code])


def reminders_send(*, now: datetime.datetime | None = None) -> ReminderCount:
    """Run by beat every hour; the clock is a parameter so tests can set it.

    Each kab/kota is reminded by its own window: with local timing a region in WIT
    closes two hours before one in WIB, and its notice shows its own zone.
    """
    now = now or timezone.now()
    count = ReminderCount()
    recent = now - datetime.timedelta(days=settings.AKSIHAM_OVERDUE_DAYS)
    # Local timing is stored as WIB wall clocks; WITA and WIT run up to 2 hours ahead.
    ahead = datetime.timedelta(hours=2)
    periods = Period.objects.filter(opens_at__lte=now + ahead, grace_until__gte=recent)
    for period in periods:
        plan = ActionPlan.objects.filter(
            year=period.year,
            level=ActionPlan.Level.REGENCY,
            status=ActionPlan.Status.OPEN,
        ).first()
        if plan is None:
            continue
        late = behind(period, plan)
        region_zones = zones_of(late)
        extended = set(
            period.extensions.filter(until__gt=now).values_list("regency_id", flat=True)
        )
        for code, people in _coordinators(list(late)).items():
            zone = region_zones.get(code)
            times = period.times(zone)
            if now < times.opens_at or times.grace_until < recent:
                continue
            if now < times.closes_at:
                count.due += _due(period, code, late[code], people, times, zone, now)
            elif code not in extended:
                count.overdue += _overdue(period, code, late[code], people, times, zone)
        if now >= period.opens_at:
            count.waiting += _waiting(period, now)
    return count


def _due(
    period: Period,
    code: str,
    n_left: int,
    people: list[User],
    times: PeriodTimes,
    zone: str | None,
    now: datetime.datetime,
) -> int:
    left = times.closes_at - now
    days = [
        d for d in settings.AKSIHAM_REMIND_DAYS if left <= datetime.timedelta(days=d)
    ]
    if not days:
        return 0
    step = min(days)
    at = when(times.closes_at, zone)
    return len(
        notice_send(
            recipients=people,
            event_key=f"aksiham:{period.pk}:{code}:due{step}",
            subject=_("Aksi HAM %(period)s: %(n)d aksi belum dikirim, batas %(at)s")
            % {"period": period, "n": n_left, "at": at},
            body=_(
                "Periode %(period)s ditutup pada %(at)s. Kirim laporan setiap "
                "aksi beserta data dukungnya sebelum batas waktu."
            )
            % {"period": period, "at": at},
            url=_grid_url(code, period.year),
        )
    )


def _overdue(
    period: Period,
    code: str,
    n_left: int,
    people: list[User],
    times: PeriodTimes,
    zone: str | None,
) -> int:
    return len(
        notice_send(
            recipients=people,
            event_key=f"aksiham:{period.pk}:{code}:overdue",
            subject=_("Aksi HAM %(period)s terlambat: %(n)d aksi belum dikirim")
            % {"period": period, "n": n_left},
            body=_(
                "Periode ditutup pada %(at)s. Laporan dalam masa tenggang "
                "(sampai %(grace)s) ditandai terlambat; setelah itu diperlukan "
                "perpanjangan dari administrator."
            )
            % {
                "at": when(times.closes_at, zone),
                "grace": when(times.grace_until, zone),
            },
            url=_grid_url(code, period.year),
        )
    )


def _waiting(period: Period, now: datetime.datetime) -> int:
    """One notice per verifier per day while reports of their office's provinces
    wait (the office that covers each province today)."""
    rows = (
        ActionReport.objects.filter(period=period, status__in=WAITING)
        .values("regency__province_id")
        .annotate(n=Count("pk"))
    )
    office_of = region_selectors.offices_of(
        [row["regency__province_id"] for row in rows], now
    )
    waiting: dict[KanwilOffice, int] = {}
    for row in rows:
        office = office_of.get(row["regency__province_id"])
        if office is not None:
            waiting[office] = waiting.get(office, 0) + row["n"]
    day = timezone.localdate(now).isoformat()
    sent = 0
    path = reverse("admin:aksiham_actionreport_changelist")
    for office, count in waiting.items():
        verifiers = User.objects.filter(
            is_active=True,
            role_assignments__role=Role.VERIFIER,
            role_assignments__office=office,
        ).distinct()
        sent += len(
            notice_send(
                recipients=verifiers,
                event_key=f"aksiham:{period.pk}:office-{office.pk}:waiting:{day}",
                subject=_("%(n)d laporan Aksi HAM %(period)s menunggu verifikasi")
                % {"n": count, "period": period},
                body=_("Laporan yang dikirim daerah menunggu keputusan Kanwil."),
                url=f"{settings.PORTAL_BASE_URL}{path}?period__id__exact={period.pk}&status__in=submitted,resubmitted",
            )
        )
    return sent
