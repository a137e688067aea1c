"""Kanwil verification: decide each answer, return the region's mistakes, forward the rest.

Decisions are staged: returning an answer marks it, and "return to region" sends all
returned answers at once; only those reopen for the kab/kota.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.independence import independence_refusal
from accounts.models import User
from kernel.errors import Refusal
from kernel.review import return_reasons_check
from reporting import permissions
from reporting.models import Answer, Assessment, Evidence
from reporting.services import ranking
from reporting.services.answers import clean_input
from reporting.services.notifications import notify_assessment_event
from reporting.services.workflow import (
    A,
    S,
    _answers_transition,
    assessment_transition,
    history_note,
)

UNDER_REVIEW = {A.SUBMITTED, A.RESUBMITTED, A.IN_VERIFICATION}


def _check_verifier(
    actor: User, assessment: Assessment, answer: Answer | None = None
) -> None:
    """The province's Kanwil, independent of the kab/kota (and of ``answer``'s
    whole history: nobody decides on work they entered or evidenced)."""
    if not permissions.is_verifier(actor, assessment):
        raise Refusal(
            _(
                "Hanya verifikator Kanwil yang mencakup provinsi ini yang dapat memverifikasi."
            )
        )
    refusal = independence_refusal(
        actor=actor,
        regency=assessment.regency,
        since=permissions.independence_since(assessment),
        contributor_ids=permissions.contributor_ids(Answer.objects.filter(pk=answer.pk))
        if answer is not None
        else (),
        item=answer.indicator.code if answer is not None else "",
    )
    if refusal:
        raise Refusal(refusal)


def _check_verifier_of_all(
    actor: User, assessment: Assessment, answers: list[Answer]
) -> None:
    """``_check_verifier`` for many answers at once: one read of everyone who
    worked on any of them; the answer-by-answer check runs only to name the one
    that refuses."""
    _check_verifier(actor, assessment)
    ids = [answer.pk for answer in answers]
    if actor.pk in permissions.contributor_ids(Answer.objects.filter(pk__in=ids)):
        for answer in answers:
            _check_verifier(actor, assessment, answer)


def _start(assessment: Assessment, actor: User) -> Assessment:
    """The first decision moves a waiting assessment into verification."""
    if assessment.status in (A.SUBMITTED, A.RESUBMITTED):
        return assessment_transition(
            assessment=assessment, to=A.IN_VERIFICATION, actor=actor
        )
    if assessment.status != A.IN_VERIFICATION:
        raise Refusal(
            _("Penilaian ini tidak sedang menunggu verifikasi (%(s)s).")
            % {"s": assessment.get_status_display()}
        )
    return assessment


def _locked(answer: Answer) -> Answer:
    return (
        Answer.objects.select_for_update(of=("self",))
        .select_related("assessment__regency", "assessment__catalogue", "indicator")
        .get(pk=answer.pk)
    )


def _decide(
    answer: Answer,
    actor: User,
    to: str,
    reasons: list[str],
    note: str,
) -> Answer:
    """One answer's decision, by its province's independent verifier."""
    answer = _locked(answer)
    _check_verifier(actor, answer.assessment, answer)
    _start(answer.assessment, actor)
    _decided([answer], actor, to, reasons, note)
    return answer


# Saved with the status, in the same version of the answer.
REVIEW_FIELDS = ("review_reasons", "review_note", "reviewed_by", "reviewed_at", "score")


def _decided(
    answers: list[Answer], actor: User, to: str, reasons: list[str], note: str
) -> None:
    """One decision on each of ``answers`` (locked, their verifier checked, their
    assessment in verification): its review fields and its new status in one version
    and one review event per answer; the first answer that may not take it refuses
    them all, before anything is written."""
    for answer in answers:
        refusal = _decision_refusal(answer, to)
        if refusal:
            raise Refusal(refusal)
    evidenced = set()
    if to == S.ACCEPTED:
        evidenced = set(
            Evidence.objects.filter(answer__in=answers).values_list(
                "answer_id", flat=True
            )
        )
    now = timezone.now()
    for answer in answers:
        answer.review_reasons, answer.review_note = reasons, note
        answer.reviewed_by, answer.reviewed_at = actor, now
        answer.score = (
            indicator_score(answer, has_evidence=answer.pk in evidenced)
            if to == S.ACCEPTED
            else None
        )
    _answers_transition(
        answers=answers, to=to, actor=actor, note=note, also=REVIEW_FIELDS
    )


def _decision_refusal(answer: Answer, to: str) -> str | None:
    if answer.status != S.SUBMITTED:
        return _("%(code)s sudah diputuskan (%(s)s).") % {
            "code": answer.indicator.code,
            "s": answer.get_status_display(),
        }
    if to == S.ACCEPTED and answer.input_invalid:
        return _(
            "%(code)s berisi isian yang tidak valid (“%(raw)s”) dan tidak dapat "
            "diterima: kembalikan ke daerah atau koreksi nilainya."
        ) % {"code": answer.indicator.code, "raw": answer.raw_value}
    return None


def indicator_score(answer: Answer, *, has_evidence: bool | None = None) -> Decimal:
    """The answer kind's score 0-100 for the accepted value and evidence
    (``has_evidence``: already known, else asked of the database)."""
    if has_evidence is None:
        has_evidence = answer.evidence.exists()
    return answer.indicator.kind.score(
        answer.indicator, answer.value, has_evidence=has_evidence
    ).quantize(Decimal("0.0001"))


def schedule_scoring(assessment: Assessment) -> None:
    """Recompute the score once the decision is committed; kept if the broker is down."""
    ranking.rescore_request(assessment.pk)


@transaction.atomic
def answer_accept(*, answer: Answer, actor: User) -> Answer:
    """The evidence is there, signed, matches the indicator, and the numbers add up."""
    answer = _decide(answer, actor, S.ACCEPTED, [], "")
    schedule_scoring(answer.assessment)
    return answer


@transaction.atomic
def answers_accept_bulk(
    *, assessment: Assessment, answer_ids: list[int], actor: User
) -> int:
    """Accept several submitted answers; all or none."""
    answers = list(
        assessment.answers.filter(pk__in=answer_ids, status=S.SUBMITTED)
        .select_related("indicator")
        .select_for_update(of=("self",))
    )
    if not answers:
        return 0
    _check_verifier_of_all(actor, assessment, answers)
    _start(Assessment.objects.get(pk=assessment.pk), actor)
    _decided(answers, actor, S.ACCEPTED, [], "")
    schedule_scoring(assessment)
    return len(answers)


@transaction.atomic
def answer_return(
    *, answer: Answer, reasons: list[str], note: str, actor: User
) -> Answer:
    """Mark an answer for correction; a reason is required."""
    note = return_reasons_check(reasons=reasons, note=note)
    answer = _decide(answer, actor, S.RETURNED, reasons, note)
    schedule_scoring(answer.assessment)
    return answer


@transaction.atomic
def answer_correct(*, answer: Answer, raw_value: str, note: str, actor: User) -> Answer:
    """The verifier corrects a value (e.g. an arithmetic slip) and says why."""
    answer = _locked(answer)
    _check_verifier(actor, answer.assessment, answer)
    if answer.assessment.status != A.IN_VERIFICATION or answer.status not in (
        S.SUBMITTED,
        S.ACCEPTED,
    ):
        raise Refusal(_("Nilai hanya dapat dikoreksi selama verifikasi."))
    if not note.strip():
        raise Refusal(_("Tuliskan alasan koreksi."))
    value, error = clean_input(answer, raw_value.strip())
    if error:
        raise Refusal(error)
    old = answer.raw_value or "—"
    answer.raw_value, answer.value = raw_value.strip(), value
    if answer.status == S.ACCEPTED:
        answer.score = indicator_score(answer)
    answer.save(update_fields=["raw_value", "value", "score"])
    schedule_scoring(answer.assessment)
    note = _("Dikoreksi verifikator dari “%(old)s” menjadi “%(new)s”: %(note)s") % {
        "old": old,
        "new": answer.raw_value,
        "note": note.strip(),
    }
    history_note(assessment=answer.assessment, answer=answer, actor=actor, note=note)
    return answer


def _undecided(assessment: Assessment) -> int:
    return assessment.answers.filter(status=S.SUBMITTED).count()


def return_refusal(assessment: Assessment) -> str | None:
    """Why the returned answers cannot go back to the region now, or None."""
    undecided = _undecided(assessment)
    if undecided:
        return _("Masih ada %(n)d jawaban yang belum diputuskan.") % {"n": undecided}
    if not assessment.answers.filter(status=S.RETURNED).exists():
        return _("Tidak ada jawaban yang dikembalikan; teruskan ke Kementerian.")
    return None


def forward_refusal(assessment: Assessment) -> str | None:
    """Why the kab/kota cannot be forwarded to the ministry now, or None."""
    pending = assessment.answers.exclude(status=S.ACCEPTED).count()
    if assessment.status != A.IN_VERIFICATION or pending:
        return _("Teruskan hanya bila semua jawaban diterima (%(n)d belum).") % {
            "n": pending
        }
    return None


@transaction.atomic
def assessment_return_to_region(*, assessment: Assessment, actor: User) -> Assessment:
    """Send every returned answer back at once; only those reopen for the region."""
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("regency", "catalogue")
        .get(pk=assessment.pk)
    )
    _check_verifier(actor, assessment)
    refusal = return_refusal(assessment)
    if refusal:
        raise Refusal(refusal)
    assessment = assessment_transition(
        assessment=assessment, to=A.RETURNED, actor=actor
    )
    notify_assessment_event(assessment=assessment, kind="returned", actor=actor)
    return assessment


@transaction.atomic
def assessment_forward(*, assessment: Assessment, actor: User) -> Assessment:
    """Every answer accepted: the Kanwil forwards the kab/kota to the ministry."""
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("regency", "catalogue")
        .get(pk=assessment.pk)
    )
    _check_verifier(actor, assessment)
    refusal = forward_refusal(assessment)
    if refusal:
        raise Refusal(refusal)
    assessment = assessment_transition(
        assessment=assessment, to=A.VERIFIED, actor=actor
    )
    notify_assessment_event(assessment=assessment, kind="forwarded", actor=actor)
    return assessment
