from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indicators.models import Catalogue, Indicator
from indicators.services import (
    catalogue_close,
    catalogue_copy_to_year,
    catalogue_create,
    catalogue_open,
)

pytestmark = pytest.mark.django_db


def test_a_new_catalogue_is_a_draft_with_the_2016_defaults(regions):
    catalogue = catalogue_create(actor=None, year=2027, title="Uji", legal_basis="Uji")
    assert catalogue.status == Catalogue.Status.DRAFT
    assert catalogue.data_year == 2026
    assert (
        catalogue.weight_struktur,
        catalogue.weight_proses,
        catalogue.weight_hasil,
    ) == (10, 30, 60)
    assert [b.label for b in catalogue.bands.all()] == [
        "Peduli HAM",
        "Cukup Peduli HAM",
        "Mulai Peduli HAM",
        "Kurang Peduli HAM",
    ]


def test_an_empty_draft_cannot_open(regions):
    catalogue = catalogue_create(actor=None, year=2027, title="Uji", legal_basis="Uji")
    with pytest.raises(ValidationError, match="belum memiliki kategori"):
        catalogue_open(catalogue=catalogue, actor=None)
    catalogue.refresh_from_db()
    assert catalogue.status == Catalogue.Status.DRAFT


def test_weights_must_add_up_to_100_before_opening(sample_catalogue):
    sample_catalogue.weight_hasil = 50
    sample_catalogue.save()
    with pytest.raises(ValidationError, match="berjumlah 100"):
        catalogue_open(catalogue=sample_catalogue, actor=None)


def test_opening_checks_every_indicator_without_a_query_each(
    sample_catalogue, django_assert_max_num_queries
):
    """The 120 indicators' own rules are checked (a broken one stops the opening),
    in a number of queries that does not grow with them."""
    broken = sample_catalogue.indicators.filter(answer_kind="choice").first()
    options = broken.options
    Indicator.objects.filter(pk=broken.pk).update(options=[])
    with pytest.raises(ValidationError, match=broken.code):
        catalogue_open(catalogue=sample_catalogue, actor=None)
    Indicator.objects.filter(pk=broken.pk).update(options=options)
    with django_assert_max_num_queries(20):
        opened = catalogue_open(catalogue=sample_catalogue, actor=None)
    assert opened.status == Catalogue.Status.OPEN


def test_open_and_close(sample_catalogue):
    opened = catalogue_open(catalogue=sample_catalogue, actor=None)
    assert opened.status == Catalogue.Status.OPEN and opened.opened_at
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        catalogue_open(catalogue=opened, actor=None)
    closed = catalogue_close(catalogue=opened, actor=None)
    assert closed.status == Catalogue.Status.CLOSED


def test_only_administrators_manage_catalogues(
    sample_catalogue, verifier, administrator
):
    with pytest.raises(PermissionDenied):
        catalogue_open(catalogue=sample_catalogue, actor=verifier)
    assert (
        catalogue_open(catalogue=sample_catalogue, actor=administrator).status == "open"
    )


def test_copy_to_new_year_leaves_the_old_catalogue_untouched(open_catalogue):
    before = list(
        open_catalogue.indicators.values_list("pk", "code", "text", "category_id")
    )
    copy = catalogue_copy_to_year(catalogue=open_catalogue, year=2027, actor=None)
    assert copy.status == Catalogue.Status.DRAFT
    assert copy.copied_from == open_catalogue
    assert copy.indicators.count() == 120
    assert copy.categories.count() == 10
    # The old year's indicators keep their rows: answers pointing at them stay put.
    assert (
        list(open_catalogue.indicators.values_list("pk", "code", "text", "category_id"))
        == before
    )
    old_ids = {pk for pk, *_rest in before}
    assert not old_ids & set(copy.indicators.values_list("pk", flat=True))
    assert set(copy.indicators.values_list("category__catalogue", flat=True)) == {
        copy.pk
    }
    # Editing the copy does not reach the original.
    Indicator.objects.filter(catalogue=copy, code="K01.S01").update(
        text="Teks tahun 2027"
    )
    assert open_catalogue.indicators.get(code="K01.S01").text != "Teks tahun 2027"


def test_copy_to_an_existing_year_is_refused(open_catalogue):
    with pytest.raises(ValidationError, match="sudah ada"):
        catalogue_copy_to_year(catalogue=open_catalogue, year=2026, actor=None)
