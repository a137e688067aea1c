"""Every province has its zone (Keppres 41/1987), loaded with the regions."""

from __future__ import annotations

import importlib
import json

import pytest
from django.apps import apps as live_apps
from django.core.exceptions import ValidationError
from django.core.management import call_command

from regions.models import Province
from regions.services import REGIONS_FIXTURE, regions_load
from regions.zones import zone_of, zones_of

pytestmark = pytest.mark.django_db

WIT = {"Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Selatan"}
WIT |= {"Papua Tengah", "Papua Pegunungan", "Papua Barat Daya"}
WITA = {"Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Selatan"}
WITA |= {"Kalimantan Timur", "Kalimantan Utara", "Gorontalo", "Sulawesi Barat"}
WITA |= {"Sulawesi Utara", "Sulawesi Tengah", "Sulawesi Selatan", "Sulawesi Tenggara"}


def test_load_regions_gives_each_of_the_38_provinces_its_zone(capsys):
    call_command("load_regions")
    by_zone: dict[str, set[str]] = {}
    for name, zone in Province.objects.values_list("name", "zone"):
        by_zone.setdefault(zone, set()).add(name)
    assert by_zone["Asia/Jayapura"] == WIT
    assert by_zone["Asia/Makassar"] == WITA
    assert len(by_zone["Asia/Jakarta"]) == 18
    assert {"Kalimantan Barat", "Kalimantan Tengah", "Aceh"} <= by_zone["Asia/Jakarta"]


def test_a_kab_kota_takes_its_provinces_zone(regions):
    assert zone_of("91.71") == "Asia/Jayapura"  # Kota Jayapura
    assert zones_of(["11.71", "72.71"]) == {
        "11.71": "Asia/Jakarta",
        "72.71": "Asia/Makassar",
    }


def test_the_fixture_cites_its_source_and_a_province_without_zone_is_refused(
    tmp_path,
):
    data = json.loads(REGIONS_FIXTURE.read_text("utf-8"))
    assert "Keppres 41/1987" in data["zone_source"]
    del data["provinces"][0]["zone"]
    broken = tmp_path / "regions.json"
    broken.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ValidationError, match="time zone"):
        regions_load(regions_path=broken)


def test_the_data_migration_fills_the_zones_of_existing_rows(regions):
    Province.objects.update(zone="Asia/Jakarta")
    migration = importlib.import_module("regions.migrations.0002_province_zone")
    migration.fill_zones(live_apps, None)
    assert Province.objects.get(code="96").zone == "Asia/Jayapura"  # Papua Barat Daya
    assert Province.objects.get(code="51").zone == "Asia/Makassar"  # Bali
    assert Province.objects.get(code="61").zone == "Asia/Jakarta"  # Kalimantan Barat
