"""Reads for the Kanwil's console: the verification queue, where to start, and one
kab/kota's review page in sections, filtered.

The queue's order is spelled out (waiting first, longest waiting first, kab/kota
never sent last), so that SQLite and PostgreSQL, which put NULLs at opposite ends,
list it the same way.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from indicators.models import Category
from reporting.models import Answer, Assessment, Evidence, ReviewEvent
from reporting.selectors.carry import unchanged_since_last_year

A = Assessment.Status
S = Answer.Status

# Sent by the kab/kota and not yet decided by its Kanwil.
WAITING = (A.SUBMITTED, A.RESUBMITTED, A.IN_VERIFICATION)

# 0: waiting for the Kanwil; 1: sent once, now elsewhere; 2: never sent.
QUEUE_RANK = Case(
    When(status__in=WAITING, then=Value(0)),
    When(submitted_at__isnull=False, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
QUEUE_ORDER = (
    QUEUE_RANK.asc(),
    F("submitted_at").asc(nulls_last=True),
    "regency__code",
    "pk",
)


def queue(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """``assessments`` in the queue's order."""
    return assessments.order_by(*QUEUE_ORDER)


@dataclass(frozen=True)
class QueueStart:
    """What waits for a verifier: the oldest few, and how many of each kind."""

    oldest: list[Assessment]
    waiting: int
    resubmitted: int
    in_verification: int


def queue_start(assessments: QuerySet[Assessment], *, shown: int = 3) -> QueueStart:
    """Where a verifier starts: the waiting kab/kota that have waited longest."""
    waiting = assessments.filter(status__in=WAITING)
    counts = dict.fromkeys(WAITING, 0)
    for status in waiting.values_list("status", flat=True):
        counts[status] += 1
    oldest = list(queue(waiting).select_related("regency", "catalogue")[:shown])
    now = timezone.now()
    for assessment in oldest:
        since = assessment.submitted_at or now
        assessment.days_waiting = (now - since).days
    return QueueStart(
        oldest=oldest,
        waiting=sum(counts.values()),
        resubmitted=counts[A.RESUBMITTED],
        in_verification=counts[A.IN_VERIFICATION],
    )


# --- one kab/kota's review page ---------------------------------------------------


@dataclass(frozen=True)
class ReviewFilters:
    """What the review page shows; every part optional and combinable."""

    decision: str = ""  # "", "undecided", "returned"
    files: str = ""  # "", "with", "without"
    changed: bool = False  # changed by the region since the last round
    last_year: str = ""  # "", "unchanged", "changed": carried answers only

    @property
    def active(self) -> bool:
        return bool(self.decision or self.files or self.changed or self.last_year)


def last_round_at(assessment: Assessment) -> datetime.datetime | None:
    """When the Kanwil last sent answers back to the region (the end of the last
    round), from the review history; None in the first round."""
    event = (
        assessment.events.filter(answer=None, to_status=A.RETURNED)
        .order_by("-created_at", "-pk")
        .first()
    )
    return event.created_at if event else None


def console_answers(
    assessment: Assessment,
    filters: ReviewFilters,
    *,
    since: datetime.datetime | None,
) -> list[Answer]:
    """The answers the page shows, with their indicator, category, people and files,
    in catalogue order. ``since``: the end of the last round (``last_round_at``)."""
    active_files = Evidence.objects.filter(answer=OuterRef("pk"))
    answers = assessment.answers.annotate(has_files=Exists(active_files))
    if filters.decision == "undecided":
        answers = answers.filter(status=S.SUBMITTED)
    elif filters.decision == "returned":
        answers = answers.filter(status=S.RETURNED)
    if filters.files == "with":
        answers = answers.filter(has_files=True)
    elif filters.files == "without":
        answers = answers.filter(has_files=False)
    if filters.changed:
        if since is None:
            return []
        revised = ReviewEvent.objects.filter(
            answer=OuterRef("pk"), to_status=S.REVISED, created_at__gt=since
        )
        answers = answers.filter(Exists(revised))
    if filters.last_year:
        answers = answers.exclude(carried_from=None)
    shown = list(
        answers.select_related(
            "indicator__category", "agency", "updated_by", "reviewed_by"
        )
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("pk"))
        )
        .order_by("indicator__category__order", "indicator__order")
    )
    # Carried answers say whether they still are last year's (value, note, files).
    unchanged = unchanged_since_last_year(shown)
    for answer in shown:
        answer.unchanged_since_last_year = unchanged.get(answer.pk)
    if filters.last_year:
        keep = filters.last_year == "unchanged"
        shown = [a for a in shown if a.unchanged_since_last_year is keep]
    return shown


@dataclass
class Counts:
    total: int = 0
    undecided: int = 0
    accepted: int = 0
    returned: int = 0

    @property
    def decided(self) -> int:
        return self.accepted + self.returned

    def add(self, status: str, n: int = 1) -> None:
        self.total += n
        if status == S.SUBMITTED:
            self.undecided += n
        elif status == S.ACCEPTED:
            self.accepted += n
        elif status == S.RETURNED:
            self.returned += n


@dataclass
class Section:
    """One category of the review page: its counts over every answer, and the
    answers the filters let through."""

    category: Category
    counts: Counts = field(default_factory=Counts)
    answers: list[Answer] = field(default_factory=list)


def review_sections(
    assessment: Assessment, shown: list[Answer]
) -> tuple[list[Section], Counts]:
    """Every category of the year in order with its counts (whatever the filter),
    the shown answers placed in theirs, and the counts of the whole kab/kota."""
    sections = {
        category.pk: Section(category=category)
        for category in Category.objects.filter(
            catalogue_id=assessment.catalogue_id
        ).order_by("order")
    }
    overall = Counts()
    rows = assessment.answers.values_list("indicator__category_id", "status")
    for category_id, status in rows:
        sections[category_id].counts.add(status)
        overall.add(status)
    for answer in shown:
        sections[answer.indicator.category_id].answers.append(answer)
    return list(sections.values()), overall
