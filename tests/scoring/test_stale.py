"""A rescore that fails for good leaves a visible, retried state, never a silently
stale total."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from reporting.models import Score
from reporting.selectors.scores import working_score
from reporting.services import ranking
from reporting.services.verification import answer_accept, answers_accept_bulk

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(submitted, verifier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answers_accept_bulk(
            assessment=submitted,
            actor=verifier,
            answer_ids=list(
                submitted.answers.exclude(indicator__answer_kind="yes_no").values_list(
                    "pk", flat=True
                )
            ),
        )
    return submitted


def _broken(*args, **kwargs):
    raise OperationalError("deadlock detected")


def test_a_rescore_that_failed_for_good_is_shown_and_queued_again(
    scored,
    verifier,
    monkeypatch,
    client_for,
    ministry,
    django_capture_on_commit_callbacks,
):
    before = Score.objects.get(assessment=scored)
    scored.refresh_from_db()
    # The score was computed from the latest request: not stale.
    assert before.basis == scored.score_requests >= 1
    yes_no = scored.answers.filter(indicator__answer_kind="yes_no").first()
    yes_no.raw_value, yes_no.value = "ya", True
    yes_no.save(update_fields=["raw_value", "value"])

    answer_accept(answer=yes_no, actor=verifier)
    # Its rescore fails for good (as if deadlocked on every try, past its retries).
    monkeypatch.setattr(ranking, "_results_for", _broken)
    with pytest.raises(OperationalError):
        ranking.score_assessment(assessment_id=scored.pk)
    monkeypatch.undo()

    score = working_score(scored.pk)
    assert score.total == before.total  # the old total is still there ...
    assert score.is_stale  # ... and says so
    assert list(ranking.stale_scores(scored.catalogue)) == [scored]
    page = client_for(ministry).get(
        reverse("reporting:score-explain", args=[scored.pk])
    )
    assert 'id="score-stale"' in page.content.decode()

    # The sweep leaves a fresh request to its own task ...
    with django_capture_on_commit_callbacks(execute=True):
        ranking.score_runs_sweep()
    assert ranking.stale_scores(scored.catalogue).exists()
    # ... and queues one still stale a while later: the score catches up.
    later = timezone.now() + datetime.timedelta(
        seconds=settings.SCORE_STALE_REQUEUE_SECONDS + 1
    )
    with django_capture_on_commit_callbacks(execute=True):
        ranking.score_runs_sweep(now=later)
    score = working_score(scored.pk)
    assert not score.is_stale
    assert score.total > before.total
    assert not ranking.stale_scores(scored.catalogue).exists()
