"""`load_demo` adds five past sample years so that the dashboards show history."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.management import call_command

from indicators.models import Catalogue
from regions.models import Regency
from reporting.models import Assessment, Score
from reporting.selectors.history import longest_streaks, regency_history
from reporting.selectors.scores import ranked_score

pytestmark = pytest.mark.django_db


def test_demo_history_is_scored_by_the_service_and_labelled_as_sample(
    open_catalogue, capsys
):
    call_command("load_demo")
    past = Catalogue.objects.exclude(pk=open_catalogue.pk)
    assert sorted(past.values_list("year", flat=True)) == [2021, 2022, 2023, 2024, 2025]
    assert all(c.is_sample and c.status == "closed" for c in past)
    assert all(hasattr(c, "publication") for c in past)
    metro = regency_history(regency=Regency.objects.get(code="18.72"))
    assert [r.total for r in metro.results] == [D(80), D(82), D(85), D(88), D("90.5")]
    assert metro.streak.length == 5 and metro.pending_years == [2026]
    # The scoring service computed real breakdowns: categories spread around the total.
    score = Score.objects.get(
        assessment__regency_id="18.72", assessment__catalogue__year=2025
    )
    categories = [D(c["score"]) for c in score.breakdown["categories"]]
    assert categories[:2] == [D("94.50"), D("86.50")]
    assert sum(categories) / 10 == score.total == D("90.50")
    depok = Score.objects.get(
        assessment__regency_id="32.76", assessment__catalogue__year=2025
    )
    assert max(D(c["score"]) for c in depok.breakdown["categories"]) == D(100)
    assert depok.total == D("96.45")
    ranked = ranked_score(score.assessment_id, score.assessment.catalogue)
    assert score.is_final and ranked.national_rank >= 1
    assert longest_streaks(provinces={"33"})[0].code == "33.74"
    # The open sample year stays untouched for the demo journeys.
    assert not Score.objects.filter(assessment__catalogue=open_catalogue).exists()
    assert set(
        Assessment.objects.filter(catalogue=open_catalogue).values_list(
            "status", flat=True
        )
    ) == {"draft"}
    assert "Riwayat contoh: 5 tahun" in capsys.readouterr().out
    call_command("load_demo")  # repeatable
    assert Catalogue.objects.count() == 6
