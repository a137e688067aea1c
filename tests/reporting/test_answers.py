from __future__ import annotations

import pytest

from kernel.errors import Refusal
from reporting.models import Answer
from reporting.services.answers import AnswerConflict, answer_save
from reporting.services.evidence import evidence_attach
from reporting.services.workflow import answer_mark_ready
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db


def _save(answer, actor, raw="87,5", note="", version=None):
    return answer_save(
        answer=answer,
        raw_value=raw,
        note=note,
        actor=actor,
        expected_version=answer.version if version is None else version,
    )


def test_operator_saves_a_valid_value(dinkes_answer, operator):
    result = _save(dinkes_answer, operator, note="Sumber: profil kesehatan")
    assert result.error is None
    dinkes_answer.refresh_from_db()
    assert dinkes_answer.value == "87.5"
    assert dinkes_answer.raw_value == "87,5"
    assert dinkes_answer.version == 1
    assert dinkes_answer.updated_by == operator


def test_invalid_input_is_kept_with_a_message(dinkes_answer, operator):
    result = _save(dinkes_answer, operator, raw="delapan puluh")
    assert "harus berupa angka" in result.error
    dinkes_answer.refresh_from_db()
    assert dinkes_answer.raw_value == "delapan puluh"
    assert dinkes_answer.value is None


def test_percentage_over_100_is_not_a_value(dinkes_answer, operator):
    result = _save(dinkes_answer, operator, raw="120")
    assert "antara 0 dan 100" in result.error
    dinkes_answer.refresh_from_db()
    assert dinkes_answer.value is None


def test_second_concurrent_save_gets_a_conflict_with_both_values(
    dinkes_answer, operator, regency_staff
):
    opened_at = dinkes_answer.version
    _save(dinkes_answer, operator, raw="80", version=opened_at)
    with pytest.raises(AnswerConflict) as conflict:
        _save(dinkes_answer, regency_staff, raw="95", version=opened_at)
    assert conflict.value.answer.raw_value == "80"
    assert conflict.value.yours == {"raw_value": "95", "note": ""}
    assert operator.get_full_name() in str(conflict.value)
    dinkes_answer.refresh_from_db()
    assert dinkes_answer.raw_value == "80"  # the first save is not overwritten


def test_resaving_identical_content_is_not_a_conflict(dinkes_answer, operator):
    _save(dinkes_answer, operator, raw="80", version=0)
    assert _save(dinkes_answer, operator, raw="80", version=0).error is None


def test_operator_cannot_save_another_agencys_answer(other_agency_answer, operator):
    with pytest.raises(Refusal, match="OPD lain"):
        _save(other_agency_answer, operator)
    other_agency_answer.refresh_from_db()
    assert other_agency_answer.raw_value == ""


def test_coordinator_may_fill_any_answer_of_the_regency(
    other_agency_answer, regency_staff
):
    _save(
        other_agency_answer,
        regency_staff,
        raw="ya" if other_agency_answer.indicator.answer_kind == "yes_no" else "10",
    )
    other_agency_answer.refresh_from_db()
    assert other_agency_answer.version == 1


def test_ready_needs_a_value_and_required_evidence(dinkes_answer, operator):
    with pytest.raises(Refusal, match="belum diisi"):
        answer_mark_ready(answer=dinkes_answer, actor=operator)
    _save(dinkes_answer, operator)
    dinkes_answer.refresh_from_db()
    with pytest.raises(Refusal, match="memerlukan data dukung"):
        answer_mark_ready(answer=dinkes_answer, actor=operator)
    evidence_attach(answer=dinkes_answer, uploads=[pdf_upload()], actor=operator)
    dinkes_answer.refresh_from_db()
    answer_mark_ready(answer=dinkes_answer, actor=operator)
    dinkes_answer.refresh_from_db()
    assert dinkes_answer.status == Answer.Status.READY
    # A change after "ready" makes it a draft again, with a history row.
    _save(dinkes_answer, operator, raw="90")
    dinkes_answer.refresh_from_db()
    assert dinkes_answer.status == Answer.Status.DRAFT
    assert dinkes_answer.events.filter(from_status="ready", to_status="draft").exists()
