"""Storing scores and ranks: compute first, then write every row in one transaction.

Ranking ties break, in order, by: higher total; higher points from hasil (outcome)
indicators; fewer answers ever returned by the Kanwil; lower Kemendagri code.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext

from indicators.models import Catalogue
from outbox.services import enqueue_after_commit
from reporting.models import (
    Adjustment,
    Answer,
    Assessment,
    ReviewEvent,
    Score,
    ScoreRun,
)
from reporting.services.scoring import RULE_VERSION, Result, YearRules, compute

UNSCORED = {Assessment.Status.DRAFT}
FINAL = {Assessment.Status.PUBLISHED}
CHUNK = 100
STALE_MARGIN_SECONDS = 5 * 60
SCORE_FIELDS = [
    "base_total",
    "bonus",
    "deduction",
    "total",
    "hasil_points",
    "returned_count",
    "predicate",
    "earns_award",
    "is_final",
    "rule_version",
    "breakdown",
    "computed_at",
]


def _returned_counts(assessment_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        ReviewEvent.objects.filter(
            assessment_id__in=list(assessment_ids), to_status=Answer.Status.RETURNED
        )
        .exclude(answer=None)
        .values("assessment_id")
        .annotate(n=Count("pk"))
    )
    return {row["assessment_id"]: row["n"] for row in rows}


def _score_row(assessment: Assessment, result: Result, returned: int) -> Score:
    return Score(
        assessment=assessment,
        base_total=result.base_total,
        bonus=result.bonus,
        deduction=result.deduction,
        total=result.total,
        hasil_points=result.hasil_points,
        returned_count=returned,
        predicate=result.predicate,
        earns_award=result.earns_award,
        is_final=assessment.status in FINAL,
        rule_version=RULE_VERSION,
        breakdown=result.breakdown,
        computed_at=timezone.now(),
    )


def _results_for(rules: YearRules, assessments: list[Assessment]) -> dict[int, Result]:
    """Scores of several assessments from two queries."""
    ids = [a.pk for a in assessments]
    answers: dict[int, dict[int, tuple[str, Decimal | None]]] = defaultdict(dict)
    for assessment_id, indicator_id, status, score in Answer.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "indicator_id", "status", "score"):
        answers[assessment_id][indicator_id] = (status, score)
    adjustments: dict[int, list[tuple[str, Decimal, str]]] = defaultdict(list)

    for assessment_id, kind, points, basis in (
        Adjustment.objects.filter(assessment_id__in=ids)
        .order_by("created_at")
        .values_list("assessment_id", "kind", "points", "basis")
    ):
        adjustments[assessment_id].append((kind, points, basis))
    return {a.pk: compute(rules, answers[a.pk], adjustments[a.pk]) for a in assessments}


def rank_year(catalogue: Catalogue) -> None:
    """National and per-province ranks by the tie-break rules above."""
    # Only what ordering needs: the breakdown documents stay in the database.
    scores = list(
        Score.objects.filter(assessment__catalogue=catalogue)
        .select_related("assessment__regency")
        .only(
            "id",
            "total",
            "hasil_points",
            "returned_count",
            "assessment__regency_id",
            "assessment__regency__province_id",
        )
    )
    scores.sort(
        key=lambda s: (
            -s.total,
            -s.hasil_points,
            s.returned_count,
            s.assessment.regency_id,
        )
    )
    per_province: dict[str, int] = defaultdict(int)
    for position, score in enumerate(scores, start=1):
        score.national_rank = position
        province = score.assessment.regency.province_id
        per_province[province] += 1
        score.province_rank = per_province[province]
    Score.objects.bulk_update(
        scores, ["national_rank", "province_rank"], batch_size=500
    )


def _store(
    catalogue: Catalogue, assessments: list[Assessment], results: dict[int, Result]
) -> None:
    returned = _returned_counts(results)
    rows = [_score_row(a, results[a.pk], returned.get(a.pk, 0)) for a in assessments]
    Score.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["assessment"],
        update_fields=SCORE_FIELDS,
    )
    rank_year(catalogue)


@transaction.atomic
def score_assessment(*, assessment_id: int) -> Score | None:
    """Recompute one assessment and re-rank its year; the same input gives the same rows."""
    assessment = Assessment.objects.select_related("catalogue", "regency").get(
        pk=assessment_id
    )
    if assessment.status in UNSCORED:
        Score.objects.filter(assessment=assessment).delete()
        return None
    rules = YearRules.load(assessment.catalogue)
    _store(assessment.catalogue, [assessment], _results_for(rules, [assessment]))
    return Score.objects.get(assessment=assessment)


def year_recompute(*, catalogue_id: int, run_id: int | None = None) -> int:
    """Recompute every scored assessment of a year in chunks, then swap all rows at once.

    Progress goes to the ScoreRun row as chunks finish; readers keep seeing the old
    scores until the final transaction commits, so a worker that dies halfway leaves
    the previous ranking in place.
    """
    catalogue = Catalogue.objects.get(pk=catalogue_id)
    run = (
        ScoreRun.objects.get(pk=run_id)
        if run_id
        else ScoreRun.objects.create(catalogue=catalogue)
    )
    assessments = list(
        catalogue.assessments.exclude(status__in=UNSCORED)
        .select_related("regency")
        .order_by("regency_id")
    )
    ScoreRun.objects.filter(pk=run.pk).update(
        status=ScoreRun.Status.RUNNING, total=len(assessments), done=0
    )
    try:
        _recompute_and_swap(catalogue, assessments, run)
    except Exception as exc:
        ScoreRun.objects.filter(pk=run.pk).update(
            status=ScoreRun.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:1000],
            finished_at=timezone.now(),
        )
        raise
    ScoreRun.objects.filter(pk=run.pk).update(
        status=ScoreRun.Status.DONE, finished_at=timezone.now()
    )
    return len(assessments)


def _recompute_and_swap(
    catalogue: Catalogue, assessments: list[Assessment], run: ScoreRun
) -> None:
    rules = YearRules.load(catalogue)
    results: dict[int, Result] = {}
    for start in range(0, len(assessments), CHUNK):
        chunk = assessments[start : start + CHUNK]
        results.update(_results_for(rules, chunk))
        ScoreRun.objects.filter(pk=run.pk).update(done=len(results))
    with transaction.atomic():
        Score.objects.filter(assessment__catalogue=catalogue).exclude(
            assessment__in=assessments
        ).delete()
        _store(catalogue, assessments, results)


def score_runs_sweep(*, now: datetime.datetime | None = None) -> list[int]:
    """Mark runs whose worker died as failed and queue their year again.

    A live run cannot be older than the task's hard time limit (the worker kills it
    then), so a pending or running row older than that limit plus a margin has no
    worker behind it. Returns the ids of the runs marked failed.
    """
    limit = settings.CELERY_TASK_TIME_LIMIT + STALE_MARGIN_SECONDS
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=limit)
    stale = list(
        ScoreRun.objects.filter(
            status__in=[ScoreRun.Status.PENDING, ScoreRun.Status.RUNNING],
            created_at__lt=cutoff,
        )
    )
    with transaction.atomic():
        for run in stale:
            ScoreRun.objects.filter(pk=run.pk, status=run.status).update(
                status=ScoreRun.Status.FAILED,
                error=gettext(
                    "Pekerja latar berhenti sebelum selesai; dihitung ulang otomatis."
                ),
                finished_at=timezone.now(),
            )
        for catalogue_id in {run.catalogue_id for run in stale}:
            # By name: reporting.tasks imports this module.
            enqueue_after_commit("reporting.tasks.recompute_year", catalogue_id)
    return [run.pk for run in stale]
