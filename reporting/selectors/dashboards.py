"""Reads for the dashboards: progress per status, predicates, category scores, history.

Every function runs a fixed number of queries whatever the number of regions (grouped
aggregates, then Python); callers pass the provinces in the user's scope (None = all).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from indicators.models import Catalogue
from regions.models import Province, Regency
from reporting.models import Answer, Assessment, Score
from reporting.scoring import Breakdown
from reporting.selectors.progress import VerificationProgress, complete_filter

S = Assessment.Status
A = Answer.Status


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    tone: str
    statuses: tuple[str, ...]


# Five steps of the yearly cycle. A returned assessment is still in the
# verification cycle (the Kanwil is waiting for fixes), so it counts there.
ASSESSMENT_STAGES = (
    Stage("draft", _("Pengisian"), "secondary", (S.DRAFT,)),
    Stage("submitted", _("Dikirim"), "info", (S.SUBMITTED, S.RESUBMITTED)),
    Stage(
        "verifying", _("Dalam verifikasi"), "warning", (S.IN_VERIFICATION, S.RETURNED)
    ),
    Stage("verified", _("Terverifikasi"), "primary", (S.VERIFIED,)),
    Stage("final", _("Final"), "success", (S.FINAL, S.PUBLISHED)),
)
ANSWER_STAGES = (
    Stage("draft", _("Belum siap"), "secondary", (A.DRAFT,)),
    Stage("ready", _("Siap dikirim"), "info", (A.READY,)),
    Stage("submitted", _("Menunggu verifikasi"), "warning", (A.SUBMITTED, A.REVISED)),
    Stage("returned", _("Dikembalikan"), "danger", (A.RETURNED,)),
    Stage("accepted", _("Diterima"), "success", (A.ACCEPTED,)),
)


def _stage_of(stages: tuple[Stage, ...]) -> dict[str, str]:
    return {status: s.key for s in stages for status in s.statuses}


def dashboard_years() -> QuerySet[Catalogue]:
    """Catalogues that have been opened (open or closed), newest first."""
    return (
        Catalogue.objects.exclude(status=Catalogue.Status.DRAFT)
        .select_related("publication")
        .order_by("-year")
    )


@dataclass
class ProgressRow:
    code: str
    name: str
    regencies: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def opened(self) -> int:
        return sum(self.counts.values())


def province_progress(
    *, catalogue: Catalogue, provinces: set[str] | None
) -> list[ProgressRow]:
    """Assessments per stage for each province (two queries)."""
    qs = Province.objects.annotate(n=Count("regencies")).order_by("code")
    if provinces is not None:
        qs = qs.filter(code__in=provinces)
    rows = {p.code: ProgressRow(p.code, p.name, p.n) for p in qs}
    stage_of = _stage_of(ASSESSMENT_STAGES)
    counts = (
        Assessment.objects.filter(
            catalogue=catalogue, regency__province_id__in=list(rows)
        )
        .values_list("regency__province_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for code, status, n in counts:
        stage = stage_of[status]
        rows[code].counts[stage] = rows[code].counts.get(stage, 0) + n
    return list(rows.values())


@dataclass(frozen=True)
class RegencyStage:
    """A kab/kota's stage of the year for the progress map ("" = not opened)."""

    code: str
    name: str
    province: str
    stage: str


def regency_stages(
    *, catalogue: Catalogue, provinces: set[str] | None
) -> list[RegencyStage]:
    """Every kab/kota of the provinces (None = all) with its assessment's stage in
    the year (one query)."""
    qs = (
        Regency.objects.annotate(
            status=Subquery(
                Assessment.objects.filter(
                    catalogue=catalogue, regency=OuterRef("pk")
                ).values("status")[:1]
            )
        )
        .order_by("code")
        .values_list("code", "name", "province__name", "status")
    )
    if provinces is not None:
        qs = qs.filter(province_id__in=provinces)
    stage_of = _stage_of(ASSESSMENT_STAGES)
    return [
        RegencyStage(code, name, province, stage_of.get(status, "") if status else "")
        for code, name, province, status in qs
    ]


@dataclass
class RegencyRow:
    """One kab/kota of a province; ``total`` and ``predicate`` only once its
    verification is complete (before that, ``progress`` says how far it is)."""

    regency: Regency
    assessment_id: int | None = None
    stage: str = ""
    status_label: str = ""
    complete: bool = False
    answers: dict[str, int] = field(default_factory=dict)
    total: Decimal | None = None
    predicate: str = ""
    earns_award: bool = False

    @property
    def progress(self) -> VerificationProgress | None:
        if self.assessment_id is None:
            return None
        return VerificationProgress(
            self.answers.get("accepted", 0), sum(self.answers.values()), self.complete
        )


def regency_progress(*, catalogue: Catalogue, province: Province) -> list[RegencyRow]:
    """Each kab/kota of a province: stage, answers per stage, and its score once its
    verification is complete (two queries)."""
    rows = {
        r.code: RegencyRow(r)
        for r in Regency.objects.filter(province=province).order_by("code")
    }
    stage_of = _stage_of(ASSESSMENT_STAGES)
    labels = dict(S.choices)
    assessments = Assessment.objects.filter(
        catalogue=catalogue, regency__province=province
    ).values_list(
        "regency_id",
        "pk",
        "status",
        "score__total",
        "score__predicate",
        "score__earns_award",
    )
    for code, pk, status, total, predicate, award in assessments:
        row = rows[code]
        row.assessment_id, row.stage, row.status_label = (
            pk,
            stage_of[status],
            labels[status],
        )
        row.complete = status in Assessment.VERIFICATION_COMPLETE
        if row.complete:
            row.total, row.predicate = total, predicate or ""
            row.earns_award = bool(award)
    answer_stage = _stage_of(ANSWER_STAGES)
    counts = (
        Answer.objects.filter(
            assessment__catalogue=catalogue, assessment__regency__province=province
        )
        .values_list("assessment__regency_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for code, status, n in counts:
        stage = answer_stage[status]
        rows[code].answers[stage] = rows[code].answers.get(stage, 0) + n
    return list(rows.values())


def answer_stage_counts(*, assessment: Assessment) -> dict[str, int]:
    """One assessment's answers per stage (one query)."""
    stage_of = _stage_of(ANSWER_STAGES)
    counts: dict[str, int] = {}
    for status, n in (
        assessment.answers.order_by().values_list("status").annotate(n=Count("pk"))
    ):
        counts[stage_of[status]] = counts.get(stage_of[status], 0) + n
    return counts


@dataclass(frozen=True)
class PredicateCount:
    label: str
    earns_award: bool
    count: int


@dataclass
class PredicateDistribution:
    """Predicates of the kab/kota whose verification is complete (``finished``)."""

    rows: list[PredicateCount]
    finished: int
    opened: int

    @property
    def unfinished(self) -> int:
        return max(self.opened - self.finished, 0)


def predicate_distribution(
    *, catalogue: Catalogue, provinces: set[str] | None, province: str = ""
) -> PredicateDistribution:
    """Finished kab/kota per predicate in the catalogue's band order (three queries);
    a working total of one still in verification is not counted."""
    assessments = Assessment.objects.filter(catalogue=catalogue)
    if provinces is not None:
        assessments = assessments.filter(regency__province_id__in=provinces)
    if province:
        assessments = assessments.filter(regency__province_id=province)
    found = catalogue.bands.order_by("-min_score").values_list("label", "earns_award")
    counts: dict[tuple[str, bool], int] = dict.fromkeys(found, 0)
    for label, award, n in (
        Score.objects.filter(assessment__in=assessments.filter(complete_filter()))
        .values_list("predicate", "earns_award")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[(label, award)] = counts.get((label, award), 0) + n
    rows = [PredicateCount(label, award, n) for (label, award), n in counts.items()]
    return PredicateDistribution(
        rows=rows, finished=sum(counts.values()), opened=assessments.count()
    )


@dataclass(frozen=True)
class CategoryScore:
    code: str
    name: str
    score: Decimal


def category_scores(score: Score) -> list[CategoryScore]:
    """The category scores stored in a score's breakdown document."""
    return [
        CategoryScore(c.code, c.name, c.score) for c in Breakdown.of(score).categories
    ]
