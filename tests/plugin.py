"""Fixtures shared by every test folder: the sample catalogue and the opened year.

Registered by the root conftest (``pytest_plugins``), so that tests/reporting,
tests/exports, tests/scoring and tests/portal use the same fixtures without
importing each other's conftest.

``sample_catalogue`` is the shipped sample imported as a draft. The import itself
(django-import-export, about a second) runs once per session, in
``_sample_catalogue_snapshot``; every test that asks for the catalogue gets the rows
that import made, inserted again in its own transaction (tests/snapshots.py says
how and why that is the same thing).
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from reporting.models import Answer, Assessment
from tests.cast import SAMPLE_CATALOGUE, approve
from tests.snapshots import Snapshot, capture


def sample_catalogue_import():
    """The real import of the shipped sample (it must import cleanly)."""
    from indicators.transfer import catalogue_import_yaml

    outcome = catalogue_import_yaml(content=SAMPLE_CATALOGUE.read_bytes(), actor=None)
    assert outcome.ok, outcome.problems
    return outcome.catalogue


@pytest.fixture(scope="session")
def _sample_catalogue_snapshot(
    django_db_setup, django_db_blocker
) -> tuple[Snapshot, int]:
    """The rows of one real import of the sample, made on the test database."""
    from regions.services import regions_load

    with django_db_blocker.unblock():
        snapshot, catalogue = capture(
            "sample_catalogue", sample_catalogue_import, before=regions_load
        )
    return snapshot, catalogue.pk


@pytest.fixture
def sample_catalogue(regions, _sample_catalogue_snapshot):
    """The shipped sample catalogue, imported as a draft."""
    from indicators.models import Catalogue

    snapshot, pk = _sample_catalogue_snapshot
    snapshot.replay()
    return Catalogue.objects.get(pk=pk)


@pytest.fixture
def open_catalogue(sample_catalogue):
    from indicators.services import catalogue_open

    return catalogue_open(catalogue=sample_catalogue, actor=None)


@pytest.fixture
def opened_year(open_catalogue):
    """The sample year opened for the cast's kab/kota, deadline in 30 days."""
    from reporting.services.assessments import assessments_open

    assessments_open(
        catalogue=open_catalogue,
        deadline=timezone.now() + datetime.timedelta(days=30),
        actor=None,
        regency_codes=["33.73", "33.02", "72.71"],
    )
    return open_catalogue


@pytest.fixture
def assessment(opened_year, regency_staff, operator) -> Assessment:
    """Kota Salatiga's assessment with indicators assigned by responsible agency."""
    from reporting.services.assessments import answers_assign_by_type

    assessment = Assessment.objects.get(regency_id="33.73", catalogue=opened_year)
    answers_assign_by_type(assessment=assessment, actor=regency_staff)
    return assessment


@pytest.fixture
def dinkes_answer(assessment) -> Answer:
    """A percentage indicator assigned to the operator's Dinas Kesehatan."""
    return (
        assessment.answers.filter(
            agency__agency_type__code="dinkes", indicator__answer_kind="percentage"
        )
        .select_related("indicator")
        .first()
    )


@pytest.fixture
def other_agency_answer(assessment) -> Answer:
    return (
        assessment.answers.exclude(agency__agency_type__code="dinkes")
        .exclude(agency=None)
        .first()
    )


@pytest.fixture
def banyumas_assessment(opened_year, other_regency_staff) -> Assessment:
    from reporting.services.assessments import answers_assign_by_type

    assessment = Assessment.objects.get(regency_id="33.02", catalogue=opened_year)
    answers_assign_by_type(assessment=assessment, actor=other_regency_staff)
    return assessment


@pytest.fixture
def submitted(verifier, assessment, regency_staff) -> Assessment:
    """Salatiga approved and submitted by its coordinator; its Kanwil verifier exists."""
    from reporting.services.workflow import assessment_submit

    approve(assessment, regency_staff)
    return assessment_submit(assessment=assessment, actor=regency_staff)


@pytest.fixture
def scored_year(opened_year, verifier):
    """The cast's three kab/kota verified and scored through the ranking service.

    Every answer accepted at one score per kab/kota (Salatiga 90, Palu 80, Banyumas
    70), Salatiga with a bonus of 2.50 and its basis: totals 92.50, 80.00, 70.00.
    """
    from decimal import Decimal

    from reporting.models import Adjustment
    from reporting.services.ranking import year_recompute

    for code, score in (("33.73", 90), ("72.71", 80), ("33.02", 70)):
        Answer.objects.filter(
            assessment__regency_id=code, assessment__catalogue=opened_year
        ).update(status=Answer.Status.ACCEPTED, score=score)
    Assessment.objects.filter(catalogue=opened_year).update(
        status=Assessment.Status.VERIFIED
    )
    Adjustment.objects.create(
        assessment=Assessment.objects.get(regency_id="33.73", catalogue=opened_year),
        kind=Adjustment.Kind.BONUS,
        points=Decimal("2.50"),
        basis="Nilai Aksi HAM 2025 sebesar 86",
        created_by=verifier,
    )
    year_recompute(catalogue_id=opened_year.pk)
    return opened_year


# Modules whose tests start browsers, servers or workers run first, so that under
# pytest-xdist (`--dist loadfile`) the long ones do not all land at the end of one
# worker while the other waits; the order inside a module is kept.
_LONG_MARKS = {"browser", "slow"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    long_modules = {
        item.nodeid.split("::")[0]
        for item in items
        if _LONG_MARKS & {mark.name for mark in item.iter_markers()}
    }
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in long_modules)
