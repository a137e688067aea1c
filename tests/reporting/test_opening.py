from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kernel.errors import Refusal
from reporting.models import Answer, Assessment
from reporting.services.assessments import answers_assign_by_type, assessments_open

pytestmark = pytest.mark.django_db


def test_opening_creates_one_assessment_per_regency_and_answer_per_indicator(
    open_catalogue,
):
    deadline = timezone.now() + datetime.timedelta(days=30)
    created = assessments_open(catalogue=open_catalogue, deadline=deadline, actor=None)
    assert created == 514
    assert Assessment.objects.filter(catalogue=open_catalogue).count() == 514
    assert (
        Answer.objects.filter(assessment__catalogue=open_catalogue).count() == 514 * 120
    )
    assert not Answer.objects.exclude(status=Answer.Status.DRAFT).exists()
    assert (
        assessments_open(catalogue=open_catalogue, deadline=deadline, actor=None) == 0
    )
    assert Answer.objects.count() == 514 * 120


def test_opening_a_late_region_adds_only_that_region(opened_year):
    added = assessments_open(
        catalogue=opened_year,
        deadline=timezone.now(),
        actor=None,
        regency_codes=["33.73", "11.01"],
    )
    assert added == 1
    assert Assessment.objects.filter(catalogue=opened_year).count() == 4


def test_a_draft_catalogue_cannot_be_opened_for_reporting(sample_catalogue):
    with pytest.raises(Refusal, match="Buka katalog"):
        assessments_open(
            catalogue=sample_catalogue, deadline=timezone.now(), actor=None
        )


def test_only_administrators_open_the_year(open_catalogue, verifier):
    with pytest.raises(Refusal, match="Hanya administrator"):
        assessments_open(
            catalogue=open_catalogue, deadline=timezone.now(), actor=verifier
        )


def test_assignment_by_responsible_agency_type(assessment):
    dinkes = assessment.answers.filter(
        indicator__responsible_agency_type__code="dinkes"
    )
    assert dinkes.exists()
    assert set(dinkes.values_list("agency__agency_type__code", flat=True)) == {"dinkes"}
    # Every indicator of the sample has a responsible type that Salatiga has.
    assert not assessment.answers.filter(agency=None).exists()


def test_other_coordinator_cannot_assign(assessment, other_regency_staff):
    with pytest.raises(Refusal, match="Hanya koordinator"):
        answers_assign_by_type(assessment=assessment, actor=other_regency_staff)


@pytest.mark.clock
def test_extension_is_recorded_with_reason(assessment, administrator):
    from reporting.services.assessments import assessment_extend

    until = assessment.deadline + datetime.timedelta(days=7)
    assessment_extend(
        assessment=assessment, until=until, reason="Banjir", actor=administrator
    )
    assessment.refresh_from_db()
    assert assessment.effective_deadline == until
    assert "Banjir" in assessment.events.first().note
