"""Demo Aksi HAM data for `make run`: the sample plan for this year and its periods.

Period windows follow the observed pattern (about a week near each block's end, with
three days' grace); the period of today's four-month block is open now, so the demo
can be used on any date.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from aksiham.models import ActionPlan, Period
from aksiham.services.plans import periods_create, plan_open
from aksiham.transfer import plan_import_yaml

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
    return plan
