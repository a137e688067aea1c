"""The timeline (Riwayat): status events and changed answer fields, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from reporting import permissions
from reporting.models import Answer, Assessment


@dataclass
class TimelineEntry:
    when: object
    who: object
    code: str
    text: str


TRACKED_FIELDS = {
    "raw_value": _("jawaban"),
    "note": _("keterangan"),
    "status": _("status"),
    "review_note": _("catatan verifikator"),
    "agency": _("OPD"),
}


def _shown(field: str, value: object, agencies: dict[int, str]) -> str:
    """A changed value as people read it: statuses by label, OPD by name."""
    if value in (None, ""):
        return "—"
    if field == "status":
        return str(dict(Answer.Status.choices).get(value, value))
    if field == "agency":
        return agencies.get(value, "—")
    return str(value)


def timeline(
    *, user: User, assessment: Assessment, limit: int = 300
) -> list[TimelineEntry]:
    """Status changes and field changes (old → new), newest first."""
    visible = permissions.answers_for(user, assessment)
    entries = [
        TimelineEntry(
            e.created_at,
            e.actor,
            e.answer.indicator.code if e.answer else "",
            f"{e.from_label} → {e.to_label}" + (f": {e.note}" if e.note else ""),
        )
        for e in assessment.events.filter(
            Q(answer=None) | Q(answer__in=visible)
        ).select_related("actor", "answer__indicator")[:limit]
    ]
    history = (
        Answer.history.filter(assessment_id=assessment.pk, id__in=visible.values("pk"))
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    codes = dict(visible.values_list("pk", "indicator__code"))
    agencies = dict(assessment.regency.agencies.values_list("pk", "name"))
    for record in history:
        previous = record.prev_record
        if previous is None:
            continue
        delta = record.diff_against(previous, included_fields=list(TRACKED_FIELDS))
        for change in delta.changes:
            entries.append(
                TimelineEntry(
                    record.history_date,
                    record.history_user,
                    codes.get(record.id, ""),
                    f"{TRACKED_FIELDS[change.field]}: "
                    f"“{_shown(change.field, change.old, agencies)}” → "
                    f"“{_shown(change.field, change.new, agencies)}”",
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
