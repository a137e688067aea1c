from __future__ import annotations

from collections import Counter

import pytest

from indicators.models import Catalogue, Category, Indicator, PredicateBand
from tests.plugin import sample_catalogue_import

pytestmark = pytest.mark.django_db


def _rows(catalogue: Catalogue) -> dict[str, list[tuple]]:
    """Every stored value of a catalogue, without ids, timestamps and the year."""

    def values(queryset, *skip: str) -> list[tuple]:
        model = queryset.model
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if not f.primary_key
            and f.attname not in {"created_at", "updated_at", *skip}
        ]
        if "category_id" in names:  # the category by its code, not its id
            names[names.index("category_id")] = "category__code"
        return list(queryset.order_by("pk").values_list(*names))

    return {
        "catalogue": values(Catalogue.objects.filter(pk=catalogue.pk)),
        "bands": values(
            PredicateBand.objects.filter(catalogue=catalogue), "catalogue_id"
        ),
        "categories": values(
            Category.objects.filter(catalogue=catalogue), "catalogue_id"
        ),
        "indicators": values(
            Indicator.objects.filter(catalogue=catalogue), "catalogue_id"
        ),
    }


def test_the_real_import_of_the_sample_gives_the_fixture_rows(regions, request):
    """``sample_catalogue`` replays a snapshot (tests/snapshots.py); the import itself
    runs here, on the shipped file, and must store exactly the same catalogue."""
    imported = sample_catalogue_import()
    assert imported.status == Catalogue.Status.DRAFT
    assert (imported.categories.count(), imported.indicators.count()) == (10, 120)
    assert imported.bands.count() == 4
    real = _rows(imported)
    Catalogue.objects.filter(pk=imported.pk).delete()

    replayed = request.getfixturevalue("sample_catalogue")
    assert replayed.pk != imported.pk
    assert _rows(replayed) == real
    assert replayed.created_at is not None


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
