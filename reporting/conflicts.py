"""A conflict on one KKPHAM answer, in the shared form of ``kernel.conflicts``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kernel.conflicts import CONFLICT, Conflict, Row, conflict_of
from reporting.models import Answer


def for_answer(
    answer: Answer, mine: dict[str, str], *, viewer=None, mode=CONFLICT
) -> Conflict:
    rows = []
    if answer.indicator.kind.takes_value:
        rows.append(Row(_("Jawaban"), answer.raw_value, mine["raw_value"]))
    rows.append(Row(_("Keterangan"), answer.note, mine["note"]))
    return conflict_of(
        prefix=f"a{answer.pk}-",
        version=answer.version,
        by=answer.updated_by,
        at=answer.updated_at,
        rows=rows,
        viewer=viewer,
        mode=mode,
    )
