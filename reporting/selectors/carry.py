"""Reads for starting a year from last year's answers and for comparing with them.

Which of last year's answers an indicator takes: the administrator's mapping
(``indicators.models.IndicatorMapping``: another code, or none), else the answer of
the same code in the previous catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from accounts.models import User
from indicators.models import Catalogue, IndicatorMapping
from indicators.services import previous_catalogue
from reporting import permissions
from reporting.models import Answer, Assessment, Evidence


@dataclass
class CarryPlan:
    """What starting from last year would do for this person's indicators."""

    source: Assessment | None
    pairs: list[tuple[Answer, Answer]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (code, why)

    @property
    def year(self) -> int | None:
        return self.source.catalogue.year if self.source else None


def source_assessment(assessment: Assessment) -> Assessment | None:
    """The same kab/kota's assessment of the previous catalogue, if it took part."""
    previous: Catalogue | None = previous_catalogue(assessment.catalogue)
    if previous is None:
        return None
    return (
        Assessment.objects.select_related("catalogue")
        .filter(regency_id=assessment.regency_id, catalogue=previous)
        .first()
    )


def _is_blank(answer: Answer, n_files: int) -> bool:
    return not (answer.raw_value.strip() or answer.note.strip() or n_files)


def carry_plan(*, user: User, assessment: Assessment) -> CarryPlan:
    """The pairs (this year's answer, last year's) the person may start from, and
    every one of their indicators left out with the reason; a fixed number of queries."""
    source = source_assessment(assessment)
    plan = CarryPlan(source=source)
    targets = list(
        permissions.answers_for(user, assessment)
        .select_related("indicator")
        .prefetch_related("evidence")
        .order_by("indicator__category__order", "indicator__order")
    )
    if source is None:
        return plan
    year = source.catalogue.year
    mapped = dict(
        IndicatorMapping.objects.filter(
            target__catalogue_id=assessment.catalogue_id
        ).values_list("target_id", "source_id")
    )
    olds = {
        a.indicator_id: a
        for a in source.answers.select_related("indicator").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("pk"))
        )
    }
    by_code = {a.indicator.code: a for a in olds.values()}
    for answer in targets:
        code = answer.indicator.code
        if answer.carried_from_id or not _is_blank(answer, len(answer.evidence.all())):
            plan.skipped.append((code, _("sudah diisi tahun ini")))
            continue
        if answer.indicator_id not in mapped:
            old = by_code.get(code)
        elif mapped[answer.indicator_id] is None:
            plan.skipped.append((code, _("administrator menandainya tidak dibawa")))
            continue
        else:
            old = olds.get(mapped[answer.indicator_id])
        if old is None:
            plan.skipped.append(
                (code, _("tidak ada padanannya di katalog %(year)s") % {"year": year})
            )
        elif _is_blank(old, len(old.evidence.all())):
            plan.skipped.append((code, _("jawaban %(year)s kosong") % {"year": year}))
        else:
            plan.pairs.append((answer, old))
    return plan


def carry_offered(*, user: User, assessment: Assessment) -> bool:
    """Whether the assessment page offers to start from last year (cheap check)."""
    return (
        assessment.status == Assessment.Status.DRAFT
        and permissions.deadline_refusal(assessment) is None
        and source_assessment(assessment) is not None
        and permissions.answers_for(user, assessment)
        .filter(carried_from=None, version=0)
        .exists()
    )


def _content(answer: Answer) -> tuple[str, str, frozenset[str]]:
    files = frozenset(e.sha256 for e in answer.evidence.all())
    return answer.raw_value.strip(), answer.note.strip(), files


def unchanged_since_last_year(answers: list[Answer]) -> dict[int, bool]:
    """For each carried answer (its active files prefetched): is its value, note and
    set of files (by SHA-256) still what last year's answer had? Others are absent."""
    sources = {
        a.pk: a
        for a in Answer.objects.filter(
            pk__in=[a.carried_from_id for a in answers if a.carried_from_id]
        ).prefetch_related("evidence")
    }
    return {
        answer.pk: _content(answer) == _content(sources[answer.carried_from_id])
        for answer in answers
        if answer.carried_from_id in sources
    }
