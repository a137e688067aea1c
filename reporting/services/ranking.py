"""Storing scores and ranks: compute first, then write every row in one transaction.

Ranking ties break, in order, by: higher total; higher points from hasil (outcome)
indicators; fewer answers ever returned by the Kanwil; lower Kemendagri code.
"""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.db import connection, transaction
from django.db.models import Count, F, Func, Q, TextField, Value
from django.utils import timezone
from django.utils.translation import gettext

from indicators.models import Catalogue
from kernel.bulk import upsert_rows
from kernel.gc import collector_paused
from kernel.heartbeat import beating
from outbox.services import enqueue_after_commit
from reporting.models import (
    Adjustment,
    Answer,
    Assessment,
    ReviewEvent,
    Score,
    ScoreRun,
)
from reporting.scoring import (
    ITEM,
    ITEMS,
    RULE_VERSION,
    Line,
    Result,
    YearRules,
    compute_lines,
)

UNSCORED = {Assessment.Status.DRAFT}
FINAL = {Assessment.Status.PUBLISHED}
CHUNK = 100
PROGRESS_SECONDS = 1.0
STALE_MARGIN_SECONDS = 5 * 60
STALE_RESCORES_PER_SWEEP = 500


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


def _score_values(
    assessment: Assessment, result: Result, returned: int, now: datetime.datetime
) -> dict[str, Any]:
    """The stored Score row of an assessment, by attribute name."""
    return {
        "assessment_id": assessment.pk,
        "base_total": result.base_total,
        "bonus": result.bonus,
        "deduction": result.deduction,
        "total": result.total,
        "hasil_points": result.hasil_points,
        "returned_count": returned,
        "predicate": result.predicate,
        "earns_award": result.earns_award,
        "is_final": assessment.status in FINAL,
        "rule_version": RULE_VERSION,
        "basis": assessment.score_requests,
        "breakdown": result.document,
        "category_scores": result.category_summary,
        "computed_at": now,
    }


Inputs = tuple[dict[int, list[Line]], dict[int, list[tuple[str, Decimal, str]]]]


def _inputs_for(rules: YearRules, assessment_ids: list[int]) -> Inputs:
    """Each assessment's lines (from its answers) and adjustments, from two queries.
    A year's are read at once: one scan of its answers costs less than one index
    scan per chunk of assessments."""
    adjustments: dict[int, list[tuple[str, Decimal, str]]] = defaultdict(list)
    for assessment_id, kind, points, basis in (
        Adjustment.objects.filter(assessment_id__in=assessment_ids)
        .order_by("created_at")
        .values_list("assessment_id", "kind", "points", "basis")
    ):
        adjustments[assessment_id].append((kind, points, basis))
    # Unordered: the answers are keyed, and Answer's default order joins two tables.
    answers = Answer.objects.filter(assessment_id__in=assessment_ids).order_by()
    if connection.vendor == "postgresql":
        # One row per assessment, its answers as text ("indicator status score"
        # items): 514 rows where 61,680 cost psycopg2 and Python four times as much.
        # CONCAT writes a missing score as "" and numeric::text as psycopg2 reads it.
        item = Func(
            "indicator_id",
            Value(ITEM),
            "status",
            Value(ITEM),
            "score",
            function="CONCAT",
            output_field=TextField(),
        )
        rows = (
            answers.values("assessment_id")
            .annotate(items=StringAgg(item, delimiter=ITEMS))
            .values_list("assessment_id", "items")
        )
        return {pk: rules.lines_from_items(items) for pk, items in rows}, adjustments
    by_assessment: dict[int, dict[int, tuple[str, Decimal | None]]] = defaultdict(dict)
    for assessment_id, indicator_id, status, score in answers.values_list(
        "assessment_id", "indicator_id", "status", "score"
    ):
        by_assessment[assessment_id][indicator_id] = (status, score)
    lines = {pk: rules.lines_for(given) for pk, given in by_assessment.items()}
    return lines, adjustments


def _results_for(
    rules: YearRules, assessments: list[Assessment], inputs: Inputs | None = None
) -> dict[int, Result]:
    """Scores of several assessments, from their ``inputs`` when read already
    (else two queries)."""
    lines, adjustments = inputs or _inputs_for(rules, [a.pk for a in assessments])
    return {
        a.pk: compute_lines(
            rules, lines.get(a.pk) or rules.unanswered, adjustments[a.pk]
        )
        for a in assessments
    }


def _store(assessments: list[Assessment], results: dict[int, Result]) -> None:
    returned = _returned_counts(results)
    now = timezone.now()
    upsert_rows(
        Score,
        [
            _score_values(a, results[a.pk], returned.get(a.pk, 0), now)
            for a in assessments
        ],
        unique="assessment_id",
        kept_when_equal=["breakdown"],
    )


def rescore_request(assessment_id: int) -> None:
    """Ask for one assessment's score again, in the caller's transaction.

    The request counter makes a stale total visible: a score computed before the
    latest request has ``basis`` below the assessment's ``score_requests`` until a
    task catches up, and the sweep queues those left behind.
    """
    Assessment.objects.filter(pk=assessment_id).update(
        score_requests=F("score_requests") + 1, score_requested_at=timezone.now()
    )
    # By name: reporting.tasks imports this module.
    enqueue_after_commit("reporting.tasks.score_assessment", assessment_id)


@transaction.atomic
def score_assessment(*, assessment_id: int) -> Score | None:
    """Recompute one assessment's row; no other row of the year is written.

    The assessment row is locked first, so rescores of one assessment run one after
    another and a decision committing meanwhile waits for this one: its request is
    then newer than ``basis`` and its own task computes it.
    """
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("catalogue", "regency")
        .get(pk=assessment_id)
    )
    if assessment.status in UNSCORED:
        Score.objects.filter(assessment=assessment).delete()
        return None
    rules = YearRules.load(assessment.catalogue)
    _store([assessment], _results_for(rules, [assessment]))
    return Score.objects.get(assessment=assessment)


# A score computed before its assessment's latest rescore request (or none yet).
STALE = Q(score__isnull=True) | Q(score__basis__lt=F("score_requests"))


def stale_scores(catalogue: Catalogue):
    """Assessments of a year whose stored score predates their latest rescore request."""
    return catalogue.assessments.exclude(status__in=UNSCORED).filter(
        STALE, score_requests__gt=0
    )


@collector_paused()
def year_recompute(*, catalogue_id: int, run_id: int | None = None) -> int:
    """Recompute every scored assessment of a year in chunks, then swap all rows at once.

    Progress (and the run's heartbeat) goes to the ScoreRun row as chunks finish,
    at most every PROGRESS_SECONDS and once all are computed; the run is done in
    the same commit as the swap. Readers keep seeing the old scores until that
    commit, so a worker that dies halfway leaves the previous ranking in place. A
    score that a decision's rescore wrote meanwhile is newer than this run's and is
    kept.
    """
    catalogue = Catalogue.objects.get(pk=catalogue_id)
    assessments = list(
        catalogue.assessments.exclude(status__in=UNSCORED)
        .order_by("regency_id")
        .only("pk", "catalogue", "status", "score_requests")
    )
    if run_id:
        claimed = ScoreRun.objects.filter(
            pk=run_id, status__in=[ScoreRun.Status.PENDING]
        ).update(
            status=ScoreRun.Status.RUNNING,
            heartbeat_at=timezone.now(),
            total=len(assessments),
            done=0,
        )
        if not claimed:
            # Redelivered after a sweep took the run over, or already finished.
            return 0
        run = ScoreRun.objects.get(pk=run_id)
    else:
        run = ScoreRun.objects.create(
            catalogue=catalogue,
            status=ScoreRun.Status.RUNNING,
            heartbeat_at=timezone.now(),
            total=len(assessments),
        )
    try:
        with beating(ScoreRun, run.pk, every=settings.SCORE_RUN_HEARTBEAT_SECONDS):
            _recompute_and_swap(catalogue, assessments, run)
    except Exception as exc:
        ScoreRun.objects.filter(pk=run.pk, status=ScoreRun.Status.RUNNING).update(
            status=ScoreRun.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:1000],
            finished_at=timezone.now(),
        )
        raise
    return len(assessments)


def _recompute_and_swap(
    catalogue: Catalogue, assessments: list[Assessment], run: ScoreRun
) -> None:
    rules = YearRules.load(catalogue)
    results: dict[int, Result] = {}
    # Each assessment's request counter as it stood before its answers were read.
    basis = dict(catalogue.assessments.values_list("pk", "score_requests").order_by())
    for assessment in assessments:
        assessment.score_requests = basis[assessment.pk]
    inputs = _inputs_for(rules, [a.pk for a in assessments])
    reported = time.monotonic()
    for start in range(0, len(assessments), CHUNK):
        results.update(_results_for(rules, assessments[start : start + CHUNK], inputs))
        # Progress when a person could see it move, and once all is computed: a
        # write (and its commit) per chunk cost a national recompute a tenth of
        # its time.
        if len(results) == len(assessments) or (
            time.monotonic() - reported >= PROGRESS_SECONDS
        ):
            ScoreRun.objects.filter(pk=run.pk).update(
                done=len(results), heartbeat_at=timezone.now()
            )
            reported = time.monotonic()
    with transaction.atomic():
        # Rescores lock their assessment first too: while these locks are held no
        # rescore can write, and the ones that committed are seen below.
        list(
            catalogue.assessments.select_for_update()
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        stored = dict(
            Score.objects.filter(assessment__catalogue=catalogue).values_list(
                "assessment_id", "basis"
            )
        )
        keep = [
            a
            for a in assessments
            if a.pk not in stored or stored[a.pk] <= a.score_requests
        ]
        Score.objects.filter(assessment__catalogue=catalogue).exclude(
            assessment_id__in=[a.pk for a in assessments]
        ).delete()
        _store(keep, results)
        # Done with the swap, in its commit (a run the sweep gave up stays failed).
        ScoreRun.objects.filter(pk=run.pk, status=ScoreRun.Status.RUNNING).update(
            status=ScoreRun.Status.DONE, finished_at=timezone.now()
        )


def _live_runs(now: datetime.datetime):
    silent = now - datetime.timedelta(seconds=settings.SCORE_RUN_STALE_SECONDS)
    return ScoreRun.objects.filter(
        status=ScoreRun.Status.RUNNING, heartbeat_at__gte=silent
    )


def score_runs_sweep(*, now: datetime.datetime | None = None) -> list[int]:
    """Mark runs whose worker stopped beating as failed and queue their year again.

    A running recompute beats at every chunk and from a thread, so one silent for
    SCORE_RUN_STALE_SECONDS has no worker. Its year is queued again unless another
    run of that year is alive. Also queues rescores still stale a while after
    their request (a task that failed for good, or a message lost). Returns the ids
    of the runs marked failed.
    """
    now = now or timezone.now()
    silent = now - datetime.timedelta(seconds=settings.SCORE_RUN_STALE_SECONDS)
    pending_cutoff = now - datetime.timedelta(
        seconds=settings.CELERY_TASK_TIME_LIMIT + STALE_MARGIN_SECONDS
    )
    stale = list(
        ScoreRun.objects.filter(
            Q(status=ScoreRun.Status.RUNNING)
            & (Q(heartbeat_at__lt=silent) | Q(heartbeat_at=None, created_at__lt=silent))
            | Q(status=ScoreRun.Status.PENDING, created_at__lt=pending_cutoff)
        )
    )
    failed = []
    with transaction.atomic():
        for run in stale:
            if ScoreRun.objects.filter(pk=run.pk, status=run.status).update(
                status=ScoreRun.Status.FAILED,
                error=gettext(
                    "Pekerja latar berhenti sebelum selesai; dihitung ulang otomatis."
                ),
                finished_at=now,
            ):
                failed.append(run)
        alive = set(_live_runs(now).values_list("catalogue_id", flat=True))
        for catalogue_id in {run.catalogue_id for run in failed} - alive:
            # By name: reporting.tasks imports this module.
            enqueue_after_commit("reporting.tasks.recompute_year", catalogue_id)
        behind = now - datetime.timedelta(seconds=settings.SCORE_STALE_REQUEUE_SECONDS)
        for assessment_id in (
            Assessment.objects.exclude(status__in=UNSCORED)
            .filter(STALE, score_requests__gt=0, score_requested_at__lt=behind)
            .values_list("pk", flat=True)[:STALE_RESCORES_PER_SWEEP]
        ):
            enqueue_after_commit("reporting.tasks.score_assessment", assessment_id)
    return [run.pk for run in failed]
