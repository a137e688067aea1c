from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kernel.errors import Refusal
from reporting.models import Answer, Assessment
from reporting.services.answers import answer_save
from reporting.services.assessments import assessment_extend
from reporting.services.workflow import assessment_submit
from tests.cast import approve
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db


_approve = approve


def test_submit_needs_a_recorded_approval(assessment, regency_staff):
    with pytest.raises(Refusal, match="persetujuan"):
        assessment_submit(assessment=assessment, actor=regency_staff)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT


def test_submit_locks_every_answer(assessment, regency_staff, operator, dinkes_answer):
    _approve(assessment, regency_staff)
    assessment_submit(assessment=assessment, actor=regency_staff)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    assert assessment.submitted_at
    assert set(assessment.answers.values_list("status", flat=True)) == {"submitted"}
    with pytest.raises(Refusal, match="terkunci"):
        answer_save(
            answer=dinkes_answer,
            raw_value="1",
            note="",
            expected_version=0,
            actor=operator,
        )
    assert assessment.events.filter(
        from_status="draft", to_status="submitted", answer=None
    ).exists()


def test_submit_records_each_answer_once_in_a_few_statements(
    assessment, regency_staff, operator, dinkes_answer, django_assert_max_num_queries
):
    """One review event and one version per answer, by the coordinator, from the
    answer's own status; a ready answer moves like a draft one. The statements do
    not grow with the catalogue (120 indicators)."""
    from reporting.models import ReviewEvent

    answer_save(
        answer=dinkes_answer,
        raw_value="45",
        note="",
        expected_version=dinkes_answer.version,
        actor=operator,
    )
    Answer.objects.filter(pk=dinkes_answer.pk).update(status=Answer.Status.READY)
    _approve(assessment, regency_staff)
    before = {a.pk: a.status for a in assessment.answers.all()}
    versions = {pk: Answer.history.filter(id=pk).count() for pk in before}
    with django_assert_max_num_queries(30):
        assessment_submit(assessment=assessment, actor=regency_staff)
    events = ReviewEvent.objects.filter(assessment=assessment, answer__isnull=False)
    steps = {
        e.answer_id: (e.from_status, e.to_status, e.actor_id)
        for e in events.filter(to_status="submitted")
    }
    assert len(before) >= 100
    assert events.filter(to_status="submitted").count() == len(before)
    assert steps == {
        pk: (status, "submitted", regency_staff.pk) for pk, status in before.items()
    }
    assert before[dinkes_answer.pk] == "ready"
    for pk, count in versions.items():
        latest = Answer.history.filter(id=pk).order_by("-history_id")
        assert latest.count() == count + 1
        assert (latest[0].status, latest[0].history_user_id) == (
            "submitted",
            regency_staff.pk,
        )


def test_only_the_coordinator_submits(assessment, operator, verifier):
    for actor in (operator, verifier):
        with pytest.raises(Refusal, match="koordinator"):
            assessment_submit(assessment=assessment, actor=actor)


@pytest.mark.clock
def test_deadline_closes_editing_and_an_extension_reopens_it(
    assessment, regency_staff, operator, dinkes_answer, administrator
):
    Assessment.objects.filter(pk=assessment.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    dinkes_answer.refresh_from_db()
    with pytest.raises(Refusal, match="Batas waktu"):
        answer_save(
            answer=dinkes_answer,
            raw_value="50",
            note="",
            expected_version=0,
            actor=operator,
        )
    assessment.refresh_from_db()
    _approve_refused = pytest.raises(Refusal, match="Batas waktu")
    with _approve_refused:
        assessment_submit(assessment=assessment, actor=regency_staff)
    assessment_extend(
        assessment=assessment,
        actor=administrator,
        reason="Gangguan jaringan",
        until=timezone.now() + datetime.timedelta(days=2),
    )
    dinkes_answer.refresh_from_db()
    result = answer_save(
        answer=dinkes_answer,
        raw_value="50",
        note="",
        expected_version=0,
        actor=operator,
    )
    assert result.answer.value == "50"
    _approve(assessment, regency_staff)
    assessment_submit(assessment=assessment, actor=regency_staff)
    assert (
        Assessment.objects.get(pk=assessment.pk).status == Assessment.Status.SUBMITTED
    )


@pytest.mark.clock
def test_coordinator_journey_over_http(client_for, regency_staff, assessment):
    client = client_for(regency_staff)
    response = client.post(
        reverse("reporting:approval", args=[assessment.pk]),
        {
            "approver_name": "Drs. Contoh",
            "approver_position": "Sekretaris Daerah",
            "approved_on": "2026-03-01",
            "letter": pdf_upload("surat.pdf"),
        },
    )
    assert response.status_code == 302
    assert assessment.approvals.count() == 1
    response = client.post(
        reverse("reporting:submit", args=[assessment.pk]),
        {"confirm": "yes"},
        follow=True,
    )
    assert "Semua isian kini terkunci" in response.content.decode()
    page = client.get(reverse("reporting:category", args=[assessment.pk, "K01"]))
    assert all(card["refusal"] for card in page.context["cards"])
    assert b"answer-form" not in page.content


def test_htmx_autosave_returns_a_fragment_with_the_new_version(
    client_for, operator, dinkes_answer
):
    url = reverse("reporting:answer-save", args=[dinkes_answer.pk])
    response = client_for(operator).post(
        url,
        {
            f"a{dinkes_answer.pk}-raw_value": "75",
            f"a{dinkes_answer.pk}-note": "",
            f"a{dinkes_answer.pk}-version": "0",
        },
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tersimpan otomatis" in body
    assert 'value="1"' in body and 'hx-swap-oob="true"' in body


def test_conflict_over_http_keeps_the_typed_value(
    client_for, operator, regency_staff, dinkes_answer
):
    answer_save(
        answer=dinkes_answer,
        raw_value="60",
        note="",
        expected_version=0,
        actor=regency_staff,
    )
    url = reverse("reporting:answer-save", args=[dinkes_answer.pk])
    response = client_for(operator).post(
        url,
        {
            f"a{dinkes_answer.pk}-raw_value": "65",
            f"a{dinkes_answer.pk}-note": "",
            f"a{dinkes_answer.pk}-version": "0",
        },
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "sudah diubah" in body
    assert 'value="65"' in body  # the operator's typing is still in the field
    assert Answer.objects.get(pk=dinkes_answer.pk).raw_value == "60"


def test_invite_creates_an_operator_and_sends_a_link(
    client_for,
    regency_staff,
    assessment,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    agency = assessment.regency.agencies.get(agency_type__code="disdik")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(regency_staff).post(
            reverse("reporting:invite", args=[assessment.pk]),
            {
                "full_name": "Siti Rahma",
                "email": "siti@disdik.example.go.id",
                "agency": agency.pk,
            },
        )
    assert response.status_code == 302
    from accounts.models import User

    user = User.objects.get(email="siti@disdik.example.go.id")
    assert user.role_assignments.get().agency == agency
    assert len(mailoutbox) == 1
    assert "/akun/atur-sandi/" in mailoutbox[0].body
    assert agency.name in mailoutbox[0].subject
