"""Dashboard reads against five scored years (see conftest.py for the table)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from regions.models import Province
from reporting.models import Score
from reporting.selectors.dashboards import (
    answer_stage_counts,
    category_scores,
    predicate_distribution,
    province_progress,
    regency_progress,
)
from reporting.selectors.history import (
    Streak,
    current_streak,
    longest_streaks,
    regency_history,
    streak_years,
)
from reporting.selectors.progress import VerificationProgress

pytestmark = pytest.mark.django_db


def test_province_progress_counts_assessments_per_stage(scored_years):
    rows = {
        r.code: r
        for r in province_progress(catalogue=scored_years[2026], provinces=None)
    }
    assert len(rows) == 38
    assert rows["33"].counts == {"draft": 1, "verified": 1}
    assert rows["33"].regencies == 35 and rows["33"].opened == 2
    assert rows["18"].counts == {"verified": 1}
    assert rows["72"].counts == {"verifying": 1}
    assert rows["11"].counts == {} and rows["11"].opened == 0
    past = {
        r.code: r
        for r in province_progress(catalogue=scored_years[2024], provinces={"33"})
    }
    assert list(past) == ["33"] and past["33"].counts == {"final": 2}


def test_regency_progress_lists_every_regency_of_the_province(scored_years):
    province = Province.objects.get(code="33")
    rows = {
        r.regency.code: r
        for r in regency_progress(catalogue=scored_years[2026], province=province)
    }
    assert len(rows) == 35
    salatiga, banyumas = rows["33.73"], rows["33.02"]
    assert (salatiga.stage, salatiga.total, salatiga.predicate) == (
        "verified",
        D("79.00"),
        "Peduli HAM",
    )
    assert salatiga.earns_award and salatiga.answers == {"draft": 120}
    assert (banyumas.stage, banyumas.total) == ("draft", None)
    assert banyumas.progress == VerificationProgress(0, 120, complete=False)
    assert rows["33.71"].assessment_id is None and rows["33.71"].answers == {}


def test_predicate_distribution_follows_the_bands_and_counts_only_finished(
    scored_years,
):
    now = predicate_distribution(catalogue=scored_years[2026], provinces=None)
    # Palu's 81 is a working total (still in verification): not counted.
    assert [(r.label, r.earns_award, r.count) for r in now.rows] == [
        ("Peduli HAM", True, 2),
        ("Cukup Peduli HAM", False, 0),
        ("Mulai Peduli HAM", False, 0),
        ("Kurang Peduli HAM", False, 0),
    ]
    assert (now.finished, now.opened, now.unfinished) == (2, 4, 2)
    jateng_2024 = predicate_distribution(catalogue=scored_years[2024], provinces={"33"})
    assert {r.label: r.count for r in jateng_2024.rows}["Mulai Peduli HAM"] == 1
    assert (jateng_2024.finished, jateng_2024.unfinished) == (2, 0)
    palu_only = predicate_distribution(
        catalogue=scored_years[2026], provinces=None, province="72"
    )
    assert (palu_only.finished, palu_only.unfinished) == (0, 1)


def test_category_scores_come_from_the_breakdown(scored_years):
    score = Score.objects.get(
        assessment__regency_id="18.72", assessment__catalogue__year=2026
    )
    categories = category_scores(score)
    assert len(categories) == 10
    assert (categories[0].code, categories[0].score) == ("K01", D("90.5"))
    assert categories[-1].score == D("81.5")


def test_answer_stage_counts(scored_years):
    score = Score.objects.get(
        assessment__regency_id="33.73", assessment__catalogue__year=2026
    )
    assert answer_stage_counts(assessment=score.assessment) == {"draft": 120}


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ([], Streak()),
        ([(2024, False, True)], Streak()),
        ([(2022, True, True), (2023, True, True)], Streak(2, 2022, 2023)),
        # A missed year ends the streak; so does a year without a score.
        (
            [(2022, True, True), (2023, False, True), (2024, True, True)],
            Streak(1, 2024, 2024),
        ),
        ([(2021, True, True), (2023, True, True)], Streak(1, 2023, 2023)),
        # A year not final yet neither extends nor ends a streak.
        ([(2025, True, True), (2026, True, False)], Streak(1, 2025, 2025)),
        ([(2025, True, True), (2026, False, False)], Streak(1, 2025, 2025)),
        ([(2024, True, True), (2025, True, False)], Streak(1, 2024, 2024)),
        ([(2026, False, False)], Streak()),
    ],
)
def test_current_streak(results, expected):
    assert current_streak(results) == expected


def test_kota_metro_streak_counts_final_years_only(scored_years):
    from regions.models import Regency

    history = regency_history(regency=Regency.objects.get(code="18.72"))
    # 2026 is verified (a finished total, shown as provisional) but not published.
    assert [r.year for r in history.results] == [2022, 2023, 2024, 2025, 2026]
    assert history.streak == Streak(4, 2022, 2025)
    assert history.pending_years == [2026]
    assert history.has_sample
    assert [r.is_final for r in history.results] == [True] * 4 + [False]


def test_a_year_still_in_verification_shows_no_total_and_keeps_the_streak(
    scored_years,
):
    """Kota Metro's 2026 back in verification with 0.33 as its working total: the
    history leaves 2026 out and the four published award years still count."""
    from regions.models import Regency
    from reporting.models import Assessment

    metro_2026 = Assessment.objects.get(regency_id="18.72", catalogue__year=2026)
    Assessment.objects.filter(pk=metro_2026.pk).update(
        status=Assessment.Status.IN_VERIFICATION
    )
    Score.objects.filter(assessment=metro_2026).update(
        total=D("0.33"), predicate="Kurang Peduli HAM", earns_award=False
    )
    history = regency_history(regency=Regency.objects.get(code="18.72"))
    assert [r.year for r in history.results] == [2022, 2023, 2024, 2025]
    assert history.streak == Streak(4, 2022, 2025)
    assert history.pending_years == [2026]
    assert longest_streaks(provinces={"18"})[0].streak == Streak(4, 2022, 2025)
    assert streak_years(provinces=None) == [2022, 2023, 2024, 2025]


def test_longest_streaks_nationally_and_per_province(scored_years):
    national = [
        (r.code, r.streak.length, r.streak.last_year)
        for r in longest_streaks(provinces=None)
    ]
    # Only final years (2022-2025) count; 2026 is not published yet.
    assert national == [
        ("18.72", 4, 2025),
        ("33.02", 4, 2025),
        ("33.73", 1, 2025),
        ("72.71", 1, 2024),
    ]
    jateng = longest_streaks(provinces={"33"}, limit=1)
    assert [(r.code, r.name, r.province) for r in jateng] == [
        ("33.02", "Kabupaten Banyumas", "Jawa Tengah")
    ]
    assert streak_years(provinces={"72"}) == [2024]


def test_selectors_run_a_fixed_number_of_queries(
    scored_years, django_assert_num_queries
):
    catalogue = scored_years[2026]
    province = Province.objects.get(code="33")
    with django_assert_num_queries(2):
        province_progress(catalogue=catalogue, provinces=None)
    with django_assert_num_queries(3):
        regency_progress(catalogue=catalogue, province=province)
    with django_assert_num_queries(3):
        predicate_distribution(catalogue=catalogue, provinces=None)
    with django_assert_num_queries(1):
        longest_streaks(provinces=None)
