"""Fetching reporting objects through the user's scope: outside it, 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from reporting import permissions
from reporting.models import Answer, Assessment, Evidence


def header_flags(request: HttpRequest, assessment: Assessment) -> dict[str, bool]:
    """What the assessment's page header may link to for this person."""
    return {
        "is_coordinator": permissions.is_coordinator(request.user, assessment),
        "can_view_score": permissions.can_view_score(request.user, assessment),
        "can_view_cases": permissions.can_view_cases(request.user, assessment.regency),
        "works_in": permissions.works_in(request.user, assessment),
    }


def get_assessment(request: HttpRequest, pk: int) -> Assessment:
    return get_object_or_404(
        permissions.assessments_for(request.user).select_related(
            "regency", "catalogue"
        ),
        pk=pk,
    )


def get_answer(request: HttpRequest, pk: int) -> Answer:
    answer = get_object_or_404(
        Answer.objects.select_related(
            "assessment__regency", "assessment__catalogue", "indicator", "updated_by"
        ),
        pk=pk,
    )
    get_assessment(request, answer.assessment_id)
    if (
        not permissions.answers_for(request.user, answer.assessment)
        .filter(pk=pk)
        .exists()
    ):
        raise Http404
    return answer


def get_evidence(request: HttpRequest, pk: int) -> Evidence:
    evidence = get_object_or_404(Evidence.objects.select_related("answer"), pk=pk)
    get_answer(request, evidence.answer_id)
    return evidence
