"""Hand-computed scores: every expected number below is worked out in the comment."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest

from reporting.scoring import (
    LINE_FIELDS,
    Breakdown,
    CategoryRule,
    IndicatorRule,
    YearRules,
    category_scores_of,
    compute,
    compute_lines,
)

BANDS = [
    (D(75), "Peduli HAM", True),
    (D(65), "Cukup Peduli HAM", False),
    (D(50), "Mulai Peduli HAM", False),
    (D(0), "Kurang Peduli HAM", False),
]


def rules(weights=(10, 30, 60), category_weights=(1, 1)) -> YearRules:
    return YearRules(
        catalogue_id=1,
        type_weights={
            "struktur": D(weights[0]),
            "proses": D(weights[1]),
            "hasil": D(weights[2]),
        },
        bands=BANDS,
        categories=[
            CategoryRule(1, "A", "Kategori A", D(category_weights[0])),
            CategoryRule(2, "B", "Kategori B", D(category_weights[1])),
        ],
        indicators=[
            IndicatorRule(1, "A.S1", 1, "struktur", D(1)),
            IndicatorRule(2, "A.P1", 1, "proses", D(1)),
            IndicatorRule(3, "A.P2", 1, "proses", D(2)),
            IndicatorRule(4, "A.H1", 1, "hasil", D(1)),
            IndicatorRule(5, "B.P1", 2, "proses", D(1)),
            IndicatorRule(6, "B.H1", 2, "hasil", D(1)),
        ],
    )


ACCEPTED = "accepted"
ANSWERS = {
    1: (ACCEPTED, D(100)),
    2: (ACCEPTED, D(50)),
    3: (ACCEPTED, D(100)),
    4: (ACCEPTED, D(75)),
    5: (ACCEPTED, D(40)),
    6: ("returned", None),
}


def test_default_weights():
    # A: struktur 10×100/100 = 10; proses 30×(50+2×100)/300 = 25; hasil 60×75/100 = 45
    #    → 100×80/100 = 80.00
    # B: proses 30×40/100 = 12; hasil 0 (returned) → 100×12/90 = 13.333… → 13.33
    # total (80 + 13.33)/2 = 46.665 → 46.67 (half up) → Kurang Peduli HAM
    result = compute(rules(), ANSWERS, [])
    categories = {
        c["code"]: c["score"] for c in result.breakdown.as_json()["categories"]
    }
    assert categories == {"A": "80.00", "B": "13.33"}
    assert result.base_total == D("46.67")
    assert result.total == D("46.67")
    assert result.predicate == "Kurang Peduli HAM"
    assert result.breakdown.as_json()["counted_as_zero"] == ["B.H1"]
    assert result.hasil_points == D("45.00")


def test_answers_not_accepted_count_as_zero_and_are_listed():
    pending = {k: ("submitted", v[1]) for k, v in ANSWERS.items()}
    result = compute(rules(), pending, [])
    assert result.total == 0
    assert result.breakdown.as_json()["counted_as_zero"] == [
        "A.S1",
        "A.P1",
        "A.P2",
        "A.H1",
        "B.P1",
        "B.H1",
    ]


def test_other_type_weights():
    # A with 20/30/50: 20 + 25 + 50×0.75 = 82.5 → 82.50
    # B: proses 30×0.4 = 12, hasil 0 → 100×12/80 = 15.00 → total 48.75
    result = compute(rules(weights=(20, 30, 50)), ANSWERS, [])
    categories = {
        c["code"]: c["score"] for c in result.breakdown.as_json()["categories"]
    }
    assert categories == {"A": "82.50", "B": "15.00"}
    assert result.total == D("48.75")


def test_category_weights():
    # (2×80 + 1×13.33)/3 = 57.776… → 57.78 → Mulai Peduli HAM
    result = compute(rules(category_weights=(2, 1)), ANSWERS, [])
    assert result.total == D("57.78")
    assert result.predicate == "Mulai Peduli HAM"


def test_bonus_and_deduction_apply_with_their_basis():
    # 46.67 + 5 − 1.5 = 50.17 → Mulai Peduli HAM
    adjustments = [
        ("bonus", D("5.00"), "Aksi HAM 2025: 86"),
        ("deduction", D("1.50"), "Kasus X"),
    ]
    result = compute(rules(), ANSWERS, adjustments)
    assert (result.base_total, result.bonus, result.deduction) == (
        D("46.67"),
        D(5),
        D("1.5"),
    )
    assert result.total == D("50.17")
    assert result.predicate == "Mulai Peduli HAM"
    assert result.breakdown.as_json()["adjustments"][0]["basis"] == "Aksi HAM 2025: 86"


def test_total_stays_within_0_and_100():
    perfect = {k: (ACCEPTED, D(100)) for k in range(1, 7)}
    assert compute(rules(), perfect, [("bonus", D(5), "x")]).total == 100
    assert compute(rules(), {}, [("deduction", D(10), "x")]).total == 0


@pytest.mark.parametrize(
    ("total", "predicate"),
    [
        (D("74.99"), "Cukup Peduli HAM"),
        (D("75.00"), "Peduli HAM"),
        (D("100"), "Peduli HAM"),
        (D("65.00"), "Cukup Peduli HAM"),
        (D("64.99"), "Mulai Peduli HAM"),
        (D("49.99"), "Kurang Peduli HAM"),
        (D("0"), "Kurang Peduli HAM"),
    ],
)
def test_band_edges(total, predicate):
    assert rules().predicate(total)[0] == predicate


def test_breakdown_adds_up_to_the_total():
    result = compute(rules(), ANSWERS, [])
    for category in result.breakdown.as_json()["categories"]:
        points = sum(D(t["points"]) for t in category["types"])
        weights = sum(D(t["weight"]) for t in category["types"])
        assert abs(D(100) * points / weights - D(category["score"])) < D("0.005")
    scores = [D(c["score"]) for c in result.breakdown.as_json()["categories"]]
    mean = (sum(scores) / len(scores)).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert mean == result.base_total


def test_the_stored_document_is_what_its_reader_reads_and_writes_back():
    # compute encodes the document as it scores (lines encoded once per year and
    # joined); read by Breakdown and written back as_json, it must be the same
    # document, names with quotes and a basis with a newline too.
    year = rules()
    year.categories[0] = CategoryRule(1, "A", 'Kategori "A" \\ ä', D(1))
    adjustments = [("bonus", D(2), 'Aksi HAM "2025"\nbaris dua')]
    first = compute(year, ANSWERS, adjustments)
    # A second kab/kota with the same answers reuses the year's encoded lines.
    second = compute(year, dict(ANSWERS) | {2: (ACCEPTED, "50.00")}, [])
    for result in (first, second):
        document = json.loads(result.document)
        assert Breakdown.from_json(document).as_json() == document
        assert result.breakdown == Breakdown.from_json(document)
        assert result.breakdown.total == result.total
    assert first.breakdown.categories[0].name == 'Kategori "A" \\ ä'
    assert first.breakdown.adjustments[0].basis == 'Aksi HAM "2025"\nbaris dua'
    line = second.breakdown.categories[0].types[1].indicators[0]
    assert (line.score, line.points) == (D("50.00"), D("5.0000"))  # 30×1×50/(100×3)


def test_answers_read_as_text_score_as_answers_read_as_rows():
    # A national recompute on PostgreSQL reads each kab/kota's answers as one text
    # ("indicator status score" items): an answer without a score, an indicator not
    # answered (5) and an answer to an indicator outside the year (99) included.
    answers = {
        1: (ACCEPTED, "100.0000"),
        2: (ACCEPTED, "50.0000"),
        3: (ACCEPTED, "100.0000"),
        4: (ACCEPTED, "75.0000"),
        6: ("returned", None),
    }
    items = ",".join(
        [
            f"{pk} {status} {score or ''}"
            for pk, (status, score) in reversed(answers.items())
        ]
        + ["99 accepted 80.0000"]
    )
    year = rules()
    by_text = compute_lines(year, year.lines_from_items(items), [])
    by_rows = compute(rules(), answers, [])
    assert by_text.document == by_rows.document
    assert by_text.total == by_rows.total
    assert json.loads(by_text.document)["counted_as_zero"] == ["B.P1", "B.H1"]
    # Read again from the year's decoded items, the same lines.
    assert year.lines_from_items(items) == year.lines_for(answers)


def test_an_answer_gives_the_same_line_whether_its_score_is_a_number_or_text():
    year = rules()
    by_number = compute(year, ANSWERS, [])
    by_text = compute(
        rules(),
        {k: (s, None if v is None else str(v)) for k, (s, v) in ANSWERS.items()},
        [],
    )
    assert by_text.breakdown.as_json() == by_number.breakdown.as_json()
    assert by_text.total == by_number.total == D("46.67")


def test_a_breakdown_stored_with_lines_as_objects_still_reads():
    # Documents stored before lines were lists name each value; both read the same.
    result = compute(rules(), ANSWERS, [])
    doc = json.loads(result.document)
    for category in doc["categories"]:
        for type_ in category["types"]:
            type_["indicators"] = [
                dict(zip(LINE_FIELDS, line, strict=True))
                for line in type_["indicators"]
            ]
    assert Breakdown.from_json(doc) == result.breakdown
    assert doc["indicator_fields"] == list(LINE_FIELDS)


def test_the_category_summary_is_the_breakdowns_category_scores():
    result = compute(rules(), ANSWERS, [])
    summary = result.category_summary
    assert summary == [
        {"code": c.code, "score": str(c.score)} for c in result.breakdown.categories
    ]
    assert category_scores_of(summary) == result.breakdown.category_scores()
    assert all(isinstance(c["score"], str) for c in summary)
