"""Demo Aksi HAM data for `make run`: the sample plan for this year and its periods.

Period windows follow the observed pattern (about a week near each block's end, with
three days' grace); the period of today's four-month block is open now, so the demo
can be used on any date.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from aksiham.models import ActionPlan, ActionReport, Period
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


def demo_aksiham_load(now: datetime.datetime | None = None) -> ActionPlan | None:
    """Import and open the sample plan of this year, and its periods, once."""
    now = timezone.localtime(now or timezone.now()).replace(
        minute=0, second=0, microsecond=0
    )
    year = now.year
    plan = ActionPlan.objects.filter(year=year, level=ActionPlan.Level.REGENCY).first()
    if plan is None or plan.status == ActionPlan.Status.DRAFT:
        outcome = plan_import_yaml(
            content=SAMPLE_PLAN.read_bytes(), actor=None, year=year
        )
        plan = plan_open(plan=outcome.plan, actor=None)
    if not Period.objects.filter(year=year).exists():
        periods_create(year=year, windows=_windows(year, now), actor=None)
        _demo_reports(plan, now)
    return plan


def _pdf(text: str) -> bytes:
    """A one-line PDF that says it is a demo file (unique bytes per text)."""
    stream = f"BT /F1 12 Tf 72 720 Td (CONTOH {text}) Tj ET".encode("latin-1")
    body = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    for number, item in enumerate(body, start=1):
        out += b"%d 0 obj\n" % number + item + b"\nendobj\n"
    out += b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    return bytes(out)


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
                report, _ = report_for(
                    action=action,
                    period=period,
                    regency=regency,
                    actor=person,
                    now=moment,
                )
                report = report_save(
                    report=report,
                    actor=person,
                    achievement="CONTOH: capaian sesuai ukuran keberhasilan",
                    narrative="CONTOH: uraian pelaksanaan untuk demo.",
                    achievement_percent=None,
                    version=report.version,
                    now=moment,
                )
                name = f"contoh-{code}-{period.code}-{action.number}.pdf"
                upload = SimpleUploadedFile(name, _pdf(name), "application/pdf")
                report_evidence_attach(
                    report=report, uploads=[upload], actor=person, now=moment
                )
                report = report_submit(
                    report=ActionReport.objects.get(pk=report.pk),
                    actor=person,
                    now=moment,
                )
                verifier = verifiers[regency.province_id]
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
