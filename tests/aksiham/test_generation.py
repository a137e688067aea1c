"""A plan's legal basis is its RANHAM generation, data of the plan: a 2026 plan of
another generation is never labelled "Perpres 53/2021 (RANHAM 2021–2025)"."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from aksiham.demo import sample_plan_open
from aksiham.models import ActionPlan, Generation
from tests.aksiham.moments import YEAR

pytestmark = pytest.mark.django_db

OLD = "Perpres 53/2021"


@pytest.fixture
def next_generation() -> Generation:
    """A made-up later generation (test data, marked as sample)."""
    return Generation.objects.create(
        name="RANHAM",
        regulation="Perpres 99/2026 (CONTOH)",
        start_year=2026,
        end_year=2030,
        is_sample=True,
    )


def test_a_2026_plan_of_another_generation_is_labelled_by_it(
    client_for, plan, periods, next_generation, regency_staff
):
    assert plan.year == YEAR == 2026
    ActionPlan.objects.filter(pk=plan.pk).update(generation=next_generation)
    plan.refresh_from_db()
    assert plan.basis_label == "Perpres 99/2026 (CONTOH) (RANHAM 2026–2030)"
    assert plan.sample_label == (
        "CONTOH — bukan daftar resmi Aksi HAM (Perpres 99/2026 (CONTOH))"
    )
    body = (
        client_for(regency_staff)
        .get(reverse("aksiham:grid", args=[YEAR, "33.73"]))
        .content.decode()
    )
    assert "Perpres 99/2026 (CONTOH) (RANHAM 2026–2030)" in body
    assert OLD not in body


def test_the_sample_file_names_its_generation_only_for_the_years_it_covers(regions):
    within = sample_plan_open(2024)
    assert within.basis_label == "Perpres 53/2021 (RANHAM 2021–2025)"
    later = sample_plan_open(2026)
    assert later.generation is None
    assert OLD not in later.basis_label
    assert OLD not in later.sample_label
    assert later.sample_label.startswith("CONTOH")


def test_a_generation_that_does_not_cover_the_year_is_refused(plan, next_generation):
    old = Generation.objects.create(
        name="RANHAM", regulation=OLD, start_year=2021, end_year=2025
    )
    plan.generation = old
    with pytest.raises(ValidationError, match="tidak mencakup tahun 2026"):
        plan.full_clean()
    plan.generation = next_generation
    plan.full_clean()


def test_the_migration_gives_existing_plans_the_generation_their_text_named(regions):
    migration = importlib.import_module("aksiham.migrations.0005_ranham_generation")
    named = ActionPlan.objects.create(
        year=2023, level="kabkota", title="Lama", legal_basis=migration.RANHAM_2021
    )
    other = ActionPlan.objects.create(
        year=2023, level="provinsi", title="Lain", legal_basis="Teks lain"
    )
    migration.plans_to_generation(apps, None)
    named.refresh_from_db()
    other.refresh_from_db()
    assert named.basis_label == migration.RANHAM_2021  # shown as before
    assert named.legal_basis == ""
    assert (other.generation, other.basis_label) == (None, "Teks lain")
