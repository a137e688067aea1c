"""Two years: one published, one left unpublished with scores of its own.

The published year is the plugin's ``scored_year`` (Salatiga 92.50, Palu 80.00,
Banyumas 70.00, all verified): Salatiga and Palu are finalised and published,
Banyumas stays verified (its 70.00 is no public result). The next year is opened
for the same three, every answer accepted at 57, all finalised: totals of 57.00
that were never published.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from aksiham.models import PeriodScore
from indicators.services import catalogue_copy_to_year, catalogue_open
from reporting.models import Answer, Assessment
from reporting.services.assessments import assessments_open
from reporting.services.central import year_publish
from reporting.services.ranking import year_recompute
from tests.cast import aksi_year_closed

CODES = ["33.73", "72.71", "33.02"]
UNPUBLISHED_TOTAL = "57.00"


def publish(year, actor, codes) -> None:
    """Finalise ``codes`` of ``year`` and record the decree (all else stays)."""
    Assessment.objects.filter(catalogue=year, regency_id__in=codes).update(
        status=Assessment.Status.FINAL
    )
    year_publish(
        catalogue=year,
        decree_number=f"UJI-{year.year}/HAM",
        decree_date=datetime.date(year.year, 11, 15),
        actor=actor,
    )


def aksi_year(year: int, scores: dict[str, list[int]], assessor) -> None:
    """An Aksi HAM year whose kab/kota have the given period scores (B04, B08, …)."""
    plan, periods = aksi_year_closed(year)
    for code, values in scores.items():
        for period, value in zip(periods, values, strict=False):
            PeriodScore.objects.create(
                period=period,
                regency_id=code,
                plan=plan,
                substance=Decimal(value),
                administration=Decimal(value),
                score=Decimal(value),
                scored_by=assessor,
            )


@pytest.fixture
def unpublished_year(scored_year):
    year = catalogue_open(
        catalogue=catalogue_copy_to_year(
            catalogue=scored_year, year=scored_year.year + 1, actor=None
        ),
        actor=None,
    )
    assessments_open(
        catalogue=year,
        deadline=timezone.now() + datetime.timedelta(days=30),
        actor=None,
        regency_codes=CODES,
    )
    Answer.objects.filter(assessment__catalogue=year).update(
        status=Answer.Status.ACCEPTED, score=57
    )
    Assessment.objects.filter(catalogue=year).update(status=Assessment.Status.FINAL)
    year_recompute(catalogue_id=year.pk)
    return year


@pytest.fixture
def published_year(scored_year, unpublished_year, ministry):
    """Salatiga and Palu published; Banyumas verified only; the next year not."""
    publish(scored_year, ministry, ["33.73", "72.71"])
    return scored_year
