"""The KKPHAM workflow: the only place where ``status`` fields are written.

Assessment: draft → submitted → in_verification → returned ⇄ resubmitted → verified
→ final → published. Answer: draft → ready → submitted → accepted | returned → revised.
Each transition saves the row and writes a ReviewEvent in the same transaction
(as ``aksiham.services.reports.report_transition`` does for Aksi HAM reports).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from accounts.models import User
from kernel.errors import Refusal
from reporting import permissions
from reporting.models import Answer, Assessment, ReviewEvent
from reporting.services.notifications import notify_assessment_event

A = Assessment.Status
S = Answer.Status

ASSESSMENT_FLOW = {
    A.DRAFT: {A.SUBMITTED},
    A.SUBMITTED: {A.IN_VERIFICATION},
    A.IN_VERIFICATION: {A.RETURNED, A.VERIFIED},
    A.RETURNED: {A.RESUBMITTED},
    A.RESUBMITTED: {A.IN_VERIFICATION},
    A.VERIFIED: {A.FINAL},
    A.FINAL: {A.PUBLISHED},
}
ANSWER_FLOW = {
    S.DRAFT: {S.READY, S.SUBMITTED},
    S.READY: {S.DRAFT, S.SUBMITTED},
    S.SUBMITTED: {S.ACCEPTED, S.RETURNED},
    S.RETURNED: {S.REVISED},
    S.REVISED: {S.SUBMITTED},
    S.ACCEPTED: set(),
}


def history_note(
    *,
    assessment: Assessment,
    actor: User | None,
    note: str,
    answer: Answer | None = None,
) -> ReviewEvent:
    """A history row for something that is not a status change (extension, correction)."""
    status = answer.status if answer is not None else assessment.status
    return ReviewEvent.objects.create(
        assessment=assessment,
        answer=answer,
        actor=actor,
        from_status=status,
        to_status=status,
        note=note,
    )


@transaction.atomic
def assessment_transition(
    *, assessment: Assessment, to: str, actor: User | None, note: str = ""
) -> Assessment:
    """Move an assessment one step, save it and write its history row; callers
    checked who may, and set the other fields of the step before calling."""
    if to not in ASSESSMENT_FLOW.get(assessment.status, set()):
        raise Refusal(
            _("Status penilaian tidak dapat berubah dari %(old)s ke %(new)s.")
            % {"old": assessment.get_status_display(), "new": A(to).label}
        )
    ReviewEvent.objects.create(
        assessment=assessment,
        actor=actor,
        from_status=assessment.status,
        to_status=to,
        note=note,
    )
    assessment.status = to
    assessment.save(update_fields=["status", "updated_at", "submitted_at"])
    return assessment


def _answer_step_check(answer: Answer, to: str) -> None:
    if to not in ANSWER_FLOW.get(answer.status, set()):
        raise Refusal(
            _("Status jawaban %(code)s tidak dapat berubah dari %(old)s ke %(new)s.")
            % {
                "code": answer.indicator.code,
                "old": answer.get_status_display(),
                "new": S(to).label,
            }
        )


@transaction.atomic
def answer_transition(
    *, answer: Answer, to: str, actor: User | None, note: str = ""
) -> Answer:
    """Move one answer one step, save its status and write its history row."""
    _answer_step_check(answer, to)
    ReviewEvent.objects.create(
        assessment=answer.assessment,
        answer=answer,
        actor=actor,
        from_status=answer.status,
        to_status=to,
        note=note,
    )
    answer.status = to
    answer.save(update_fields=["status"])
    return answer


def _answers_transition(
    *,
    answers: list[Answer],
    to: str,
    actor: User,
    note: str = "",
    also: Sequence[str] = (),
) -> None:
    """Move many answers one step each, as ``answer_transition`` would one by one
    (the same refusal for the first that may not move, one review event and one
    version per answer), in one insert of events and one update of statuses.
    ``also``: fields the caller has set on the answers, saved in the same version.
    The caller holds the transaction and has locked the answers or their
    assessment."""
    for answer in answers:
        _answer_step_check(answer, to)
    ReviewEvent.objects.bulk_create(
        ReviewEvent(
            assessment_id=answer.assessment_id,
            answer=answer,
            actor=actor,
            from_status=answer.status,
            to_status=to,
            note=note,
        )
        for answer in answers
    )
    for answer in answers:
        answer.status = to
    bulk_update_with_history(
        answers, Answer, ["status", *also], batch_size=500, default_user=actor
    )


@transaction.atomic
def answer_mark_ready(*, answer: Answer, actor: User) -> Answer:
    """The OPD (or coordinator) says: this indicator is complete."""
    answer = (
        Answer.objects.select_for_update(of=("self",))
        .select_related("assessment__regency", "indicator")
        .get(pk=answer.pk)
    )
    refusal = permissions.edit_refusal(actor, answer)
    if refusal:
        raise Refusal(refusal)
    missing = completeness_problems(answer)
    if missing:
        raise Refusal(" ".join(missing))
    if answer.status == S.REVISED:
        return answer
    return answer_transition(answer=answer, to=S.READY, actor=actor)


def completeness_problems(answer: Answer) -> list[str]:
    problems = []
    if answer.indicator.kind.value_missing(answer.value):
        problems.append(
            _("Isian %(code)s belum diisi dengan benar.")
            % {"code": answer.indicator.code}
        )
    if answer.indicator.evidence_required and not answer.evidence.exists():
        problems.append(
            _("%(code)s memerlukan data dukung.") % {"code": answer.indicator.code}
        )
    return problems


def invalid_answer_codes(
    assessment: Assessment, *, statuses: set[str] | None = None
) -> list[str]:
    """Indicator codes whose typed text is not a valid answer (see Answer.input_invalid)."""
    answers = assessment.answers.exclude(raw_value="").filter(value__isnull=True)
    if statuses is not None:
        answers = answers.filter(status__in=statuses)
    return list(answers.values_list("indicator__code", flat=True))


@transaction.atomic
def assessment_submit(*, assessment: Assessment, actor: User) -> Assessment:
    """The coordinator sends the kab/kota's answers to the Kanwil; all answers lock."""
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("regency")
        .get(pk=assessment.pk)
    )
    refusal = permissions.submit_refusal(actor, assessment)
    if refusal:
        raise Refusal(refusal)
    if assessment.status == A.DRAFT and not assessment.approvals.exists():
        raise Refusal(
            _("Catat persetujuan Sekda atau pimpinan daerah sebelum mengirim.")
        )
    unrevised = assessment.answers.filter(status=S.RETURNED).count()
    if unrevised:
        raise Refusal(
            _("Masih ada %(count)d jawaban dikembalikan yang belum diperbaiki.")
            % {"count": unrevised}
        )
    to = A.SUBMITTED if assessment.status == A.DRAFT else A.RESUBMITTED
    movable = {S.DRAFT, S.READY} if to == A.SUBMITTED else {S.REVISED}
    invalid = invalid_answer_codes(assessment, statuses=movable)
    if invalid:
        raise Refusal(
            _(
                "Isian %(codes)s tidak valid. Perbaiki atau kosongkan isian itu "
                "sebelum mengirim."
            )
            % {"codes": ", ".join(invalid)}
        )
    _answers_transition(
        answers=list(
            assessment.answers.filter(status__in=movable).select_related("indicator")
        ),
        to=S.SUBMITTED,
        actor=actor,
    )
    assessment.submitted_at = timezone.now()
    assessment = assessment_transition(assessment=assessment, to=to, actor=actor)
    notify_assessment_event(assessment=assessment, kind=to, actor=actor)
    return assessment
