"""The best-region list: each criterion lets one kab/kota in and keeps one out, with
the reason shown; the year's settings move the outcome."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from aksiham.models import PeriodScore
from indicators.services import catalogue_copy_to_year
from portal.awards.selectors import AKSI, CASES, SCORE, STREAK, best_regions
from reporting.models import Assessment, Score, ViolationCase, YearSettings
from reporting.services.register import case_register
from tests.cast import aksi_year_closed

pytestmark = pytest.mark.django_db


def _past_award(catalogue, code: str) -> None:
    """A published award year of ``code`` for ``catalogue`` (a past year)."""
    assessment = Assessment.objects.create(
        regency_id=code, catalogue=catalogue, deadline=timezone.now()
    )
    Score.objects.create(
        assessment=assessment,
        base_total=Decimal(80),
        total=Decimal(80),
        hasil_points=Decimal(0),
        predicate="Peduli HAM",
        earns_award=True,
        is_final=True,
        rule_version="uji",
        breakdown={},
    )


def _aksi_year(year: int, scores: dict[str, int], assessor) -> None:
    plan, periods = aksi_year_closed(year)
    for code, score in scores.items():
        for period in periods:
            PeriodScore.objects.create(
                period=period,
                regency_id=code,
                plan=plan,
                substance=Decimal(score),
                administration=Decimal(score),
                score=Decimal(score),
                scored_by=assessor,
            )


@pytest.fixture
def year(scored_year, ministry):
    """Salatiga (pure 90): awards three years running, Aksi HAM 85, no case.
    Palu (pure 80): awards two years running, Aksi HAM 85, one case unresolved.
    Banyumas (pure 70): below the award this year, Aksi HAM 70."""
    y = scored_year.year
    for back, codes in ((1, ["33.73", "72.71"]), (2, ["33.73"])):
        past = catalogue_copy_to_year(catalogue=scored_year, year=y - back, actor=None)
        for code in codes:
            _past_award(past, code)
    _aksi_year(y - 1, {"33.73": 85, "72.71": 85, "33.02": 70}, ministry)
    from regions.models import Regency

    case_register(
        regency=Regency.objects.get(code="72.71"),
        title="Kasus uji",
        source=ViolationCase.Source.KANWIL,
        reference="KW-72-1",
        reported_on=datetime.date(y, 2, 1),
        actor=ministry,
    )
    return scored_year


def _rows(catalogue):
    return {r.code: r for r in best_regions(catalogue).rows}


def test_each_criterion_in_and_out_with_its_reason(year):
    rows = _rows(year)
    salatiga, palu, banyumas = rows["33.73"], rows["72.71"], rows["33.02"]
    assert salatiga.selected and not palu.selected and not banyumas.selected
    # Award streak: three years in, two years out.
    assert salatiga.criterion(STREAK).met
    assert (
        f"3 tahun berturut-turut ({year.year - 2}–{year.year})"
        in salatiga.criterion(STREAK).reason
    )
    assert palu.criterion(STREAK).met is False
    assert "2 tahun; perlu 3" in palu.criterion(STREAK).reason
    # Aksi HAM the year before: 85 in, 70 out.
    assert salatiga.criterion(AKSI).met
    assert banyumas.criterion(AKSI).met is False
    assert "70,00 (paling sedikit 80,00)" in banyumas.criterion(AKSI).reason
    # The register: none unresolved in, one unresolved out (named).
    assert salatiga.criterion(CASES).met
    assert palu.criterion(CASES).met is False
    assert "KW-72-1" in palu.criterion(CASES).reason
    # Highest score: weighed among the eligible only.
    assert salatiga.criterion(SCORE).met
    assert "urutan 1 dari 1" in salatiga.criterion(SCORE).reason
    assert palu.criterion(SCORE).met is None


def test_year_settings_change_the_outcome(year):
    ViolationCase.objects.all().delete()
    settings = YearSettings.objects.create(
        catalogue=year, best_years_running=2, best_count=1
    )
    rows = _rows(year)
    # Two years running now suffices: Palu is eligible, and loses on the score.
    assert rows["72.71"].criterion(STREAK).met
    assert rows["72.71"].criterion(SCORE).met is False
    assert "urutan 2 dari 2" in rows["72.71"].criterion(SCORE).reason
    assert [r.code for r in best_regions(year).selected] == ["33.73"]

    settings.best_count = 2
    settings.save()
    assert [r.code for r in best_regions(year).selected] == ["33.73", "72.71"]

    settings.best_min_aksi_score = Decimal(90)
    settings.save()
    assert best_regions(year).selected == []

    settings.best_min_aksi_score = Decimal(80)
    settings.best_rule = YearSettings.BestRule.ALL
    settings.best_count = 1
    settings.save()
    assert {r.code for r in best_regions(year).selected} == {"33.73", "72.71"}


def test_a_case_resolved_before_the_cutoff_no_longer_keeps_a_region_out(year, ministry):
    YearSettings.objects.create(catalogue=year, best_years_running=2, best_count=5)
    assert not _rows(year)["72.71"].criterion(CASES).met
    # The cut-off moved before the case was registered.
    YearSettings.objects.filter(catalogue=year).update(
        cutoff_date=datetime.date(year.year, 1, 31)
    )
    assert _rows(year)["72.71"].criterion(CASES).met


def test_the_page_and_xlsx_for_ministry_staff_only(
    year, client_for, ministry, regency_staff, verifier
):
    url = reverse("portal:best-regions", args=[year.year])
    page = client_for(ministry).get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-code="33.73" data-selected="ya"' in text
    assert 'data-code="72.71" data-selected="tidak"' in text
    assert "KW-72-1" in text and "2 tahun; perlu 3" in text
    assert client_for(regency_staff).get(url).status_code == 403
    assert client_for(verifier).get(url).status_code == 403
    assert (
        client_for(ministry)
        .get(reverse("portal:best-regions", args=[1990]))
        .status_code
        == 404
    )
    response = client_for(ministry).get(
        reverse("portal:best-regions-xlsx", args=[year.year])
    )
    assert response.status_code == 200
    import io

    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    salatiga = next(r for r in cells if r[0] == "33.73")
    assert salatiga[5] == "ya"
    palu = next(r for r in cells if r[0] == "72.71")
    assert palu[5] == "tidak" and "KW-72-1" in palu[9]
