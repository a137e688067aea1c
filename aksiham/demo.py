"""Demo Aksi HAM data for `make run`: the sample plan for this year and its periods.

Period windows follow the observed pattern (about a week near each block's end, with
three days' grace); the period of today's four-month block is open now, so the demo
can be used on any date.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import timezone

from accounts.models import User
from aksiham.models import Action, ActionPlan, ActionReport, Period
from aksiham.services.plans import periods_create, plan_open
from aksiham.services.reports import (
    report_evidence_attach,
    report_for,
    report_save,
    report_submit,
)
from aksiham.services.scoring import period_score_record
from aksiham.services.verification import report_accept
from aksiham.transfer import plan_import_yaml
from files.samples import text_pdf
from regions.models import Regency

SAMPLE_PLAN = Path(settings.BASE_DIR) / "fixtures" / "aksiham_sample.yaml"
BLOCK_END_MONTH = {"B04": 4, "B08": 8, "B12": 12}


def _windows(year: int, now: datetime.datetime) -> dict:
    tz = timezone.get_current_timezone()
    windows = {}
    for code, month in BLOCK_END_MONTH.items():
        in_block = month - 3 <= now.month <= month and now.year == year
        if in_block:
            opens = now - datetime.timedelta(days=3)
            closes = now + datetime.timedelta(days=7)
        else:
            opens = datetime.datetime(year, month, 24, 8, 0, tzinfo=tz)
            closes = opens + datetime.timedelta(days=11)
        windows[code] = (opens, closes, closes + datetime.timedelta(days=3))
    return windows


def sample_plan_open(year: int) -> ActionPlan:
    """The shipped sample plan imported for ``year`` and opened."""
    outcome = plan_import_yaml(content=SAMPLE_PLAN.read_bytes(), actor=None, year=year)
    if not outcome.ok:
        raise ValueError(outcome.problems)
    return plan_open(plan=outcome.plan, actor=None)


def report_fill(
    *,
    action: Action,
    period: Period,
    regency: Regency,
    actor: User,
    achievement: str,
    narrative: str = "",
    uploads: Iterable[UploadedFile] = (),
    now: datetime.datetime | None = None,
    send: bool = False,
) -> ActionReport:
    """A kab/kota's report of one action written, its files attached and, with
    ``send``, sent to the Kanwil by the same person."""
    report, _created = report_for(
        action=action, period=period, regency=regency, actor=actor, now=now
    )
    report = report_save(
        report=report,
        actor=actor,
        achievement=achievement,
        narrative=narrative,
        achievement_percent=None,
        version=report.version,
        now=now,
    )
    uploads = list(uploads)
    if uploads:
        report_evidence_attach(report=report, uploads=uploads, actor=actor, now=now)
    report = ActionReport.objects.get(pk=report.pk)
    if send:
        report = report_submit(report=report, actor=actor, now=now)
    return report


def demo_aksiham_load(now: datetime.datetime | None = None) -> ActionPlan | None:
    """Import and open the sample plan of this year, and its periods, once."""
    now = timezone.localtime(now or timezone.now()).replace(
        minute=0, second=0, microsecond=0
    )
    year = now.year
    plan = ActionPlan.objects.filter(year=year, level=ActionPlan.Level.REGENCY).first()
    if plan is None or plan.status == ActionPlan.Status.DRAFT:
        plan = sample_plan_open(year)
    if not Period.objects.filter(year=year).exists():
        periods_create(year=year, windows=_windows(year, now), actor=None)
        _demo_reports(plan, now)
    return plan


# Closed periods of the demo year: Salatiga sent everything on time and the Kanwil
# accepted it (the ministry scored it); Palu sent four actions, one of them late.
DEMO_SENT = {"33.73": (6, 0), "72.71": (4, 1)}


def _demo_reports(plan: ActionPlan, now: datetime.datetime) -> None:
    people = {
        code: User.objects.filter(
            role_assignments__role="coordinator", role_assignments__regency_id=code
        ).first()
        for code in DEMO_SENT
    }
    verifiers = {
        "33": User.objects.filter(username="demo.kanwil.jateng").first(),
        "72": User.objects.filter(username="demo.kanwil.sulteng").first(),
        "91": User.objects.filter(username="demo.kanwil.papuabarat").first(),
    }
    assessor = User.objects.filter(username="demo.kementerian").first()
    for period in Period.objects.filter(year=plan.year):
        if period.state(now) != Period.State.CLOSED:
            continue
        for code, (count, late) in DEMO_SENT.items():
            person, regency = people[code], Regency.objects.get(code=code)
            if person is None:
                continue
            for action in plan.actions.order_by("number")[:count]:
                moment = period.closes_at - datetime.timedelta(days=2)
                if action.number > count - late:
                    moment = period.closes_at + datetime.timedelta(hours=1)
                name = f"contoh-{code}-{period.code}-{action.number}.pdf"
                report = report_fill(
                    action=action,
                    period=period,
                    regency=regency,
                    actor=person,
                    achievement="CONTOH: capaian sesuai ukuran keberhasilan",
                    narrative="CONTOH: uraian pelaksanaan untuk demo.",
                    uploads=[
                        SimpleUploadedFile(
                            name, text_pdf(f"CONTOH {name}"), "application/pdf"
                        )
                    ],
                    now=moment,
                    send=True,
                )
                verifier = verifiers.get(regency.province_id)
                if code == "33.73" and verifier is not None:
                    report_accept(report=report, actor=verifier)
            if code == "33.73" and assessor is not None:
                period_score_record(
                    period=period,
                    regency=regency,
                    substance=Decimal(85),
                    administration=Decimal(90),
                    note="CONTOH",
                    actor=assessor,
                    now=now,
                )
