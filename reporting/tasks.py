"""Thin tasks: each takes ids, calls a service, and is safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from indicators.models import Catalogue
from reporting.services import digest, ranking


@shared_task
def send_verifier_digest() -> int:
    """Once a day: one e-mail per verifier with the kab/kota waiting for them."""
    return digest.verifier_digest_send()


@shared_task(
    acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5
)
def score_assessment(assessment_id: int) -> str | None:
    """Recompute one assessment's score and its year's ranks; safe to run twice."""
    score = ranking.score_assessment(assessment_id=assessment_id)
    return str(score.total) if score else None


@shared_task(
    acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def recompute_year(catalogue_id: int, run_id: int | None = None) -> int:
    """Recompute a whole year in chunks; nothing changes for readers until the swap."""
    return ranking.year_recompute(catalogue_id=catalogue_id, run_id=run_id)


@shared_task
def sweep_score_runs() -> list[int]:
    """Every ten minutes: fail and requeue year recomputes whose worker died."""
    return ranking.score_runs_sweep()


@shared_task
def recompute_open_years() -> list[int]:
    """Nightly: recompute every year whose results are not yet published."""
    years = Catalogue.objects.filter(status=Catalogue.Status.OPEN, publication=None)
    return [recompute_year.delay(c.pk).id and c.year for c in years]
