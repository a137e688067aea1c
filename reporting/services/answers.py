"""Saving answers: typed text is never lost, and two editors never overwrite each other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from kernel import clock, conflicts
from kernel.errors import Refusal
from reporting import permissions
from reporting.models import Answer, CarryDecision
from reporting.services.workflow import S, answer_transition


class AnswerConflict(Refusal):
    """Someone saved this answer after the form was opened (value or note differ)."""

    def __init__(self, answer: Answer, yours: dict[str, str]) -> None:
        self.answer = answer
        self.yours = yours
        super().__init__(
            _(
                "Jawaban %(code)s sudah diubah oleh %(who)s pada %(when)s setelah Anda "
                "membukanya. Isian Anda belum disimpan: bandingkan keduanya, lalu "
                "pilih isian mana yang dipakai."
            )
            % {
                "code": answer.indicator.code,
                "who": conflicts.person(answer.updated_by),
                "when": clock.when(answer.updated_at) if answer.updated_at else "—",
            }
        )


@dataclass(frozen=True)
class SaveResult:
    answer: Answer
    error: str | None  # the input is kept but does not validate yet


def clean_input(answer: Answer, raw_value: str) -> tuple[Any, str | None]:
    kind = answer.indicator.kind
    if not kind.takes_value or not raw_value.strip():
        return None, None
    try:
        return kind.clean_value(answer.indicator, raw_value), None
    except ValidationError as exc:
        return None, " ".join(exc.messages)


def input_problem(answer: Answer) -> str | None:
    """Why the stored text is not a valid answer yet (shown next to the field)."""
    return clean_input(answer, answer.raw_value)[1] if answer.raw_value else None


@transaction.atomic
def answer_save(
    *, answer: Answer, raw_value: str, note: str, expected_version: int, actor: User
) -> SaveResult:
    """Store what was typed; refuse if someone else saved since ``expected_version``."""
    answer = (
        Answer.objects.select_for_update(of=("self",))
        .select_related(
            "assessment__regency", "assessment__catalogue", "indicator", "updated_by"
        )
        .get(pk=answer.pk)
    )
    refusal = permissions.edit_refusal(actor, answer)
    if refusal:
        raise Refusal(refusal)
    raw_value, note = raw_value.strip()[:500], note.strip()[:5000]
    if answer.version != expected_version:
        if (answer.raw_value, answer.note) == (raw_value, note):
            return SaveResult(answer, None)  # same content: nothing to resolve
        raise AnswerConflict(answer, {"raw_value": raw_value, "note": note})
    value, error = clean_input(answer, raw_value)
    changed = (answer.raw_value, answer.note, answer.value) != (raw_value, note, value)
    answer.raw_value, answer.note, answer.value = raw_value, note, value
    if changed:
        answer.version += 1
        answer.updated_by, answer.updated_at = actor, timezone.now()
        _carried_answer_changed(answer)
        answer.save(
            update_fields=[
                "raw_value",
                "note",
                "value",
                "version",
                "updated_by",
                "updated_at",
                "carry_decision",
            ]
        )
        _reopen_after_change(answer, actor)
    return SaveResult(answer, error)


def _reopen_after_change(answer: Answer, actor: User) -> None:
    """A change makes a "ready" answer a draft again; a returned one becomes revised."""
    if answer.status == S.READY:
        answer_transition(
            answer=answer,
            to=S.DRAFT,
            actor=actor,
            note=_("Diubah setelah ditandai siap."),
        )
    elif answer.status == S.RETURNED:
        answer_transition(answer=answer, to=S.REVISED, actor=actor)


def answer_touch(*, answer: Answer, actor: User) -> None:
    """Evidence changed: bump the version and reopen like a value change.

    Saved (not a bare UPDATE) so that the answer's history records who changed its
    evidence: independence checks read every editor from that history.
    """
    answer.version += 1
    answer.updated_by, answer.updated_at = actor, timezone.now()
    _carried_answer_changed(answer)
    answer.save(update_fields=["version", "updated_by", "updated_at", "carry_decision"])
    _reopen_after_change(answer, actor)


def _carried_answer_changed(answer: Answer) -> None:
    """Editing an answer carried from last year is the region's decision to change it."""
    if answer.carry_pending:
        answer.carry_decision = CarryDecision.CHANGED
