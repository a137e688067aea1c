from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from reporting.models import Answer, Assessment
from reporting.services.assessments import (
    answers_assign_by_type,
    approval_record,
    assessments_open,
)
from reporting.services.workflow import assessment_submit
from tests.files import pdf_upload


@pytest.fixture
def opened_year(open_catalogue):
    """The sample year opened for the cast's kab/kota, deadline in 30 days."""
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
    assessment = Assessment.objects.get(regency_id="33.02", catalogue=opened_year)
    answers_assign_by_type(assessment=assessment, actor=other_regency_staff)
    return assessment


def approve(assessment: Assessment, actor) -> None:
    approval_record(
        assessment=assessment,
        approver_name="Drs. Contoh",
        approver_position="Sekretaris Daerah",
        approved_on=datetime.date(2026, 3, 1),
        letter=pdf_upload("surat.pdf"),
        actor=actor,
    )


@pytest.fixture
def submitted(verifier, assessment, regency_staff) -> Assessment:
    """Salatiga approved and submitted by its coordinator; its Kanwil verifier exists."""
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
