"""Aksi HAM scores: the ministry scores each period; the year is the mean of three.

period score = substance × w + administration × (100 − w), w = the plan's substance
weight (50 by default: the split is not public). The yearly score is the mean of B04,
B08 and B12; a period without a score counts as zero, or is left out of the mean,
as the plan says. The result carries its parts so that it can be explained.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.independence import independence_refusal
from accounts.models import User
from aksiham import permissions, windows
from aksiham.models import ActionPlan, ActionReport, Period, PeriodScore
from aksiham.permissions import WAITING
from kernel.errors import Refusal
from regions.models import Regency

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def period_score_value(
    *, substance: Decimal, administration: Decimal, substance_weight: Decimal
) -> Decimal:
    return round2(
        (substance * substance_weight + administration * (HUNDRED - substance_weight))
        / HUNDRED
    )


def _plan_for(year: int) -> ActionPlan:
    plan = ActionPlan.objects.filter(year=year, level=ActionPlan.Level.REGENCY).first()
    if plan is None:
        raise Refusal(_("Belum ada rencana Aksi HAM kabupaten/kota tahun ini."))
    return plan


def _check_percent(value: Decimal, label: str) -> None:
    if not Decimal(0) <= value <= HUNDRED:
        raise Refusal(_("%(label)s harus antara 0 dan 100.") % {"label": label})


def period_score_check(*, period: Period, regency: Regency, now=None) -> None:
    """A period is scored after it closes and once no report of it waits."""
    if period.state(now) in (Period.State.UPCOMING, Period.State.OPEN):
        raise Refusal(
            _("Periode %(period)s masih berjalan; nilai setelah periode ditutup.")
            % {"period": period}
        )
    waiting = ActionReport.objects.filter(
        period=period, regency=regency, status__in=WAITING
    ).count()
    if waiting:
        raise Refusal(
            _("%(n)d laporan masih menunggu verifikasi Kanwil.") % {"n": waiting}
        )
    _plan_for(period.year)


@transaction.atomic
def period_score_record(
    *,
    period: Period,
    regency: Regency,
    substance: Decimal,
    administration: Decimal,
    note: str,
    actor: User,
    now=None,
) -> PeriodScore:
    """The ministry scores a period once no report of it waits for the Kanwil."""
    if not permissions.is_assessor(actor):
        raise Refusal(_("Hanya Tim Penilai Kementerian yang dapat menilai."))
    _check_percent(substance, _("Nilai substansi"))
    _check_percent(administration, _("Nilai administrasi"))
    period_score_check(period=period, regency=regency, now=now)
    refusal = independence_refusal(
        actor=actor,
        regency=regency,
        since=windows.independence_since(period),
        contributor_ids=permissions.contributor_ids(
            ActionReport.objects.filter(period=period, regency=regency)
        ),
        item=_("laporan periode ini"),
    )
    if refusal:
        raise Refusal(refusal)
    plan = _plan_for(period.year)
    score = period_score_value(
        substance=substance,
        administration=administration,
        substance_weight=plan.substance_weight,
    )
    record, _created = PeriodScore.objects.update_or_create(
        period=period,
        regency=regency,
        defaults={
            "plan": plan,
            "substance": substance,
            "administration": administration,
            "score": score,
            "note": note.strip(),
            "scored_by": actor,
            # A correction is dated too: public results are cached by this time.
            "scored_at": now or timezone.now(),
        },
    )
    return record


@dataclass(frozen=True)
class YearlyScore:
    year: int
    parts: dict[str, Decimal | None]  # B04/B08/B12 → period score or None
    rule: str
    score: Decimal | None

    @property
    def complete(self) -> bool:
        return all(v is not None for v in self.parts.values())

    def explain(self) -> str:
        shown = ", ".join(
            f"{code} {str(v).replace('.', ',') if v is not None else '—'}"
            for code, v in self.parts.items()
        )
        return _("Rerata %(parts)s (periode tanpa nilai: %(rule)s)") % {
            "parts": shown,
            "rule": ActionPlan.MissingPeriod(self.rule).label,
        }


def yearly_mean(parts: dict[str, Decimal | None], rule: str) -> Decimal | None:
    if rule == ActionPlan.MissingPeriod.SKIP:
        scored = [v for v in parts.values() if v is not None]
        return round2(sum(scored) / len(scored)) if scored else None
    if all(v is None for v in parts.values()):
        return None
    return round2(sum(v or Decimal(0) for v in parts.values()) / len(parts))


def yearly_score(*, regency_code: str, year: int) -> YearlyScore:
    plan = ActionPlan.objects.filter(year=year, level=ActionPlan.Level.REGENCY).first()
    rule = plan.missing_period if plan else ActionPlan.MissingPeriod.ZERO
    scores = dict(
        PeriodScore.objects.filter(
            regency_id=regency_code, period__year=year
        ).values_list("period__code", "score")
    )
    parts = {code: scores.get(code) for code in Period.Code.values}
    return YearlyScore(year, parts, rule, yearly_mean(parts, rule))
