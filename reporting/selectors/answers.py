"""Reads for the answer pages; query counts do not grow with the number of files."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from accounts.models import User
from indicators.answer_kinds import kind_for
from indicators.models import Category
from kernel.params import pk_or_none
from reporting import permissions
from reporting.models import Answer, Assessment, Evidence

# Joins do not go through Evidence's manager: removed files are filtered here.
ACTIVE_EVIDENCE = Count("evidence", filter=Q(evidence__removed_at=None))


@dataclass
class Progress:
    total: int = 0
    answered: int = 0
    with_evidence: int = 0
    ready: int = 0
    accepted: int = 0
    returned: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


@dataclass
class CategoryProgress:
    category: Category
    progress: Progress = field(default_factory=Progress)


def progress_by_category(
    *, user: User, assessment: Assessment
) -> tuple[list[CategoryProgress], Progress]:
    """Answered, with evidence, ready and returned counts per category and overall."""
    rows = (
        permissions.answers_for(user, assessment)
        .annotate(n_evidence=ACTIVE_EVIDENCE)
        .values(
            "indicator__category_id",
            "indicator__answer_kind",
            "value",
            "status",
            "n_evidence",
        )
    )
    per_category: dict[int, Progress] = defaultdict(Progress)
    overall = Progress()
    for row in rows:
        for progress in (per_category[row["indicator__category_id"]], overall):
            progress.total += 1
            has_files = row["n_evidence"] > 0
            answered = kind_for(row["indicator__answer_kind"]).is_answered(
                row["value"], has_evidence=has_files
            )
            progress.answered += answered
            progress.with_evidence += has_files
            progress.ready += row["status"] == Answer.Status.READY
            progress.accepted += row["status"] == Answer.Status.ACCEPTED
            progress.returned += row["status"] == Answer.Status.RETURNED
    categories = [
        CategoryProgress(c, per_category[c.pk])
        for c in assessment.catalogue.categories.all()
        if c.pk in per_category
    ]
    return categories, overall


def _answers_as_shown(user: User, assessment: Assessment) -> QuerySet[Answer]:
    """The user's answers with everything an answer card shows."""
    return (
        permissions.answers_for(user, assessment)
        .select_related(
            "indicator",
            "agency",
            "updated_by",
            "assessment__regency",
            "assessment__catalogue",
            "carried_from__assessment__catalogue",
        )
        .prefetch_related(
            Prefetch(
                "evidence", queryset=Evidence.objects.select_related("uploaded_by")
            )
        )
    )


def answers_for_page(
    *, user: User, assessment: Assessment, category: Category
) -> QuerySet[Answer]:
    """One category's answers with everything the page shows, in a fixed number of queries."""
    return (
        _answers_as_shown(user, assessment)
        .filter(indicator__category=category)
        .order_by("indicator__order")
    )


def answer_for_card(*, user: User, answer: Answer) -> Answer:
    """One answer read again as its card on the category page shows it."""
    return _answers_as_shown(user, answer.assessment).get(pk=answer.pk)


def my_answers(*, user: User, assessment: Assessment) -> QuerySet[Answer]:
    """The indicators assigned to the user's agency: returned first, then by code."""
    return (
        permissions.answers_for(user, assessment)
        .filter(agency_id__in=permissions.access.scope_of(user).agency_ids)
        .select_related("indicator__category")
        .annotate(
            returned_first=Case(
                When(status=Answer.Status.RETURNED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("returned_first", "indicator__category__order", "indicator__order")
    )


def review_answers(
    *,
    user: User,
    assessment: Assessment,
    category: str = "",
    agency: str = "",
    status: str = "",
) -> QuerySet[Answer]:
    qs = (
        permissions.answers_for(user, assessment)
        .select_related("indicator__category", "agency")
        .annotate(n_evidence=ACTIVE_EVIDENCE)
        .order_by("indicator__category__order", "indicator__order")
    )
    if category:
        qs = qs.filter(indicator__category__code=category)
    if agency == "none":
        qs = qs.filter(agency=None)
    elif (agency_id := pk_or_none(agency)) is not None:
        qs = qs.filter(agency_id=agency_id)
    if status:
        qs = qs.filter(status=status)
    return qs


@dataclass
class SubmissionSummary:
    """What "Kirim ke Kanwil" would send, read before the coordinator confirms."""

    total: int = 0
    empty: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    missing_evidence: list[str] = field(default_factory=list)
    not_ready: int = 0
    returned: list[str] = field(default_factory=list)
    needs_approval: bool = False

    @property
    def blocking(self) -> bool:
        """Problems the server refuses to send (the others are the coordinator's call)."""
        return bool(self.invalid or self.returned or self.needs_approval)


def submission_summary(*, assessment: Assessment) -> SubmissionSummary:
    """Every answer of the assessment, counted by what still needs attention."""
    summary = SubmissionSummary(
        needs_approval=assessment.status == Assessment.Status.DRAFT
        and not assessment.approvals.exists()
    )
    answers = (
        assessment.answers.select_related("indicator")
        .annotate(n_evidence=ACTIVE_EVIDENCE)
        .order_by("indicator__category__order", "indicator__order")
    )
    for answer in answers:
        code, kind = answer.indicator.code, answer.indicator.kind
        summary.total += 1
        if answer.input_invalid:
            summary.invalid.append(code)
        elif not kind.is_answered(answer.value, has_evidence=answer.n_evidence > 0):
            summary.empty.append(code)
        if answer.indicator.evidence_required and not answer.n_evidence:
            summary.missing_evidence.append(code)
        if answer.status == Answer.Status.RETURNED:
            summary.returned.append(code)
        if answer.status not in (Answer.Status.READY, Answer.Status.REVISED):
            summary.not_ready += 1
    return summary
