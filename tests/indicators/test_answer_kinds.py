"""Each answer kind validates its own answers and yields a score 0..100."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicators.answer_kinds import kind_for, to_decimal
from indicators.models import Indicator


def _indicator(kind: str, **config) -> Indicator:
    return Indicator(answer_kind=kind, code="X", text="x", type="hasil", **config)


def _score(indicator: Indicator, raw, has_evidence: bool = False) -> Decimal:
    rule = kind_for(indicator.answer_kind)
    return rule.score(
        indicator, rule.clean_value(indicator, raw), has_evidence=has_evidence
    )


@pytest.mark.parametrize(("raw", "expected"), [("ya", 100), ("Tidak", 0), (True, 100)])
def test_yes_no(raw, expected):
    assert _score(_indicator("yes_no"), raw) == expected


def test_yes_no_refuses_other_words():
    with pytest.raises(ValidationError, match="Ya atau Tidak"):
        kind_for("yes_no").clean_value(_indicator("yes_no"), "mungkin")


CHOICE = [
    {"label": "Belum ada", "score": 0},
    {"label": "Disusun", "score": 40},
    {"label": "Ditetapkan", "score": 100},
]


def test_choice_scores_the_chosen_option():
    indicator = _indicator("choice", options=CHOICE)
    assert _score(indicator, "disusun") == 40
    assert _score(indicator, "Ditetapkan") == 100
    with pytest.raises(ValidationError, match="salah satu pilihan"):
        kind_for("choice").clean_value(indicator, "Sedang dipikirkan")


def test_number_with_target_scales_and_caps():
    indicator = _indicator("number", target=Decimal(12))
    assert _score(indicator, "3") == 25
    assert _score(indicator, "12") == 100
    assert _score(indicator, "30") == 100
    assert _score(indicator, "0") == 0


def test_number_with_falling_bands_rewards_lower_values():
    # e.g. stunting prevalence: lower is better
    bands = [
        {"min": 0, "score": 100},
        {"min": 14, "score": 60},
        {"min": 20, "score": 0},
    ]
    indicator = _indicator("number", bands=bands)
    assert _score(indicator, "13,9") == 100
    assert _score(indicator, "14") == 60
    assert _score(indicator, "25.5") == 0


def test_percentage_refuses_values_over_100_and_negative():
    indicator = _indicator("percentage", target=Decimal(100))
    assert _score(indicator, "87,5") == Decimal("87.5")
    for bad in ("100.01", "-1", "banyak"):
        with pytest.raises(ValidationError):
            kind_for("percentage").clean_value(indicator, bad)


def test_document_scores_by_evidence():
    indicator = _indicator("document")
    assert _score(indicator, None, has_evidence=True) == 100
    assert _score(indicator, None, has_evidence=False) == 0


@pytest.mark.parametrize(
    ("kind", "config", "message"),
    [
        ("choice", {"options": [{"label": "Satu", "score": 100}]}, "dua pilihan"),
        (
            "choice",
            {"options": [{"label": "A", "score": 150}, {"label": "B", "score": 0}]},
            "antara 0 dan 100",
        ),
        ("number", {}, "target atau pita"),
        (
            "number",
            {"target": Decimal(5), "bands": [{"min": 0, "score": 1}]},
            "target atau pita",
        ),
        ("percentage", {"target": Decimal(0)}, "lebih besar dari 0"),
        (
            "number",
            {"bands": [{"min": 5, "score": 1}, {"min": 1, "score": 2}]},
            "harus naik",
        ),
        ("yes_no", {"target": Decimal(1)}, "angka atau persentase"),
        ("document", {"options": CHOICE}, "hanya untuk jenis pilihan"),
    ],
)
def test_each_kind_refuses_settings_that_do_not_fit(kind, config, message):
    with pytest.raises(ValidationError, match=message):
        kind_for(kind).check_config(_indicator(kind, **config))


def test_numbers_accept_indonesian_notation():
    assert to_decimal("1.234,5", field="x") == Decimal("1234.5")
    assert to_decimal("12,5", field="x") == Decimal("12.5")
    assert to_decimal(7, field="x") == 7
