from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from django.db import OperationalError

from reporting.models import Answer, Assessment, Score, ScoreRun
from reporting.scoring import LINE_FIELDS, Breakdown, category_scores_of
from reporting.selectors.scores import ranked, ranked_score
from reporting.services import ranking
from reporting.services.answers import answer_save
from reporting.services.verification import (
    answers_accept_bulk,
    assessment_forward,
    indicator_score,
)
from reporting.tasks import recompute_year, score_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(verifier, regency_staff, submitted, django_capture_on_commit_callbacks):
    """Every Salatiga answer accepted and the kab/kota forwarded to the ministry (its
    verification complete); the scoring task ran after commit."""
    with django_capture_on_commit_callbacks(execute=True):
        answers_accept_bulk(
            assessment=submitted,
            actor=verifier,
            answer_ids=list(submitted.answers.values_list("pk", flat=True)),
        )
        assessment_forward(assessment=submitted, actor=verifier)
    submitted.refresh_from_db()
    return submitted


def test_acceptance_fixes_each_indicator_score_and_the_task_stores_the_total(accepted):
    answers = accepted.answers.select_related("indicator")
    assert all(a.score is not None for a in answers)
    # Nothing was filled (no values, no evidence): every kind scores 0 but counts.
    assert {a.score for a in answers} == {D(0)}
    score = ranked_score(accepted.pk, accepted.catalogue)
    assert score.total == 0
    assert score.predicate == "Kurang Peduli HAM"
    assert score.national_rank == 1 and score.province_rank == 1
    assert score.breakdown["counted_as_zero"] == []
    assert len(score.breakdown["categories"]) == 10


def test_a_yes_answer_scores_full_points_of_its_share(
    regency_staff, verifier, assessment, django_capture_on_commit_callbacks
):
    from reporting.services.workflow import assessment_submit
    from tests.cast import approve

    yes_no = assessment.answers.filter(
        indicator__answer_kind="yes_no", indicator__category__code="K01"
    ).first()
    answer_save(
        answer=yes_no, raw_value="ya", note="", expected_version=0, actor=regency_staff
    )
    approve(assessment, regency_staff)
    assessment_submit(assessment=assessment, actor=regency_staff)
    with django_capture_on_commit_callbacks(execute=True):
        answers_accept_bulk(
            assessment=assessment,
            actor=verifier,
            answer_ids=list(assessment.answers.values_list("pk", flat=True)),
        )
    yes_no.refresh_from_db()
    assert yes_no.score == 100
    # K01 has 3 struktur indicators of weight 1: 10 × 1 × 100 / (100 × 3) = 3.3333 points,
    # category K01 = 100 × 3.3333 / 100 = 3.33; total = 3.33 / 10 categories = 0.33
    score = Score.objects.get(assessment=assessment)
    k01 = next(c for c in score.breakdown["categories"] if c["code"] == "K01")
    assert k01["score"] == "3.33"
    assert score.total == D("0.33")


def test_recomputing_twice_gives_the_same_rows(accepted):
    ranking.score_assessment(assessment_id=accepted.pk)
    first = (
        ranked(accepted.catalogue)
        .values("total", "breakdown", "national_rank", "predicate")
        .get()
    )
    ranking.score_assessment(assessment_id=accepted.pk)
    ranking.year_recompute(catalogue_id=accepted.catalogue_id)
    assert Score.objects.count() == 1
    assert (
        ranked(accepted.catalogue)
        .values("total", "breakdown", "national_rank", "predicate")
        .get()
        == first
    )


def test_a_failed_attempt_is_retried(accepted, monkeypatch):
    real = ranking.score_assessment
    calls = []

    def flaky(*, assessment_id):
        calls.append(assessment_id)
        if len(calls) == 1:
            raise OperationalError("koneksi basis data terputus")
        return real(assessment_id=assessment_id)

    monkeypatch.setattr(ranking, "score_assessment", flaky)
    Score.objects.all().delete()
    # throw=False: let Celery handle the Retry as a worker would, instead of raising it.
    result = score_assessment.apply(args=[accepted.pk], throw=False)
    assert len(calls) == 2
    assert result.get() == "0.00"
    assert Score.objects.filter(assessment=accepted).exists()


def test_the_breakdown_is_stored_as_written_with_its_category_scores_beside_it(
    scored_year,
):
    """The document keeps the text the service wrote (key order and all) on every
    database, and the category scores that lists read agree with it."""
    from django.db import connection

    for score in Score.objects.filter(assessment__catalogue=scored_year):
        breakdown = Breakdown.of(score)
        assert breakdown.total == score.total
        assert category_scores_of(score.category_scores) == breakdown.category_scores()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT breakdown FROM reporting_score WHERE id = %s", [score.pk]
            )
            (text,) = cursor.fetchone()
        assert text.startswith('{"categories":[{"code":"')
        assert json.loads(text) == score.breakdown
    salatiga = Score.objects.get(
        assessment__catalogue=scored_year, assessment__regency_id="33.73"
    )
    assert {c["score"] for c in salatiga.category_scores} == {"90.00"}


def test_year_recompute_records_progress(accepted):
    run = ScoreRun.objects.create(catalogue=accepted.catalogue)
    assert recompute_year.apply(args=[accepted.catalogue_id, run.pk]).get() == 1
    run.refresh_from_db()
    assert (run.status, run.done, run.total) == ("done", 1, 1)


def test_drafts_are_not_scored(assessment):
    assert ranking.score_assessment(assessment_id=assessment.pk) is None
    assert not Score.objects.exists()


def _score(assessment, total, hasil, returned):
    return Score.objects.create(
        assessment=assessment,
        base_total=total,
        total=total,
        hasil_points=hasil,
        returned_count=returned,
        predicate="x",
        rule_version="t",
        breakdown={},
    )


def test_ties_break_by_hasil_then_returns_then_code(opened_year):
    from reporting.services.assessments import assessments_open

    assessments_open(
        catalogue=opened_year,
        deadline=Assessment.objects.first().deadline,
        actor=None,
        regency_codes=["33.71", "33.72", "33.74"],
    )
    # Ranked kab/kota are those whose verification is complete; 33.74 is still in
    # verification with a working total above all of them and takes no place.
    Assessment.objects.update(status=Assessment.Status.VERIFIED)
    Assessment.objects.filter(regency_id="33.74").update(
        status=Assessment.Status.IN_VERIFICATION
    )
    by_code = {a.regency_id: a for a in Assessment.objects.all()}
    _score(by_code["33.74"], D("99.00"), D("60.00"), 0)
    _score(by_code["33.73"], D("80.00"), D("40.00"), 0)
    _score(by_code["33.02"], D("80.00"), D("45.00"), 3)  # same total, more hasil
    _score(
        by_code["33.71"], D("80.00"), D("40.00"), 2
    )  # same as 33.73 but more returns
    _score(by_code["33.72"], D("80.00"), D("40.00"), 0)  # same as 33.73: code decides
    _score(by_code["72.71"], D("80.01"), D("0.00"), 9)  # highest total wins outright
    order = list(
        ranked(opened_year).values_list(
            "assessment__regency_id", "national_rank", "province_rank"
        )
    )
    assert order == [
        ("72.71", 1, 1),
        ("33.02", 2, 1),
        ("33.72", 3, 2),
        ("33.73", 4, 3),
        ("33.71", 5, 4),
    ]


def test_answer_score_uses_the_answer_kind(dinkes_answer, operator):
    answer_save(
        answer=dinkes_answer,
        raw_value="87,5",
        note="",
        expected_version=0,
        actor=operator,
    )
    dinkes_answer.refresh_from_db()
    assert indicator_score(dinkes_answer) == D("87.5")
    assert Answer.Status.ACCEPTED == "accepted"


def test_explain_page_by_role(
    client_for, accepted, regency_staff, verifier, foreign_verifier, operator, ministry
):
    from django.urls import reverse

    url = reverse("reporting:score-explain", args=[accepted.pk])
    for user in (regency_staff, verifier, ministry):
        response = client_for(user).get(url)
        assert response.status_code == 200
        body = response.content.decode()
        # Indonesian number formatting: decimal comma.
        assert 'id="score-total">0,00<' in body
    assert client_for(operator).get(url).status_code == 403
    assert client_for(foreign_verifier).get(url).status_code == 404


def test_explain_page_speaks_indonesian_numbers_and_statuses(
    client_for, accepted, regency_staff
):
    from django.urls import reverse

    score = Score.objects.get(assessment=accepted)
    doc = score.breakdown
    doc["categories"][0]["score"] = "74.0000"
    line = doc["categories"][0]["types"][0]["indicators"][0]
    line[LINE_FIELDS.index("points")] = "2.4667"
    line[LINE_FIELDS.index("weight")] = "1.5"
    Score.objects.filter(pk=score.pk).update(breakdown=doc, total=D("74.00"))
    url = reverse("reporting:score-explain", args=[accepted.pk])
    body = client_for(regency_staff).get(url).content.decode()
    assert "— 74,00" in body
    assert "<td>2,4667</td>" in body
    assert "<td>1,50</td>" in body
    assert 'id="score-total">74,00<' in body
    assert f"<td>{Answer.Status.ACCEPTED.label}</td>" in body
    for raw in ("74.0000", "2.4667", "<td>accepted</td>"):
        assert raw not in body


def test_ranking_page_scope(
    client_for, accepted, verifier, foreign_verifier, ministry, regency_staff
):
    from django.urls import reverse

    url = reverse("reporting:ranking", args=[accepted.catalogue.year])
    national = client_for(ministry).get(url)
    assert national.status_code == 200
    assert "Kota Salatiga" in national.content.decode()
    assert "sementara" in national.content.decode()
    own = client_for(verifier).get(url).content.decode()
    assert "Kota Salatiga" in own
    other = client_for(foreign_verifier).get(url)
    assert other.status_code == 200
    assert "Kota Salatiga" not in other.content.decode()
    # Kanwil Sulawesi Tengah covers Sulawesi Utara, Sulawesi Tengah and Gorontalo.
    assert [s.province.code for s in other.context["summaries"]] == ["71", "72", "75"]
    assert client_for(regency_staff).get(url).status_code == 403


def test_pembina_share_counts_all_regencies_of_the_province(accepted):
    from reporting.selectors.scores import province_summaries

    Score.objects.filter(assessment=accepted).update(earns_award=True)
    rows = {
        r.province.code: r
        for r in province_summaries(catalogue=accepted.catalogue, provinces=None)
    }
    # Jawa Tengah has 35 kab/kota: 1 awarded → 2.86% < 60% → not pembina
    assert (rows["33"].regencies, rows["33"].awarded, rows["33"].share) == (
        35,
        1,
        D("2.86"),
    )
    assert rows["33"].pembina is False
