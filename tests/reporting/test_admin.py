from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import Assessment

pytestmark = pytest.mark.django_db


def test_administrator_opens_the_year_from_the_admin(
    client_for, administrator, open_catalogue
):
    response = client_for(administrator).post(
        reverse("admin:reporting_assessment_open"),
        {
            "catalogue": open_catalogue.pk,
            "deadline": "2027-03-15T23:59",
        },
    )
    assert response.status_code == 302
    assert Assessment.objects.filter(catalogue=open_catalogue).count() == 514


def test_verifier_cannot_open_the_year(client_for, verifier, open_catalogue):
    response = client_for(verifier).post(
        reverse("admin:reporting_assessment_open"),
        {
            "catalogue": open_catalogue.pk,
            "deadline": "2027-03-15T23:59",
        },
    )
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_administrator_extends_one_regency(client_for, administrator, assessment):
    until = timezone.localtime(assessment.deadline + datetime.timedelta(days=3))
    response = client_for(administrator).post(
        reverse("admin:reporting_assessment_extend", args=[assessment.pk]),
        {"until": until.strftime("%Y-%m-%dT%H:%M"), "reason": "Listrik padam"},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.extension_reason == "Listrik padam"


def test_extension_before_the_deadline_is_refused_with_a_message(
    client_for, administrator, assessment
):
    response = client_for(administrator).post(
        reverse("admin:reporting_assessment_extend", args=[assessment.pk]),
        {"until": "2020-01-01T00:00", "reason": "Salah tanggal"},
    )
    assert response.status_code == 200
    assert "harus melewati batas waktu semula" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.extended_until is None


def test_verifier_sees_own_province_assessments_only(
    client_for, verifier, assessment, opened_year
):
    response = client_for(verifier).get(
        reverse("admin:reporting_assessment_changelist")
    )
    regencies = {a.regency_id for a in response.context["cl"].result_list}
    assert regencies == {"33.73", "33.02"}
    palu = Assessment.objects.get(regency_id="72.71")
    url = reverse("admin:reporting_assessment_change", args=[palu.pk])
    assert client_for(verifier).get(url).status_code == 404
