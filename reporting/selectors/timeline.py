"""The timeline (Riwayat): status events and changed answer fields, newest first.

One page costs a fixed number of queries however long the history is: the page's
moments come from one UNION of the status events and the answer versions that
changed a tracked field (each version carries its predecessor's values through a
window function, so no version is read twice), and the page's rows are then read
in bulk. Every moment is reachable page by page; none is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value, Window
from django.db.models.functions import Lag
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from reporting import permissions
from reporting.models import Answer, Assessment, ReviewEvent


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
    "agency_id": _("OPD"),
}


def _shown(field: str, value: object, agencies: dict[int, str]) -> str:
    """A changed value as people read it: statuses by label, OPD by name."""
    if value in (None, ""):
        return "—"
    if field == "status":
        return str(dict(Answer.Status.choices).get(value, value))
    if field == "agency_id":
        return agencies.get(value, "—")
    return str(value)


def _changed(field: str) -> Q:
    """This version's ``field`` differs from its predecessor's (NULL-aware)."""
    before = f"before_{field}"
    return (
        Q(**{f"{field}__isnull": True, f"{before}__isnull": False})
        | Q(**{f"{field}__isnull": False, f"{before}__isnull": True})
        | (
            Q(**{f"{field}__isnull": False, f"{before}__isnull": False})
            & ~Q(**{field: F(before)})
        )
    )


def _versions(assessment: Assessment, visible: QuerySet[Answer]) -> QuerySet:
    """Answer versions that changed a tracked field, each with the values before."""
    window = {
        "partition_by": [F("id")],
        "order_by": [F("history_date").asc(), F("history_id").asc()],
    }
    changed = Q()
    for field in TRACKED_FIELDS:
        changed |= _changed(field)
    return (
        Answer.history.filter(assessment_id=assessment.pk, id__in=visible.values("pk"))
        .annotate(
            before_history_id=Window(Lag("history_id"), **window),
            **{
                f"before_{field}": Window(Lag(field), **window)
                for field in TRACKED_FIELDS
            },
        )
        .filter(Q(before_history_id__isnull=False) & changed)
    )


# The version just before another version of the same answer.
_predecessor = Answer.history.filter(
    Q(history_date__lt=OuterRef("history_date"))
    | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")),
    id=OuterRef("id"),
).order_by("-history_date", "-history_id")


def _events(assessment: Assessment, visible: QuerySet[Answer]) -> QuerySet[ReviewEvent]:
    return assessment.events.filter(Q(answer=None) | Q(answer__in=visible))


def _moments(assessment: Assessment, visible: QuerySet[Answer]) -> QuerySet:
    """(when, kind, id) of every event and every changing version, newest first."""
    events = (
        _events(assessment, visible)
        .order_by()
        .annotate(moment=F("created_at"), kind=Value("e"), ref=F("pk"))
        .values_list("moment", "kind", "ref")
    )
    versions = (
        _versions(assessment, visible)
        .order_by()
        .annotate(moment=F("history_date"), kind=Value("h"), ref=F("history_id"))
        .values_list("moment", "kind", "ref")
    )
    return events.union(versions, all=True).order_by("-moment", "-kind", "-ref")


def _entries(
    moments: Sequence[tuple[object, str, int]], assessment: Assessment
) -> list[TimelineEntry]:
    """The page's moments as entries: their rows read in bulk, in the page's order."""
    event_ids = [ref for _when, kind, ref in moments if kind == "e"]
    version_ids = [ref for _when, kind, ref in moments if kind == "h"]
    events = {
        e.pk: e
        for e in ReviewEvent.objects.filter(pk__in=event_ids).select_related(
            "actor", "answer__indicator"
        )
    }
    versions = {
        v.history_id: v
        for v in Answer.history.filter(history_id__in=version_ids)
        .annotate(before_history_id=Subquery(_predecessor.values("history_id")[:1]))
        .select_related("history_user")
    }
    before = {
        v.history_id: v
        for v in Answer.history.filter(
            history_id__in=[v.before_history_id for v in versions.values()]
        )
    }
    codes = (
        dict(
            Answer.objects.filter(pk__in={v.id for v in versions.values()}).values_list(
                "pk", "indicator__code"
            )
        )
        if versions
        else {}
    )
    agencies = (
        dict(assessment.regency.agencies.values_list("pk", "name")) if versions else {}
    )
    entries: list[TimelineEntry] = []
    for _when, kind, ref in moments:
        if kind == "e":
            e = events[ref]
            entries.append(
                TimelineEntry(
                    e.created_at,
                    e.actor,
                    e.answer.indicator.code if e.answer else "",
                    f"{e.from_label} → {e.to_label}"
                    + (f": {e.note}" if e.note else ""),
                )
            )
            continue
        version = versions[ref]
        previous = before[version.before_history_id]
        for field, label in TRACKED_FIELDS.items():
            old, new = getattr(previous, field), getattr(version, field)
            if old == new:
                continue
            entries.append(
                TimelineEntry(
                    version.history_date,
                    version.history_user,
                    codes.get(version.id, ""),
                    f"{label}: “{_shown(field, old, agencies)}” → "
                    f"“{_shown(field, new, agencies)}”",
                )
            )
    return entries


def timeline_moments(*, user: User, assessment: Assessment) -> QuerySet:
    """(when, kind, id) of every moment of the Riwayat the user may see, newest first:
    cut it into pages, then read a page's entries with ``timeline_entries``."""
    return _moments(assessment, permissions.answers_for(user, assessment))


def timeline_entries(
    *, assessment: Assessment, moments: Sequence[tuple[object, str, int]]
) -> list[TimelineEntry]:
    """The entries of some moments (a page of ``timeline_moments``, already
    limited to what the user may see)."""
    return _entries(moments, assessment)


def timeline(*, user: User, assessment: Assessment) -> list[TimelineEntry]:
    """The whole Riwayat, newest first."""
    return _entries(
        list(timeline_moments(user=user, assessment=assessment)), assessment
    )
