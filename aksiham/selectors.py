"""Reads for Aksi HAM pages: a kab/kota's grid and reporting rates per period."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Expression, OuterRef, Q, QuerySet, Subquery

from aksiham import permissions, windows
from aksiham.models import (
    Action,
    ActionPlan,
    ActionReport,
    Period,
    PeriodScore,
    PeriodTimes,
)
from aksiham.services.scoring import yearly_mean
from kernel import clock
from regions.models import Province, Regency

S = ActionReport.Status


def regency_plan(year: int) -> ActionPlan | None:
    return (
        ActionPlan.objects.filter(year=year, level=ActionPlan.Level.REGENCY)
        .select_related("generation")
        .exclude(status=ActionPlan.Status.DRAFT)
        .first()
    )


def years() -> list[int]:
    return list(
        ActionPlan.objects.filter(
            level=ActionPlan.Level.REGENCY, status=ActionPlan.Status.OPEN
        )
        .order_by("-year")
        .values_list("year", flat=True)
    )


@dataclass
class Cell:
    period: Period
    report: ActionReport | None
    window: windows.Window


@dataclass
class Row:
    action: Action
    cells: list[Cell] = field(default_factory=list)
    mine: bool = True


def grid(
    *, plan: ActionPlan, regency: Regency, mine: set[int] | None = None, now=None
) -> tuple[list[Period], list[Row]]:
    """Every action × period with its report (if any) and the window now."""
    now = now or clock.now()
    periods = list(Period.objects.filter(year=plan.year).order_by("code"))
    actions = permissions.actions_for_regency(
        plan.actions.select_related("responsible_agency_type"), regency
    )
    reports = {
        (r.action_id, r.period_id): r
        for r in ActionReport.objects.filter(
            regency=regency, period__in=periods
        ).annotate(n_files=Count("evidence", filter=Q(evidence__removed_at=None)))
    }
    extensions = {
        e.period_id: e.until
        for e in regency.aksiham_extensions.filter(period__in=periods)
    }
    zone = regency.province.zone
    rows = []
    for action in actions:
        row = Row(action, mine=mine is None or action.pk in mine)
        for period in periods:
            report = reports.get((action.pk, period.pk))
            returned_at = (
                report.returned_at if report and report.status == S.RETURNED else None
            )
            win = windows.window(
                period,
                now=now,
                zone=zone,
                extension_until=extensions.get(period.pk),
                returned_at=returned_at,
            )
            row.cells.append(Cell(period, report, win))
        rows.append(row)
    return periods, rows


@dataclass(frozen=True)
class PeriodInRegion:
    """A period as it applies in one region: its times in the region's zone."""

    period: Period
    times: PeriodTimes
    state: str

    @property
    def state_label(self) -> str:
        return str(Period.State(self.state).label)


def periods_in(
    periods: list[Period], zone: str | None, *, now=None
) -> list[PeriodInRegion]:
    now = now or clock.now()
    return [PeriodInRegion(p, p.times(zone), p.state(now, zone)) for p in periods]


@dataclass
class Rate:
    """Reporting rate of one group (a kab/kota or a province) in one period."""

    label: str
    code: str
    expected: int
    submitted: int
    on_time: int
    accepted: int

    def share(self, part: int) -> Decimal:
        if not self.expected:
            return Decimal(0)
        return (Decimal(100) * part / self.expected).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def submitted_share(self) -> Decimal:
        return self.share(self.submitted)

    @property
    def on_time_share(self) -> Decimal:
        return self.share(self.on_time)

    @property
    def accepted_share(self) -> Decimal:
        return self.share(self.accepted)


def _counts(period: Period, regencies: QuerySet[Regency], group: str) -> QuerySet:
    sent = Q(aksiham_reports__period=period) & ~Q(aksiham_reports__status=S.DRAFT)
    return regencies.values(group).annotate(
        n_regencies=Count("code", distinct=True),
        n_dki=Count("code", distinct=True, filter=Q(is_dki_administrative=True)),
        submitted=Count("aksiham_reports", filter=sent),
        on_time=Count(
            "aksiham_reports", filter=sent & Q(aksiham_reports__is_late=False)
        ),
        accepted=Count(
            "aksiham_reports",
            filter=Q(
                aksiham_reports__period=period, aksiham_reports__status=S.ACCEPTED
            ),
        ),
    )


def rates(
    *, plan: ActionPlan, period: Period, regencies: QuerySet[Regency], by_province: bool
) -> list[Rate]:
    """Submitted / on time / accepted out of expected, per province or per kab/kota."""
    total = plan.actions.count()
    dki_total = plan.actions.filter(dki_reports=True).count()
    group = "province_id" if by_province else "code"
    names = (
        dict(Province.objects.values_list("code", "name"))
        if by_province
        else dict(regencies.values_list("code", "name"))
    )
    result = []
    for row in _counts(period, regencies, group).order_by(group):
        n_dki = row["n_dki"]
        expected = (row["n_regencies"] - n_dki) * total + n_dki * dki_total
        result.append(
            Rate(
                label=names.get(row[group], row[group]),
                code=row[group],
                expected=expected,
                submitted=row["submitted"],
                on_time=row["on_time"],
                accepted=row["accepted"],
            )
        )
    return result


def rate_total(items: list[Rate], label: str) -> Rate:
    return Rate(
        label=label,
        code="",
        expected=sum(r.expected for r in items),
        submitted=sum(r.submitted for r in items),
        on_time=sum(r.on_time for r in items),
        accepted=sum(r.accepted for r in items),
    )


@dataclass
class RegencySummary:
    """What a coordinator's home panel says about Aksi HAM."""

    plan: ActionPlan
    period: Period
    state: str
    sent: int
    expected: int
    closes_at: datetime.datetime | None = None  # in the region's zone


def current_period(year: int, now=None, zone: str | None = None) -> Period | None:
    """The period open (or in grace) now, else the next one, else the last one."""
    now = now or clock.now()
    periods = list(Period.objects.filter(year=year).order_by("opens_at"))
    for period in periods:
        if period.state(now, zone) in (Period.State.OPEN, Period.State.GRACE):
            return period
    upcoming = [p for p in periods if p.state(now, zone) == Period.State.UPCOMING]
    return upcoming[0] if upcoming else (periods[-1] if periods else None)


def regency_summary(regency: Regency, now=None) -> RegencySummary | None:
    plan = (
        ActionPlan.objects.filter(
            level=ActionPlan.Level.REGENCY, status=ActionPlan.Status.OPEN
        )
        .order_by("-year")
        .first()
    )
    zone = regency.province.zone
    period = current_period(plan.year, now, zone) if plan else None
    if period is None:
        return None
    sent = (
        ActionReport.objects.filter(regency=regency, period=period)
        .exclude(status=S.DRAFT)
        .count()
    )
    expected = permissions.actions_for_regency(plan.actions.all(), regency).count()
    return RegencySummary(
        plan,
        period,
        period.state_label(now, zone),
        sent,
        expected,
        period.times(zone).closes_at,
    )


def waiting_count(province_codes: frozenset[str]) -> int:
    return ActionReport.objects.filter(
        regency__province_id__in=province_codes, status__in=permissions.WAITING
    ).count()


def next_waiting(
    reports: QuerySet[ActionReport], decided: ActionReport
) -> ActionReport | None:
    """Among ``reports`` (those the reviewer may see), the next of ``decided``'s period
    still waiting for a decision: the one sent the longest ago."""
    return (
        reports.filter(period_id=decided.period_id, status__in=permissions.WAITING)
        .exclude(pk=decided.pk)
        .order_by("submitted_at", "pk")
        .first()
    )


def scores_changed_at(year: Expression | OuterRef) -> Subquery:
    """When a period score of the Aksi HAM ``year`` was last written or corrected
    (a subquery, e.g. of ``OuterRef("data_year")``): public results that show the
    yearly score are cached by it."""
    return Subquery(
        PeriodScore.objects.filter(period__year=year)
        .order_by("-scored_at")
        .values("scored_at")[:1]
    )


def yearly_scores(year: int, codes: Iterable[str]) -> dict[str, Decimal | None]:
    """Each kab/kota's Aksi HAM yearly score of ``year`` (the mean of its periods under
    the plan's rule for a period without a score; None without any period score), in
    two queries whatever the number of kab/kota. The same numbers as
    ``services.scoring.yearly_score`` for one kab/kota."""
    codes = list(codes)
    plan = ActionPlan.objects.filter(year=year, level=ActionPlan.Level.REGENCY).first()
    rule = plan.missing_period if plan else ActionPlan.MissingPeriod.ZERO
    parts: dict[str, dict[str, Decimal | None]] = defaultdict(dict)
    for code, period, score in PeriodScore.objects.filter(
        regency_id__in=codes, period__year=year
    ).values_list("regency_id", "period__code", "score"):
        parts[code][period] = score
    return {
        code: yearly_mean({p: parts[code].get(p) for p in Period.Code.values}, rule)
        if code in parts
        else None
        for code in codes
    }
