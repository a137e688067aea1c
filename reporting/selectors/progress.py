"""How far the Kanwil's verification of a kab/kota has come.

The one rule for what a total means (``Assessment.VERIFICATION_COMPLETE``): until
the Kanwil has accepted every answer and forwarded the kab/kota to the ministry, a
stored total is a working figure. Dashboards, rankings and exports then show this
progress ("13 dari 120 jawaban terverifikasi"), not a total and a predicate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q

from reporting.models import Answer, Assessment


@dataclass(frozen=True)
class VerificationProgress:
    accepted: int
    total: int
    complete: bool


def complete_filter(prefix: str = "") -> Q:
    """Assessments (through ``prefix``, e.g. ``"assessment__"``) whose verification is complete."""
    return Q(**{f"{prefix}status__in": Assessment.VERIFICATION_COMPLETE})


def verification_progress(assessment: Assessment) -> VerificationProgress:
    """Accepted answers of one assessment out of all its answers (one query)."""
    counts = assessment.answers.aggregate(
        total=Count("pk"),
        accepted=Count("pk", filter=Q(status=Answer.Status.ACCEPTED)),
    )
    return VerificationProgress(
        counts["accepted"], counts["total"], assessment.verification_complete
    )


def progress_by_assessment(
    assessments: Iterable[Assessment],
) -> dict[int, VerificationProgress]:
    """The same for several assessments (one grouped query)."""
    by_pk = {a.pk: a for a in assessments}
    rows = (
        Answer.objects.filter(assessment_id__in=list(by_pk))
        .values_list("assessment_id")
        .annotate(
            total=Count("pk"),
            accepted=Count("pk", filter=Q(status=Answer.Status.ACCEPTED)),
        )
        .order_by()
    )
    found = {pk: (accepted, total) for pk, total, accepted in rows}
    return {
        pk: VerificationProgress(
            *found.get(pk, (0, 0)), complete=a.verification_complete
        )
        for pk, a in by_pk.items()
    }
