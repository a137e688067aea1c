"""An opened sample Aksi HAM plan for 2026 with fixed period windows (Asia/Jakarta).

B04: open 24 Apr 08:00 → close 5 May 08:00, grace to 8 May 08:00
B08: open 24 Aug 08:00 → close 4 Sep 08:00, grace to 7 Sep 08:00
B12: open 24 Nov 08:00 → close 5 Dec 08:00, no grace
"""

from __future__ import annotations

import pytest

from aksiham.demo import report_fill, sample_plan_open
from aksiham.models import Action, ActionPlan, Period
from aksiham.services.plans import periods_create
from tests.aksiham.moments import B04_CLOSE, B04_GRACE, B04_OPEN, IN_B04, YEAR, at


@pytest.fixture
def plan(regions) -> ActionPlan:
    return sample_plan_open(YEAR)


@pytest.fixture
def periods(plan) -> dict[str, Period]:
    made = periods_create(
        year=YEAR,
        windows={
            "B04": (B04_OPEN, B04_CLOSE, B04_GRACE),
            "B08": (at(8, 24), at(9, 4), at(9, 7)),
            "B12": (at(11, 24), at(12, 5), at(12, 5)),
        },
        actor=None,
    )
    return {p.code: p for p in made}


@pytest.fixture
def b04(periods) -> Period:
    return periods["B04"]


@pytest.fixture
def action1(plan) -> Action:
    return plan.actions.get(number=1)


@pytest.fixture
def action2(plan) -> Action:
    return plan.actions.get(number=2)


@pytest.fixture
def draft(b04, action1, salatiga, regency_staff):
    """Salatiga's B04 report of action 1 with an achievement, no file yet."""
    return report_fill(
        action=action1,
        period=b04,
        regency=salatiga,
        actor=regency_staff,
        achievement="Rancangan peraturan sudah dibahas",
        narrative="Konsultasi publik dua kali.",
        now=IN_B04,
    )
