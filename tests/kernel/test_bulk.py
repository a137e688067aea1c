"""create_pairs writes the rows bulk_create would, in the same order."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from kernel.bulk import create_pairs, upsert_rows
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


def _score_row(assessment: Assessment, total: str, breakdown: str) -> dict:
    from decimal import Decimal

    from django.utils import timezone

    from kernel.json import JSONText

    return {
        "assessment_id": assessment.pk,
        "base_total": Decimal(total),
        "bonus": Decimal("0.00"),
        "deduction": Decimal("0.00"),
        "total": Decimal(total),
        "hasil_points": Decimal("12.50"),
        "returned_count": 1,
        "predicate": "Peduli HAM",
        "earns_award": True,
        "is_final": False,
        "rule_version": "uji/1",
        "basis": 2,
        "breakdown": JSONText(breakdown),
        "category_scores": [{"code": "K01", "score": total}],
        "computed_at": timezone.now(),
    }


def _stored(assessment: Assessment) -> dict:
    from reporting.models import Score

    score = Score.objects.get(assessment=assessment)
    return {
        f.attname: getattr(score, f.attname)
        for f in Score._meta.concrete_fields
        if f.attname != "id"
    }


def test_upsert_inserts_then_updates_by_the_unique_key(opened_year):
    from reporting.models import Score

    salatiga, banyumas = (
        Assessment.objects.get(catalogue=opened_year, regency_id=code)
        for code in ("33.73", "33.02")
    )
    first = _score_row(salatiga, "80.00", '{"total":"80.00","lines":["a"]}')
    # The same values saved one by one through the model, for comparison.
    Score.objects.create(**_score_row(banyumas, "80.00", first["breakdown"]))
    expected = _stored(banyumas)
    Score.objects.filter(assessment=banyumas).delete()

    assert upsert_rows(Score, [first], unique="assessment_id") == 1
    stored = _stored(salatiga)
    assert {**stored, "assessment_id": banyumas.pk} | {
        "computed_at": expected["computed_at"]
    } == expected
    assert stored["breakdown"] == {"total": "80.00", "lines": ["a"]}

    # Again with the same document and a changed one: each row is updated in place.
    same = _score_row(salatiga, "81.00", first["breakdown"])
    changed = _score_row(banyumas, "70.00", '{"total":"70.00"}')
    Score.objects.create(**_score_row(banyumas, "10.00", '{"total":"10.00"}'))
    ids = dict(Score.objects.values_list("assessment_id", "pk"))
    assert (
        upsert_rows(
            Score,
            [same, changed],
            unique="assessment_id",
            kept_when_equal=["breakdown"],
        )
        == 2
    )
    assert dict(Score.objects.values_list("assessment_id", "pk")) == ids
    assert _stored(salatiga)["total"] == Decimal("81.00")
    assert _stored(salatiga)["breakdown"] == {"total": "80.00", "lines": ["a"]}
    assert _stored(banyumas)["total"] == Decimal("70.00")
    assert _stored(banyumas)["breakdown"] == {"total": "70.00"}
    assert _stored(banyumas)["category_scores"] == [{"code": "K01", "score": "70.00"}]


def test_nothing_to_upsert_writes_nothing(opened_year):
    from reporting.models import Score

    assert upsert_rows(Score, [], unique="assessment_id") == 0
    assert not Score.objects.exists()


def test_upsert_keeps_every_character_and_can_run_twice_in_one_transaction(
    opened_year,
):
    import json

    from django.db import transaction

    from reporting.models import Score

    salatiga, banyumas = (
        Assessment.objects.get(catalogue=opened_year, regency_id=code)
        for code in ("33.73", "33.02")
    )
    # What COPY's text format must escape (backslash, tab, newline, carriage
    # return), quotes, and text beyond ASCII, in a document and in plain columns.
    basis = 'Perda No. 5\\2024\t"Ramah HAM"\r\nPasal 3 — ayat (2), Wamena'
    document = json.dumps({"basis": basis, "path": "C:\\bukti\\sk.pdf"})
    row = _score_row(salatiga, "75.50", document) | {
        "predicate": "Peduli\tHAM\\ \n",
        "category_scores": [{"code": "K01", "note": basis}],
    }
    with transaction.atomic():
        assert upsert_rows(Score, [row], unique="assessment_id") == 1
        # A second upsert in the same transaction (its staging table made again).
        assert (
            upsert_rows(
                Score,
                [row | {"total": Decimal("76.00")}, _score_row(banyumas, "1E+1", "{}")],
                unique="assessment_id",
            )
            == 2
        )
    stored = _stored(salatiga)
    assert stored["breakdown"] == {"basis": basis, "path": "C:\\bukti\\sk.pdf"}
    assert stored["predicate"] == "Peduli\tHAM\\ \n"
    assert stored["category_scores"] == [{"code": "K01", "note": basis}]
    assert stored["total"] == Decimal("76.00")
    assert _stored(banyumas)["total"] == Decimal("10.00")
    assert Score.objects.count() == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the COPY text of PostgreSQL's upsert"
)
def test_a_value_without_a_copy_text_is_refused_before_anything_is_written(
    opened_year,
):
    from reporting.models import Score

    salatiga = Assessment.objects.get(catalogue=opened_year, regency_id="33.73")
    row = _score_row(salatiga, "75.50", "{}") | {"basis": object()}
    with pytest.raises(TypeError, match="basis"):
        upsert_rows(Score, [row], unique="assessment_id")
    assert not Score.objects.exists()
