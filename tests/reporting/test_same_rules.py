"""The same rules for every write: the deadline stops assignment and approval records
like any edit, a published year gets no extension, the console says how many answers
it really accepted, and a refused assignment says why."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from kernel.errors import Refusal
from reporting.models import Answer, Approval, Publication
from reporting.services.assessments import (
    answer_assign,
    answers_assign_by_type,
    assessment_extend,
)
from reporting.services.verification import answer_accept
from tests.cast import approve

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_after_the_deadline_assignment_and_approval_records_are_refused(
    client_for, assessment, dinkes_answer, regency_staff
):
    other_agency = assessment.regency.agencies.exclude(pk=dinkes_answer.agency_id)[0]
    Answer.objects.filter(pk=dinkes_answer.pk).update(agency=None)
    after = assessment.effective_deadline + datetime.timedelta(minutes=1)
    with time_machine.travel(after, tick=False):
        with pytest.raises(Refusal, match="Batas waktu pengisian sudah lewat"):
            answer_assign(
                answer=dinkes_answer, agency=other_agency, actor=regency_staff
            )
        with pytest.raises(Refusal, match="Batas waktu pengisian sudah lewat"):
            answers_assign_by_type(assessment=assessment, actor=regency_staff)
        with pytest.raises(Refusal, match="Batas waktu pengisian sudah lewat"):
            approve(assessment, regency_staff)
        client = client_for(regency_staff)
        response = client.post(
            reverse("reporting:assign-by-type", args=[assessment.pk])
        )
        assert response.status_code == 302
        assert any("Batas waktu" in m for m in _messages(response))
    assert Answer.objects.get(pk=dinkes_answer.pk).agency is None
    assert not Approval.objects.filter(assessment=assessment).exists()


def test_an_extension_is_not_granted_on_a_published_year(assessment, administrator):
    Publication.objects.create(
        catalogue=assessment.catalogue,
        published_by=administrator,
        decree_number="CONTOH/1",
        decree_date=datetime.date(2026, 10, 1),
    )
    until = assessment.deadline + datetime.timedelta(days=7)
    with pytest.raises(Refusal, match="sudah diumumkan"):
        assessment_extend(
            assessment=assessment, until=until, reason="Banjir", actor=administrator
        )
    assessment.refresh_from_db()
    assert assessment.extended_until is None


def test_bulk_accept_reports_the_number_actually_accepted(
    client_for, submitted, verifier
):
    first, second, third = submitted.answers.order_by("pk")[:3]
    answer_accept(answer=first, actor=verifier)  # decided already
    response = client_for(verifier).post(
        reverse("admin:reporting_assessment_decide", args=[submitted.pk]),
        {"decision": "bulk_accept", "answer_ids": [first.pk, second.pk, third.pk]},
    )
    assert response.status_code == 302
    shown = _messages(response)
    assert "2 jawaban diterima." in shown
    assert any(m.startswith("1 jawaban yang dipilih tidak diterima") for m in shown)
    assert "3 jawaban diterima." not in shown


def test_assigning_another_regions_agency_says_why(
    client_for, assessment, dinkes_answer, regency_staff, banyumas
):
    foreign = banyumas.agencies.first()
    response = client_for(regency_staff).post(
        reverse("reporting:assignment", args=[assessment.pk]),
        {"answer": dinkes_answer.pk, "agency": foreign.pk},
    )
    assert response.status_code == 302
    assert any("bukan OPD aktif kabupaten/kota ini" in m for m in _messages(response))
    assert Answer.objects.get(pk=dinkes_answer.pk).agency_id == dinkes_answer.agency_id


def test_before_the_deadline_assignment_still_works(
    assessment, dinkes_answer, regency_staff
):
    other_agency = assessment.regency.agencies.exclude(pk=dinkes_answer.agency_id)[0]
    with time_machine.travel(timezone.now(), tick=False):
        answer_assign(answer=dinkes_answer, agency=other_agency, actor=regency_staff)
    assert Answer.objects.get(pk=dinkes_answer.pk).agency == other_agency
