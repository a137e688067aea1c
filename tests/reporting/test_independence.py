"""Independence against the whole history: every editor and uploader of an answer, and
everyone who held a role in the kab/kota during the year, is kept out of its decisions."""

from __future__ import annotations

import pytest

from accounts.models import Role, RoleAssignment
from accounts.services import role_grant, role_revoke
from kernel.errors import Refusal
from regions.selectors import office_of
from reporting.models import Answer, Assessment
from reporting.services.answers import answer_save
from reporting.services.central import assessment_finalise
from reporting.services.evidence import evidence_attach, evidence_remove
from reporting.services.verification import (
    answer_accept,
    answer_return,
    answers_accept_bulk,
    assessment_forward,
)
from reporting.services.workflow import assessment_submit
from tests.cast import approve
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db
S = Answer.Status


def _save(answer: Answer, value: str, actor) -> Answer:
    answer = Answer.objects.get(pk=answer.pk)
    return answer_save(
        answer=answer,
        raw_value=value,
        note="",
        expected_version=answer.version,
        actor=actor,
    ).answer


def _moves_to_the_kanwil(user, administrator) -> None:
    """The operator leaves the kab/kota and joins the Kanwil of Jawa Tengah."""
    role_revoke(assignment=user.role_assignments.get(), actor=administrator)
    role_grant(
        user=user,
        role=Role.VERIFIER,
        actor=None,
        office=office_of("33"),
    )


def _send(assessment: Assessment, coordinator) -> Assessment:
    approve(assessment, coordinator)
    return assessment_submit(assessment=assessment, actor=coordinator)


def test_an_earlier_editor_cannot_decide_after_someone_else_saved_last(
    assessment, dinkes_answer, operator, regency_staff, administrator
):
    _save(dinkes_answer, "40", operator)
    _save(dinkes_answer, "50", regency_staff)  # the last editor is the coordinator
    _send(assessment, regency_staff)
    _moves_to_the_kanwil(operator, administrator)
    with pytest.raises(Refusal, match="orang lain"):
        answer_accept(answer=dinkes_answer, actor=operator)
    with pytest.raises(Refusal, match="orang lain"):
        answer_return(
            answer=dinkes_answer, reasons=["mismatch"], note="", actor=operator
        )
    assert Answer.objects.get(pk=dinkes_answer.pk).status == S.SUBMITTED


def test_the_editor_history_counts_even_without_a_record_of_the_role(
    assessment, dinkes_answer, operator, regency_staff, administrator
):
    """Roles revoked before their history was kept: the answer's history still tells."""
    _save(dinkes_answer, "40", operator)
    _save(dinkes_answer, "50", regency_staff)
    _send(assessment, regency_staff)
    _moves_to_the_kanwil(operator, administrator)
    RoleAssignment.history.filter(user_id=operator.pk, role=Role.OPERATOR).delete()
    with pytest.raises(Refusal, match="pernah mengisi") as refused:
        answer_accept(answer=dinkes_answer, actor=operator)
    assert dinkes_answer.indicator.code in str(refused.value)


def test_whoever_uploaded_a_file_since_removed_cannot_decide(
    assessment, dinkes_answer, operator, regency_staff, administrator
):
    stored = evidence_attach(
        answer=dinkes_answer, uploads=[pdf_upload()], actor=operator
    ).stored[0]
    evidence_remove(evidence=stored, actor=regency_staff)
    _save(dinkes_answer, "50", regency_staff)
    _send(assessment, regency_staff)
    _moves_to_the_kanwil(operator, administrator)
    with pytest.raises(Refusal, match="orang lain"):
        answer_accept(answer=dinkes_answer, actor=operator)
    # Even where the record of the role is gone, the answer's history tells.
    RoleAssignment.history.filter(user_id=operator.pk, role=Role.OPERATOR).delete()
    with pytest.raises(Refusal, match="mengunggah data dukung"):
        answer_accept(answer=dinkes_answer, actor=operator)
    assert Answer.objects.get(pk=dinkes_answer.pk).status == S.SUBMITTED


def test_a_verifier_who_held_a_role_in_the_regency_this_year_cannot_decide(
    submitted, regency_staff, administrator
):
    """A coordinator who moved to the Kanwil in the same year, without touching an answer."""
    answer = submitted.answers.filter(updated_by=None).first()
    _moves_to_the_kanwil(regency_staff, administrator)
    with pytest.raises(Refusal, match="pernah memegang") as refused:
        answer_accept(answer=answer, actor=regency_staff)
    assert "Kota Salatiga" in str(refused.value)
    with pytest.raises(Refusal, match="pernah memegang"):
        answers_accept_bulk(
            assessment=submitted, answer_ids=[answer.pk], actor=regency_staff
        )
    assert Answer.objects.get(pk=answer.pk).status == S.SUBMITTED


def _verified(assessment: Assessment, verifier) -> Assessment:
    answers_accept_bulk(
        assessment=assessment,
        answer_ids=list(assessment.answers.values_list("pk", flat=True)),
        actor=verifier,
    )
    return assessment_forward(assessment=assessment, actor=verifier)


def test_an_assessor_who_holds_a_role_in_the_regency_cannot_finalise_it(
    submitted, verifier, ministry
):
    verified = _verified(submitted, verifier)
    role_grant(
        user=ministry, role=Role.COORDINATOR, actor=None, regency=submitted.regency
    )
    with pytest.raises(Refusal, match="peran di Kota Salatiga"):
        assessment_finalise(assessment=verified, actor=ministry)
    verified.refresh_from_db()
    assert verified.status == Assessment.Status.VERIFIED


def test_an_assessor_who_held_a_role_during_the_year_cannot_finalise_it(
    submitted, verifier, ministry, administrator
):
    verified = _verified(submitted, verifier)
    held = role_grant(
        user=ministry, role=Role.COORDINATOR, actor=None, regency=submitted.regency
    )
    role_revoke(assignment=held, actor=administrator)
    with pytest.raises(Refusal, match="pernah memegang"):
        assessment_finalise(assessment=verified, actor=ministry)
    # Another assessor, who never worked there, finalises.
    other = role_grant(
        user=administrator, role=Role.ASSESSOR, actor=None
    ).user  # the administrator also sits in the assessment team
    assessment_finalise(assessment=verified, actor=other)
    verified.refresh_from_db()
    assert verified.status == Assessment.Status.FINAL
