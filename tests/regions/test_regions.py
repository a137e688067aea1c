from __future__ import annotations

import json

import pytest

from regions.models import Agency, Province, Regency
from regions.services import (
    REGIONS_FIXTURE,
    agencies_create_from_template,
    regions_load,
)

pytestmark = pytest.mark.django_db


def test_fixture_loads_all_38_provinces_and_514_regencies(regions):
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert Regency.objects.filter(kind=Regency.Kind.KABUPATEN).count() == 416
    assert Regency.objects.filter(kind=Regency.Kind.KOTA).count() == 98


def test_codes_follow_kemendagri(regions):
    salatiga = Regency.objects.get(code="33.73")
    assert salatiga.name == "Kota Salatiga"
    assert salatiga.kind == Regency.Kind.KOTA
    assert salatiga.province.name == "Jawa Tengah"
    assert Regency.objects.get(code="72.71").name == "Kota Palu"
    # .01-.69 are kabupaten, .71 and up are kota
    for regency in Regency.objects.all():
        suffix = int(regency.code.split(".")[1])
        assert (suffix >= 71) == (regency.kind == Regency.Kind.KOTA), regency.code
        assert regency.code.startswith(regency.province_id + ".")


def test_dki_administrative_areas_are_flagged(regions):
    flagged = set(
        Regency.objects.filter(is_dki_administrative=True).values_list(
            "code", flat=True
        )
    )
    assert flagged == {"31.01", "31.71", "31.72", "31.73", "31.74", "31.75"}


def test_loading_twice_changes_nothing(regions):
    before = list(Regency.objects.values_list("code", "name", "kind", "province_id"))
    regions_load()
    assert (
        list(Regency.objects.values_list("code", "name", "kind", "province_id"))
        == before
    )


def test_fixture_cites_its_regulation():
    data = json.loads(REGIONS_FIXTURE.read_text("utf-8"))
    assert "300.2.2-2138/2025" in data["source"]


def test_agency_template_is_applied_once(regions):
    salatiga = Regency.objects.get(code="33.73")
    first = agencies_create_from_template(regency=salatiga)
    second = agencies_create_from_template(regency=salatiga)
    assert len(first) == 16
    assert second == []
    assert Agency.objects.filter(regency=salatiga).count() == 16
