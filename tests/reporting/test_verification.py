"""The whole state machine: every allowed transition by the right role works; the rest is
refused and changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from indicators.models import Catalogue
from kernel.errors import Refusal
from notices.models import Notification
from regions.selectors import office_of
from reporting.models import Adjustment, Answer, Assessment, Publication
from reporting.services.answers import answer_save
from reporting.services.central import adjustment_add, assessment_finalise, year_publish
from reporting.services.evidence import evidence_attach
from reporting.services.verification import (
    answer_accept,
    answer_correct,
    answer_return,
    answers_accept_bulk,
    assessment_forward,
    assessment_return_to_region,
    indicator_score,
)
from reporting.services.workflow import assessment_submit
from tests.cast import approve
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db

A = Assessment.Status
S = Answer.Status


@pytest.fixture
def submitted(verifier, assessment, regency_staff):
    """Salatiga submitted with a few answers filled by the coordinator."""
    for answer in assessment.answers.filter(indicator__answer_kind="percentage")[:3]:
        answer_save(
            answer=answer,
            raw_value="50",
            note="",
            expected_version=0,
            actor=regency_staff,
        )
    approve(assessment, regency_staff)
    return assessment_submit(assessment=assessment, actor=regency_staff)


def test_accepting_all_records_each_decision_once_in_a_few_statements(
    assessment, verifier, regency_staff, django_assert_max_num_queries
):
    """ "Terima semua" at the deadline: one review event and one version per answer
    (its review fields and its status together, by the verifier), each answer scored
    as it is when accepted alone, with and without evidence, the assessment moved
    into verification once; the statements do not grow with the catalogue."""
    from reporting.models import ReviewEvent

    documents = assessment.answers.filter(indicator__answer_kind="document")
    evidenced, bare = documents[0], documents[1]
    evidence_attach(
        answer=evidenced, uploads=[pdf_upload("sk.pdf")], actor=regency_staff
    )
    approve(assessment, regency_staff)
    assessment_submit(assessment=assessment, actor=regency_staff)
    ids = list(assessment.answers.values_list("pk", flat=True))
    versions = {pk: Answer.history.filter(id=pk).count() for pk in ids}
    events = ReviewEvent.objects.filter(assessment=assessment)
    before = set(events.values_list("pk", flat=True))
    with django_assert_max_num_queries(30):
        count = answers_accept_bulk(
            assessment=assessment, answer_ids=ids, actor=verifier
        )
    assert count == len(ids) >= 100
    new = events.exclude(pk__in=before)
    assert sorted(new.filter(answer=None).values_list("to_status", flat=True)) == [
        A.IN_VERIFICATION
    ]
    assert {
        e.answer_id: (e.from_status, e.to_status, e.actor_id)
        for e in new.exclude(answer=None)
    } == {pk: (S.SUBMITTED, S.ACCEPTED, verifier.pk) for pk in ids}
    for pk, count in versions.items():
        latest = Answer.history.filter(id=pk).order_by("-history_id")
        assert latest.count() == count + 1
        assert (latest[0].status, latest[0].reviewed_by_id) == (
            S.ACCEPTED,
            verifier.pk,
        )
        assert latest[0].history_user_id == verifier.pk
    for answer in assessment.answers.select_related("indicator"):
        assert answer.score == indicator_score(answer), answer.indicator.code
    scores = dict(
        Answer.objects.filter(pk__in=[evidenced.pk, bare.pk]).values_list("pk", "score")
    )
    assert scores == {evidenced.pk: Decimal("100.0000"), bare.pk: Decimal("0.0000")}


def _valid_raw(answer) -> str:
    """A valid answer of the indicator's kind, as a person would type it."""
    indicator = answer.indicator
    if indicator.answer_kind == "yes_no":
        return "ya"
    if indicator.answer_kind == "choice":
        return indicator.options[0]["label"]
    return "70"


def _state(assessment):
    assessment.refresh_from_db()
    return assessment.status, sorted(
        assessment.answers.values_list("status", flat=True)
    )


def test_verifier_accepts_returns_and_the_region_revises(
    submitted, verifier, operator, regency_staff
):
    answers = list(submitted.answers.order_by("pk"))
    returned = [a for a in answers if a.agency.agency_type.code == "dinkes"][:2]
    for answer in returned:
        answer_return(
            answer=answer,
            reasons=["missing_signature"],
            note="Tanpa tanda tangan",
            actor=verifier,
        )
    rest = [a.pk for a in answers if a not in returned]
    assert (
        answers_accept_bulk(assessment=submitted, answer_ids=rest, actor=verifier)
        == 118
    )
    assessment_return_to_region(assessment=submitted, actor=verifier)
    assert _state(submitted)[0] == A.RETURNED
    # Only the returned answers reopen.
    accepted = submitted.answers.filter(status=S.ACCEPTED).first()
    with pytest.raises(Refusal):
        answer_save(
            answer=accepted,
            raw_value="1",
            note="",
            expected_version=accepted.version,
            actor=regency_staff,
        )
    for answer in returned:
        answer.refresh_from_db()
        assert answer.review_note == "Tanpa tanda tangan"
        answer_save(
            answer=answer,
            raw_value=_valid_raw(answer),
            note="diperbaiki",
            expected_version=answer.version,
            actor=operator,
        )
    assert (
        Answer.objects.filter(pk__in=[a.pk for a in returned], status=S.REVISED).count()
        == 2
    )
    assessment_submit(assessment=submitted, actor=regency_staff)
    assert _state(submitted) == (
        A.RESUBMITTED,
        sorted([S.ACCEPTED] * 118 + [S.SUBMITTED] * 2),
    )
    for answer in returned:
        answer_accept(answer=answer, actor=verifier)
    assessment_forward(assessment=submitted, actor=verifier)
    assert _state(submitted)[0] == A.VERIFIED


def test_resubmission_is_refused_while_a_returned_answer_is_unrevised(
    submitted, verifier, regency_staff
):
    first, *others = submitted.answers.all()
    answer_return(answer=first, reasons=[], note="Lengkapi", actor=verifier)
    answers_accept_bulk(
        assessment=submitted, answer_ids=[a.pk for a in others], actor=verifier
    )
    assessment_return_to_region(assessment=submitted, actor=verifier)
    with pytest.raises(Refusal, match="belum diperbaiki"):
        assessment_submit(assessment=submitted, actor=regency_staff)
    assert _state(submitted)[0] == A.RETURNED


def test_return_needs_a_reason(submitted, verifier):
    answer = submitted.answers.first()
    with pytest.raises(Refusal, match="alasan"):
        answer_return(answer=answer, reasons=[], note="  ", actor=verifier)
    with pytest.raises(Refusal, match="tidak dikenal"):
        answer_return(answer=answer, reasons=["karena"], note="", actor=verifier)
    answer.refresh_from_db()
    assert answer.status == S.SUBMITTED


@pytest.mark.parametrize(
    "who", ["foreign_verifier", "operator", "regency_staff", "ministry"]
)
def test_only_the_provinces_verifier_decides(request, submitted, who):
    actor = request.getfixturevalue(who)
    answer = submitted.answers.first()
    before = _state(submitted)
    for action in (
        lambda: answer_accept(answer=answer, actor=actor),
        lambda: answer_return(
            answer=answer, reasons=["incomplete"], note="", actor=actor
        ),
        lambda: assessment_forward(assessment=submitted, actor=actor),
        lambda: assessment_return_to_region(assessment=submitted, actor=actor),
    ):
        with pytest.raises(Refusal):
            action()
    assert _state(submitted) == before


def test_nobody_verifies_what_they_entered(submitted, verifier, regency_staff):
    from accounts.models import Role
    from accounts.services import role_grant

    role_grant(
        user=regency_staff,
        role=Role.VERIFIER,
        actor=None,
        office=office_of("33"),
    )
    answer = submitted.answers.exclude(updated_by=None).first()
    with pytest.raises(Refusal, match="orang lain"):
        answer_accept(answer=answer, actor=regency_staff)
    answer.refresh_from_db()
    assert answer.status == S.SUBMITTED


def test_verifier_who_uploaded_evidence_cannot_decide_that_answer(
    assessment, verifier, regency_staff
):
    from accounts.models import Role
    from accounts.services import role_grant

    answer = assessment.answers.first()
    role_grant(
        user=verifier, role=Role.COORDINATOR, actor=None, regency=assessment.regency
    )
    evidence_attach(answer=answer, uploads=[pdf_upload()], actor=verifier)
    approve(assessment, regency_staff)
    assessment_submit(assessment=assessment, actor=regency_staff)
    with pytest.raises(Refusal):
        answer_accept(answer=answer, actor=verifier)


def test_forward_needs_every_answer_accepted(submitted, verifier):
    answer_accept(answer=submitted.answers.first(), actor=verifier)
    with pytest.raises(Refusal, match="semua jawaban diterima"):
        assessment_forward(assessment=submitted, actor=verifier)
    assert _state(submitted)[0] == A.IN_VERIFICATION


def test_return_to_region_needs_decisions_on_all_answers(submitted, verifier):
    answer_return(
        answer=submitted.answers.first(), reasons=["mismatch"], note="", actor=verifier
    )
    with pytest.raises(Refusal, match="belum diputuskan"):
        assessment_return_to_region(assessment=submitted, actor=verifier)


def test_a_decided_answer_is_not_decided_again(submitted, verifier):
    answer = submitted.answers.first()
    answer_accept(answer=answer, actor=verifier)
    with pytest.raises(Refusal, match="sudah diputuskan"):
        answer_return(answer=answer, reasons=["mismatch"], note="", actor=verifier)


def test_verifier_corrects_a_value_with_a_note(submitted, verifier):
    answer = (
        submitted.answers.filter(indicator__answer_kind="percentage")
        .exclude(raw_value="")
        .first()
    )
    answer_accept(answer=answer, actor=verifier)
    with pytest.raises(Refusal, match="alasan koreksi"):
        answer_correct(answer=answer, raw_value="45", note="", actor=verifier)
    answer_correct(
        answer=answer, raw_value="45", note="Salah hitung penyebut", actor=verifier
    )
    answer.refresh_from_db()
    assert (answer.raw_value, answer.value) == ("45", "45")
    assert answer.events.filter(note__contains="Salah hitung").exists()
    assert answer.history.filter(
        raw_value="50"
    ).exists()  # old value kept in the history


def _verified(submitted, verifier):
    answers_accept_bulk(
        assessment=submitted,
        answer_ids=list(submitted.answers.values_list("pk", flat=True)),
        actor=verifier,
    )
    return assessment_forward(assessment=submitted, actor=verifier)


def test_central_adjustments_stay_within_catalogue_limits(
    submitted, verifier, ministry
):
    Catalogue.objects.filter(pk=submitted.catalogue_id).update(
        bonus_max=5, deduction_max=10
    )
    verified = _verified(submitted, verifier)
    adjustment_add(
        assessment=verified,
        kind="bonus",
        points=Decimal("3"),
        basis="Nilai Aksi HAM 2025: 86",
        actor=ministry,
    )
    with pytest.raises(Refusal, match="Melebihi batas"):
        adjustment_add(
            assessment=verified,
            kind="bonus",
            points=Decimal("2.01"),
            basis="Tambahan",
            actor=ministry,
        )
    with pytest.raises(Refusal, match="dasar"):
        adjustment_add(
            assessment=verified,
            kind="deduction",
            points=Decimal("1"),
            basis=" ",
            actor=ministry,
        )
    adjustment_add(
        assessment=verified,
        kind="deduction",
        points=Decimal("10"),
        basis="Dugaan pelanggaran HAM belum diselesaikan",
        actor=ministry,
    )
    assert Adjustment.objects.filter(assessment=verified).count() == 2


def test_only_assessors_adjust_finalise_and_publish(submitted, verifier, administrator):
    verified = _verified(submitted, verifier)
    for actor in (verifier, administrator):
        with pytest.raises(Refusal):
            adjustment_add(
                assessment=verified,
                kind="bonus",
                points=Decimal(1),
                basis="x",
                actor=actor,
            )
        with pytest.raises(Refusal):
            assessment_finalise(assessment=verified, actor=actor)
    assert _state(verified)[0] == A.VERIFIED


def test_finalise_publish_and_the_year_locks(submitted, verifier, ministry):
    verified = _verified(submitted, verifier)
    assessment_finalise(assessment=verified, actor=ministry)
    publication = year_publish(
        catalogue=verified.catalogue,
        decree_number="HAM-01/2026",
        decree_date=datetime.date(2026, 11, 15),
        actor=ministry,
    )
    assert _state(verified)[0] == A.PUBLISHED
    verified.catalogue.refresh_from_db()
    assert verified.catalogue.status == Catalogue.Status.CLOSED
    assert Publication.objects.get() == publication
    with pytest.raises(Refusal, match="sudah diumumkan"):
        year_publish(
            catalogue=verified.catalogue,
            decree_number="lagi",
            decree_date=datetime.date(2026, 11, 16),
            actor=ministry,
        )


def test_each_event_notifies_the_right_people_once(
    verifier, regency_staff, operator, ministry, submitted
):
    assert (
        Notification.objects.filter(
            recipient=verifier, event_key__startswith="submitted"
        ).count()
        == 1
    )
    answers = list(submitted.answers.all())
    dinkes = next(a for a in answers if a.agency.agency_type.code == "dinkes")
    answer_return(answer=dinkes, reasons=["incomplete"], note="", actor=verifier)
    answers_accept_bulk(
        assessment=submitted,
        actor=verifier,
        answer_ids=[a.pk for a in answers if a.pk != dinkes.pk],
    )
    assessment_return_to_region(assessment=submitted, actor=verifier)
    returned = Notification.objects.filter(event_key__startswith="returned")
    assert set(returned.values_list("recipient__username", flat=True)) == {
        regency_staff.username,
        operator.username,
    }
    assert "/penilaian/" in returned.first().url
    # Running the notifier again for the same event adds nothing.
    from reporting.services.notifications import notify_assessment_event

    submitted.refresh_from_db()
    assert (
        notify_assessment_event(assessment=submitted, kind="returned", actor=verifier)
        == []
    )
