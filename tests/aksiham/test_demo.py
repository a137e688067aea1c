"""The demo year: sample plan, periods around the clock, and some reports and scores."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.demo import demo_load
from aksiham.demo import demo_aksiham_load
from aksiham.models import ActionReport, Period, PeriodScore

pytestmark = pytest.mark.django_db


def test_demo_opens_the_current_block_and_fills_closed_periods(regions):
    demo_load(password="demo-PeduliHAM-2026")
    now = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    plan = demo_aksiham_load(now=now)
    assert plan.is_sample and plan.status == "open"
    states = {p.code: p.state(now) for p in Period.objects.filter(year=2026)}
    assert states == {"B04": "closed", "B08": "closed", "B12": "open"}
    salatiga = ActionReport.objects.filter(regency_id="33.73")
    assert salatiga.count() == 12 and not salatiga.exclude(status="accepted").exists()
    palu = ActionReport.objects.filter(regency_id="72.71")
    assert palu.count() == 8 and palu.filter(is_late=True).count() == 2
    assert PeriodScore.objects.filter(regency_id="33.73").count() == 2
    demo_aksiham_load(now=now)  # repeatable
    assert ActionReport.objects.count() == 20
