"""create_pairs writes the rows bulk_create would, in the same order."""

from __future__ import annotations

import pytest

from kernel.bulk import create_pairs
from reporting.models import Answer, Assessment

pytestmark = pytest.mark.django_db

KEYS = {"id", "assessment_id"}


def _fields(answer: Answer) -> dict:
    return {
        f.attname: getattr(answer, f.attname)
        for f in Answer._meta.concrete_fields
        if f.attname not in KEYS
    }


def test_the_pairs_are_the_rows_bulk_create_writes_in_its_order(opened_year):
    salatiga, banyumas = (
        Assessment.objects.get(catalogue=opened_year, regency_id=code)
        for code in ("33.73", "33.02")
    )
    indicators = list(opened_year.indicators.values_list("pk", flat=True))[::-1]
    Answer.objects.filter(assessment__in=[salatiga, banyumas]).delete()

    Answer.objects.bulk_create(
        Answer(assessment=salatiga, indicator_id=i) for i in indicators
    )
    assert create_pairs(
        Answer, "assessment_id", [banyumas.pk], "indicator_id", indicators
    ) == len(indicators)

    by_bulk = list(salatiga.answers.order_by("pk"))
    by_pairs = list(banyumas.answers.order_by("pk"))
    assert [a.indicator_id for a in by_pairs] == indicators  # the order given
    assert [_fields(a) for a in by_pairs] == [_fields(a) for a in by_bulk]
    assert by_pairs[0].status == Answer.Status.DRAFT
    assert by_pairs[0].review_reasons == [] and by_pairs[0].version == 0


def test_nothing_to_pair_writes_nothing(opened_year):
    before = Answer.objects.count()
    assert create_pairs(Answer, "assessment_id", [], "indicator_id", [1, 2]) == 0
    assert Answer.objects.count() == before
