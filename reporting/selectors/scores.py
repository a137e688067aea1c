"""Reads for score pages: one assessment's breakdown, a year's ranking and province counts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Max,
    Q,
    QuerySet,
    Window,
)
from django.db.models.fields.json import KT
from django.db.models.functions import RowNumber

from indicators.models import Catalogue
from regions.models import Province
from reporting.models import Assessment, Score
from reporting.selectors.progress import (
    VerificationProgress,
    complete_filter,
    progress_by_assessment,
)

# The documented tie rules: higher total; more points from hasil (outcome)
# indicators; fewer answers ever returned by the Kanwil; lower Kemendagri code.
RANK_ORDER = [
    F("total").desc(),
    F("hasil_points").desc(),
    F("returned_count").asc(),
    F("assessment__regency_id").asc(),
]
_PROVINCE = "assessment__regency__province_id"


def _with_staleness(scores: QuerySet[Score]) -> QuerySet[Score]:
    # Computed before the latest decision: a rescore is queued or running.
    return scores.annotate(
        is_stale=ExpressionWrapper(
            Q(basis__lt=F("assessment__score_requests")),
            output_field=BooleanField(),
        )
    )


def ranked(catalogue: Catalogue, *, published_only: bool = False) -> QuerySet[Score]:
    """A year's finished scores with ``national_rank`` and ``province_rank`` derived when read.

    Only kab/kota whose verification is complete are ranked, and ranks are counted
    among them alone: a working total of a kab/kota still in verification is not a
    result. Ranks are window functions over the whole year, so a rescore writes only
    its own row and no stored rank can go stale. Narrow the result with ``within``
    (never with a plain ``filter``, which would rank only the rows left).
    ``published_only`` ranks the published results alone (the public pages).
    """
    finished = (
        Q(assessment__status=Assessment.Status.PUBLISHED)
        if published_only
        else complete_filter("assessment__")
    )
    return _with_ranks(
        _with_staleness(Score.objects.filter(finished, assessment__catalogue=catalogue))
    )


def published_ranking(catalogue: Catalogue) -> QuerySet[Score]:
    """A published year's results: the published kab/kota, ranked among themselves.

    The public's ranking (open data, the read API): a kab/kota verified but not
    finalised when the decree was recorded stays out, and is not counted in anyone's
    rank. In a year where every finished kab/kota was published this is ``ranked``.
    Narrow it with ``within`` as well.
    """
    return ranked(catalogue, published_only=True)


def _with_ranks(scores: QuerySet[Score]) -> QuerySet[Score]:
    return scores.annotate(
        national_rank=Window(RowNumber(), order_by=RANK_ORDER),
        province_rank=Window(
            RowNumber(), partition_by=[F(_PROVINCE)], order_by=RANK_ORDER
        ),
        # The same values as window expressions: filters on these are applied
        # after the ranks are computed (Django wraps the query for them).
        ranked_province=Window(Max(_PROVINCE), partition_by=[F(_PROVINCE)]),
        ranked_assessment=Window(Max("assessment_id"), partition_by=[F("pk")]),
    ).order_by("national_rank")


def within(
    scores: QuerySet[Score],
    *,
    provinces: set[str] | None = None,
    province: str = "",
    assessment_id: int | None = None,
) -> QuerySet[Score]:
    """Keep some rows of ``ranked(...)`` without changing their ranks."""
    if provinces is not None:
        scores = scores.filter(ranked_province__in=provinces)
    if province:
        scores = scores.filter(ranked_province=province)
    if assessment_id is not None:
        scores = scores.filter(ranked_assessment=assessment_id)
    return scores


def ranked_score(assessment_id: int, catalogue: Catalogue) -> Score | None:
    """One assessment's score with its ranks in the year, or None."""
    return (
        within(ranked(catalogue), assessment_id=assessment_id)
        .select_related("assessment__regency__province")
        .first()
    )


def working_score(assessment_id: int) -> Score | None:
    """A score as stored, without ranks: the working total of a kab/kota still in
    verification, for the staff who may see it (``permissions.can_view_working_score``)."""
    return (
        _with_staleness(Score.objects.filter(assessment_id=assessment_id))
        .select_related("assessment__regency__province")
        .first()
    )


def ranking(
    *,
    catalogue: Catalogue,
    provinces: set[str] | None,
    province: str = "",
    top: int | None = None,
    with_breakdown: bool = True,
) -> QuerySet[Score]:
    """A year's ranked rows; a page that lists them leaves the breakdown documents
    (about 9 KB each) unread with ``with_breakdown=False``."""
    qs = within(
        ranked(catalogue).select_related("assessment__regency__province"),
        provinces=provinces,
        province=province,
    )
    if not with_breakdown:
        qs = qs.defer("breakdown")
    return qs[:top] if top else qs


def category_score_fields(count: int) -> dict[str, KT]:
    """Each category's code and score read by the database from the score's
    ``category_scores`` (``count``: the year's number of categories), for
    ``annotate``. Read the values back with ``category_scores``."""
    return {
        f"category_{i}_{key}": KT(f"category_scores__{i}__{key}")
        for i in range(count)
        for key in ("code", "score")
    }


def category_scores(row: Mapping[str, Any], count: int) -> dict[str, Decimal]:
    """``Breakdown.of(score).category_scores()`` for a row read with
    ``category_score_fields`` (e.g. from ``values()``)."""
    found = {}
    for i in range(count):
        code = row[f"category_{i}_code"]
        if code is not None:
            found[code] = Decimal(row[f"category_{i}_score"] or "0")
    return found


@dataclass
class ProvinceSummary:
    province: Province
    regencies: int
    finished: int  # kab/kota whose verification is complete
    awarded: int
    share: Decimal
    pembina: bool


def province_summaries(
    *, catalogue: Catalogue, provinces: set[str] | None, published_only: bool = False
) -> list[ProvinceSummary]:
    """Predicate counts per province and the "pembina" share (awarded / all its kab/kota).

    Only finished kab/kota (verification complete) count as awarded; with
    ``published_only``, only published ones (the public pages).
    """
    finished = Q(regencies__assessments__catalogue=catalogue) & (
        Q(regencies__assessments__status=Assessment.Status.PUBLISHED)
        if published_only
        else complete_filter("regencies__assessments__")
    )
    qs = Province.objects.annotate(
        n_regencies=Count("regencies", distinct=True),
        n_finished=Count(
            "regencies__assessments__score", distinct=True, filter=finished
        ),
        n_awarded=Count(
            "regencies__assessments__score",
            distinct=True,
            filter=finished & Q(regencies__assessments__score__earns_award=True),
        ),
    ).order_by("code")
    if provinces is not None:
        qs = qs.filter(code__in=provinces)
    threshold = catalogue.pembina_min_share
    rows = []
    for p in qs:
        share = (
            (Decimal(100) * p.n_awarded / p.n_regencies).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            if p.n_regencies
            else Decimal(0)
        )
        rows.append(
            ProvinceSummary(
                p, p.n_regencies, p.n_finished, p.n_awarded, share, share >= threshold
            )
        )
    return rows


def predicate_counts(scores: QuerySet[Score]) -> list[tuple[str, int]]:
    return list(
        scores.order_by()
        .values_list("predicate")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )


@dataclass
class UnfinishedRow:
    """A kab/kota of the year still in verification: its progress, never a rank."""

    assessment: Assessment
    progress: VerificationProgress


def unfinished_assessments(
    *, catalogue: Catalogue, provinces: set[str] | None, province: str = ""
) -> QuerySet[Assessment]:
    """The year's kab/kota whose verification is not complete, by code."""
    qs = (
        Assessment.objects.filter(catalogue=catalogue)
        .exclude(complete_filter())
        .select_related("regency__province")
        .order_by("regency_id")
    )
    if provinces is not None:
        qs = qs.filter(regency__province_id__in=provinces)
    if province:
        qs = qs.filter(regency__province_id=province)
    return qs


def unfinished_rows(assessments: list[Assessment]) -> list[UnfinishedRow]:
    """Some of those kab/kota with their progress (one more query)."""
    progress = progress_by_assessment(assessments)
    return [UnfinishedRow(a, progress[a.pk]) for a in assessments]


def unfinished(
    *, catalogue: Catalogue, provinces: set[str] | None, province: str = ""
) -> list[UnfinishedRow]:
    """Every kab/kota of the year still in verification, with its progress."""
    return unfinished_rows(
        list(
            unfinished_assessments(
                catalogue=catalogue, provinces=provinces, province=province
            )
        )
    )
