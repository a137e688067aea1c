from __future__ import annotations

from collections import Counter

import pytest

from indicators.models import Catalogue, Indicator

pytestmark = pytest.mark.django_db


def test_sample_has_10_categories_and_120_indicators(sample_catalogue):
    assert sample_catalogue.is_sample
    assert sample_catalogue.categories.count() == 10
    assert sample_catalogue.indicators.count() == 120
    per_category = Counter(
        sample_catalogue.indicators.values_list("category__code", flat=True)
    )
    assert set(per_category.values()) == {12}


def test_sample_uses_every_type_and_answer_kind(sample_catalogue):
    indicators = sample_catalogue.indicators
    assert set(indicators.values_list("type", flat=True)) == set(Indicator.Type.values)
    assert set(indicators.values_list("answer_kind", flat=True)) == set(
        Indicator.AnswerKind.values
    )
    for category in sample_catalogue.categories.all():
        types = set(category.indicators.values_list("type", flat=True))
        assert types == set(Indicator.Type.values), category.code


def test_sample_groups_are_five_civil_political_and_five_ecosoc(sample_catalogue):
    groups = Counter(sample_catalogue.categories.values_list("group", flat=True))
    assert groups == {"A": 5, "B": 5}


def test_every_sample_indicator_names_unit_and_evidence(sample_catalogue):
    for indicator in sample_catalogue.indicators.all():
        assert indicator.unit, indicator.code
        assert indicator.evidence_description, indicator.code
        indicator.full_clean()


def test_sample_opens_with_default_scoring_settings(open_catalogue):
    assert open_catalogue.status == Catalogue.Status.OPEN
    assert sum(open_catalogue.type_weights().values()) == 100
    bands = list(open_catalogue.bands.values_list("min_score", "label", "earns_award"))
    assert bands[0][1] == "Peduli HAM"
    assert bands[0][0] == 75
    assert [b[2] for b in bands] == [True, False, False, False]
