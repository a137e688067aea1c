"""Attaching, removing and restoring evidence ("data dukung"); checks in files.checks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from files import checks
from files.services import removal
from kernel.errors import Refusal
from reporting import permissions
from reporting.models import Answer, Evidence
from reporting.services.answers import answer_touch
from reporting.services.workflow import history_note


@dataclass(frozen=True)
class AttachResult:
    stored: list[Evidence]
    notes: list[str]  # e.g. the same file is also attached to another indicator


def _locked_answer(answer: Answer, actor: User) -> Answer:
    answer = (
        Answer.objects.select_for_update(of=("self",))
        .select_related("assessment__regency", "assessment__catalogue", "indicator")
        .get(pk=answer.pk)
    )
    refusal = permissions.edit_refusal(actor, answer)
    if refusal:
        raise Refusal(refusal)
    return answer


@transaction.atomic
def evidence_attach(
    *,
    answer: Answer,
    uploads: list[UploadedFile],
    actor: User,
    effective_date: datetime.date | None = None,
) -> AttachResult:
    """Store several files at once, or none of them if any is refused."""
    answer = _locked_answer(answer, actor)
    checked = checks.check_batch(
        uploads,
        existing={e.sha256: e.original_name for e in answer.evidence.all()},
        used_bytes=answer.evidence.aggregate(total=Sum("size"))["total"] or 0,
    )
    stored = [_store(answer, item, actor, effective_date) for item in checked]
    answer_touch(answer=answer, actor=actor)
    return AttachResult(stored, _shared_elsewhere(answer, checked))


def _store(
    answer: Answer,
    item: checks.CheckedUpload,
    actor: User,
    effective_date: datetime.date | None,
) -> Evidence:
    evidence = Evidence(
        answer=answer,
        effective_date=effective_date,
        **checks.stored_fields(item, actor),
    )
    evidence.file.save(item.name, item.upload, save=False)
    evidence.save()
    return evidence


def _shared_elsewhere(answer: Answer, checked: list[checks.CheckedUpload]) -> list[str]:
    others = (
        Evidence.objects.filter(
            answer__assessment=answer.assessment, sha256__in=[c.sha256 for c in checked]
        )
        .exclude(answer=answer)
        .select_related("answer__indicator")
    )
    return [
        _("“%(name)s” juga dilampirkan pada %(code)s.")
        % {"name": e.original_name, "code": e.answer.indicator.code}
        for e in others
    ]


@transaction.atomic
def evidence_remove(
    *, evidence: Evidence, actor: User, reason: str = "", now=None
) -> None:
    """Remove a file while its answer can still be edited.

    The row and its history stay (who, when, name, SHA-256) and a history line is
    written; the bytes are purged after the retention period (removed_files).
    """
    answer = _locked_answer(evidence.answer, actor)
    evidence = Evidence.all_objects.select_for_update().get(pk=evidence.pk)
    removal.mark_removed(
        evidence, actor=actor, reason=reason, now=now or timezone.now()
    )
    answer_touch(answer=answer, actor=actor)
    history_note(
        assessment=answer.assessment,
        answer=answer,
        actor=actor,
        note=removal.removed_note(evidence),
    )


@transaction.atomic
def evidence_restore(*, evidence: Evidence, actor: User, now=None) -> Evidence:
    """An administrator brings back a removed file whose bytes are still kept,
    while its answer can still be edited."""
    # The answer first, then the file: the same lock order as attach and remove.
    answer = (
        Answer.objects.select_for_update(of=("self",))
        .select_related("assessment__regency", "assessment__catalogue", "indicator")
        .get(pk=evidence.answer_id)
    )
    evidence = Evidence.all_objects.select_for_update().get(pk=evidence.pk)
    removal.check_restorable(
        evidence,
        actor=actor,
        state_refusal=permissions.state_refusal(answer, now=now),
        active=answer.evidence.all(),
    )
    note = removal.mark_restored(evidence, actor=actor, now=now or timezone.now())
    answer_touch(answer=answer, actor=actor)
    history_note(assessment=answer.assessment, answer=answer, actor=actor, note=note)
    return evidence
