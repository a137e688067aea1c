"""Starting a year from last year's answers, and the region's one-click decisions.

A carried answer takes last year's typed value (cleaned again by this year's answer
kind), note and files: new evidence rows pointing at the same stored files, so no
byte is copied (``files.services.removal`` purges bytes only when no row needs them).
It starts as a draft, never accepted, and remembers its source for the pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts import access
from accounts.models import User
from kernel.errors import Refusal
from reporting import permissions
from reporting.models import Answer, Assessment, CarryDecision, Evidence, ReviewEvent
from reporting.selectors.carry import carry_plan
from reporting.services.answers import clean_input
from reporting.services.workflow import S, answer_mark_ready, history_note


@dataclass(frozen=True)
class CarryResult:
    year: int
    carried: list[str]  # indicator codes
    files: int
    skipped: list[tuple[str, str]]  # (code, why not)


def carry_refusal(actor: User, assessment: Assessment) -> str | None:
    """Why this person may not start this assessment from last year now, or None."""
    if assessment.status != Assessment.Status.DRAFT:
        return _(
            "Jawaban tahun lalu hanya dapat dibawa selama penilaian masih dalam "
            "pengisian."
        )
    own = access.scope_of(actor).agency_ids
    if not (
        permissions.is_coordinator(actor, assessment)
        or assessment.answers.filter(agency_id__in=own).exists()
    ):
        return _("Tidak ada indikator yang ditugaskan kepada Anda.")
    return permissions.deadline_refusal(assessment)


@transaction.atomic
def answers_carry_forward(*, assessment: Assessment, actor: User) -> CarryResult:
    """Fill the person's empty answers (all for the coordinator, their OPD's for an
    operator) from the kab/kota's answers of the previous catalogue.

    Only blank, never-carried drafts are filled, so running it twice (or two people
    at once: the assessment row is locked) carries nothing twice.
    """
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("regency", "catalogue")
        .get(pk=assessment.pk)
    )
    refusal = carry_refusal(actor, assessment)
    if refusal:
        raise Refusal(refusal)
    plan = carry_plan(user=actor, assessment=assessment)
    if plan.source is None:
        raise Refusal(
            _("Kabupaten/kota ini tidak mempunyai penilaian tahun sebelumnya.")
        )
    now = timezone.now()
    skipped, answers, files = list(plan.skipped), [], []
    for answer, old in plan.pairs:
        answer.assessment = assessment
        refusal = permissions.edit_refusal(actor, answer)
        if refusal:
            skipped.append((answer.indicator.code, refusal))
            continue
        answer.raw_value, answer.note = old.raw_value, old.note
        answer.value, _problem = clean_input(answer, old.raw_value)
        answer.carried_from, answer.carry_decision = old, ""
        answer.version += 1
        answer.updated_by, answer.updated_at = actor, now
        answers.append(answer)
        files += [_same_file(answer, e) for e in old.evidence.all()]
    if not answers:
        raise Refusal(
            _(
                "Tidak ada jawaban tahun %(year)s yang dapat dibawa ke indikator Anda "
                "yang masih kosong."
            )
            % {"year": plan.year}
        )
    # What every carried answer shares in one UPDATE, what differs in a second
    # (Django builds a CASE per field and row: 4 fields instead of 8 halves it),
    # then one history row per answer, as 120 saves would write.
    Answer.objects.filter(pk__in=[a.pk for a in answers]).update(
        version=F("version") + 1, updated_by=actor, updated_at=now, carry_decision=""
    )
    Answer.objects.bulk_update(
        answers, ["raw_value", "note", "value", "carried_from"], batch_size=500
    )
    Answer.history.bulk_history_create(answers, default_user=actor)
    bulk_create_with_history(files, Evidence, batch_size=500, default_user=actor)
    note = _("Dibawa dari jawaban tahun %(year)s.") % {"year": plan.year}
    ReviewEvent.objects.bulk_create(
        ReviewEvent(
            assessment=assessment,
            answer=a,
            actor=actor,
            from_status=a.status,
            to_status=a.status,
            note=note,
        )
        for a in answers
    )
    return CarryResult(
        year=plan.year,
        carried=[a.indicator.code for a in answers],
        files=len(files),
        skipped=skipped,
    )


def _same_file(answer: Answer, old: Evidence) -> Evidence:
    """A row of this year's answer for the stored file of last year's row."""
    return Evidence(
        answer=answer,
        file=old.file.name,
        original_name=old.original_name,
        size=old.size,
        sha256=old.sha256,
        content_type=old.content_type,
        uploaded_by_id=old.uploaded_by_id,
        uploaded_at=old.uploaded_at,
        effective_date=old.effective_date,
        carried_from=old,
    )


def _locked_pending(answer: Answer, actor: User) -> Answer:
    answer = (
        Answer.objects.select_for_update(of=("self",))
        .select_related(
            "assessment__regency",
            "assessment__catalogue",
            "indicator",
            "carried_from__assessment__catalogue",
        )
        .get(pk=answer.pk)
    )
    refusal = permissions.edit_refusal(actor, answer)
    if refusal:
        raise Refusal(refusal)
    if not answer.carry_pending:
        raise Refusal(
            _("%(code)s tidak menunggu keputusan atas jawaban tahun lalu.")
            % {"code": answer.indicator.code}
        )
    return answer


def _decide(answer: Answer, actor: User, decision: CarryDecision) -> None:
    answer.carry_decision = decision
    answer.save(update_fields=["carry_decision"])
    history_note(
        assessment=answer.assessment,
        answer=answer,
        actor=actor,
        note=_("%(decision)s (jawaban %(year)s).")
        % {
            "decision": decision.label,
            "year": answer.carried_from.assessment.catalogue.year,
        },
    )


@transaction.atomic
def answer_carry_keep(*, answer: Answer, actor: User) -> Answer:
    """ "Same as last year": the carried answer is this year's and is marked ready
    (refused, with nothing changed, when it is not complete under this year's rules)."""
    answer = _locked_pending(answer, actor)
    _decide(answer, actor, CarryDecision.KEPT)
    if answer.status == S.DRAFT:
        answer_mark_ready(answer=answer, actor=actor)
    return answer


@transaction.atomic
def answer_carry_change(*, answer: Answer, actor: User) -> Answer:
    """ "Change": the carried answer opens for editing like any draft."""
    answer = _locked_pending(answer, actor)
    _decide(answer, actor, CarryDecision.CHANGED)
    return answer
