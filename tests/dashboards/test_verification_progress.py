"""Scores mean what they say: until the Kanwil's verification of a kab/kota is
complete, people see its progress, not a total and a predicate that read like a
verdict; rankings count finished kab/kota only.

Kota Salatiga goes through the real workflow: one "ya" answer in K01, 13 of its 120
answers accepted (working total 0.33, "Kurang Peduli HAM" if it were a result), then
all accepted, forwarded, finalised and published. Banyumas and Palu are finished
(verified, 80.00 each) so that the ranking has a mix.
"""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse

from reporting.models import Answer, Assessment, Score
from reporting.selectors.progress import VerificationProgress, verification_progress
from reporting.selectors.scores import ranked
from reporting.services.answers import answer_save
from reporting.services.central import assessment_finalise, year_publish
from reporting.services.ranking import year_recompute
from reporting.services.verification import answers_accept_bulk, assessment_forward
from reporting.services.workflow import assessment_submit
from tests.cast import approve
from tests.clock import WIB

pytestmark = pytest.mark.django_db

SALATIGA_DASHBOARD = reverse("portal:dashboard-regency", args=["33.73"])
JATENG = reverse("portal:dashboard-province", args=["33"])
NOON = datetime.datetime(2026, 5, 12, 12, 0, tzinfo=WIB)


@pytest.fixture(autouse=True)
def _noon():
    # Verification season; the assessments' deadlines are 30 days after this.
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def thirteen(
    opened_year, regency_staff, verifier, django_capture_on_commit_callbacks
) -> Assessment:
    """Salatiga submitted with one "ya"; the Kanwil has accepted 13 of 120 answers."""
    for code, score in (("33.02", 80), ("72.71", 80)):
        Answer.objects.filter(
            assessment__regency_id=code, assessment__catalogue=opened_year
        ).update(status=Answer.Status.ACCEPTED, score=score)
        # Fixture shortcut for the other two: verified without the workflow.
        Assessment.objects.filter(regency_id=code, catalogue=opened_year).update(
            status=Assessment.Status.VERIFIED
        )
    year_recompute(catalogue_id=opened_year.pk)
    salatiga = Assessment.objects.get(regency_id="33.73", catalogue=opened_year)
    yes = salatiga.answers.get(
        indicator__answer_kind="yes_no", indicator__code="K01.S01"
    )
    answer_save(
        answer=yes, raw_value="ya", note="", expected_version=0, actor=regency_staff
    )
    approve(salatiga, regency_staff)
    assessment_submit(assessment=salatiga, actor=regency_staff)
    others = salatiga.answers.exclude(pk=yes.pk).order_by("pk")
    first = [yes.pk, *others.values_list("pk", flat=True)[:12]]
    with django_capture_on_commit_callbacks(execute=True):
        answers_accept_bulk(assessment=salatiga, actor=verifier, answer_ids=first)
    salatiga.refresh_from_db()
    return salatiga


def _accept_the_rest(assessment, verifier, capture) -> None:
    rest = list(
        assessment.answers.filter(status=Answer.Status.SUBMITTED).values_list(
            "pk", flat=True
        )
    )
    with capture(execute=True):
        answers_accept_bulk(assessment=assessment, actor=verifier, answer_ids=rest)


def body(client_for, user, url, status=200) -> str:
    response = client_for(user).get(url)
    assert response.status_code == status
    return response.content.decode()


def test_thirteen_accepted_is_progress_not_a_verdict(thirteen):
    assert verification_progress(thirteen) == VerificationProgress(13, 120, False)
    score = Score.objects.get(assessment=thirteen)
    assert (score.total, score.predicate) == (D("0.33"), "Kurang Peduli HAM")
    assert thirteen.pk not in set(
        ranked(thirteen.catalogue).values_list("assessment_id", flat=True)
    )


def test_at_13_of_120_the_region_sees_progress_only(
    client_for, thirteen, regency_staff, operator
):
    for user in (regency_staff, operator):
        page = body(client_for, user, SALATIGA_DASHBOARD)
        assert "13 dari 120 jawaban terverifikasi" in page
        assert "0,33" not in page and "Kurang Peduli HAM" not in page
        assert 'id="score-total"' not in page and "nilai-kategori" not in page
        # The year in verification is not in the history (no total for it).
        assert "Belum ada nilai dari tahun mana pun" in page
    explain = body(
        client_for,
        regency_staff,
        reverse("reporting:score-explain", args=[thirteen.pk]),
    )
    assert "13 dari 120 jawaban terverifikasi" in explain
    assert "0,33" not in explain and "Kurang Peduli HAM" not in explain
    assert "Lihat nilai kerja sementara" not in body(
        client_for, regency_staff, SALATIGA_DASHBOARD
    )
    home = body(client_for, regency_staff, reverse("portal:home"))
    assert "Verifikasi Kanwil: " in home and "13 dari 120 jawaban terverifikasi" in home


def test_at_13_of_120_verifier_and_assessor_see_a_labelled_working_total(
    client_for, thirteen, verifier, ministry, administrator
):
    url = reverse("reporting:score-explain", args=[thirteen.pk])
    for user in (verifier, ministry):
        page = body(client_for, user, url)
        working = page[page.index('id="working-score"') :]
        assert "Nilai kerja sementara, bukan hasil penilaian" in working
        assert 'id="score-total">0,33<' in working
        assert "Kurang Peduli HAM" not in page and "peringkat nasional" not in page
        assert "13 dari 120 jawaban terverifikasi" in page
        assert 'id="exports"' not in page
        dashboard = body(client_for, user, SALATIGA_DASHBOARD)
        assert "0,33" not in dashboard and "Lihat nilai kerja sementara" in dashboard
    # The administrator runs the portal, not the assessment: progress only.
    page = body(client_for, administrator, url)
    assert 'id="working-score"' not in page and "0,33" not in page


def test_at_13_of_120_the_kanwil_dashboard_shows_progress(
    client_for, thirteen, verifier
):
    page = body(client_for, verifier, JATENG)
    table = page[page.index('id="regencies"') :]
    row = table[table.index('href="/dasbor/wilayah/33.73/') :]
    row = row[: row.index("</tr>")]
    assert "13 dari 120 jawaban terverifikasi" in row
    assert "0,33" not in row and "Kurang Peduli HAM" not in row
    # The predicate split counts Banyumas only (Salatiga is not finished).
    assert "1 dari 2 penilaian yang dibuka masih diverifikasi" in page
    assert "Kurang Peduli HAM</th><td>0" in page.replace("\n", "")


def test_ranking_lists_the_unfinished_unranked_with_their_progress(
    client_for, thirteen, ministry
):
    page = body(
        client_for,
        ministry,
        reverse("reporting:ranking", args=[thirteen.catalogue.year]),
    )
    ranked_part = page[page.index('id="ranking"') : page.index('id="unfinished"')]
    assert "Kota Salatiga" not in ranked_part
    assert "Kabupaten Banyumas" in ranked_part and "Kota Palu" in ranked_part
    assert (
        "Peringkat dihitung dari 2 kabupaten/kota yang verifikasinya selesai; "
        "1 lainnya masih diverifikasi" in page
    )
    unfinished = page[page.index('id="unfinished"') :]
    assert "Kota Salatiga" in unfinished
    assert "13 dari 120 jawaban terverifikasi" in unfinished
    assert "0,33" not in page and "Kurang Peduli HAM: " not in page


def test_all_decided_but_not_forwarded_is_still_progress(
    client_for, thirteen, verifier, regency_staff, django_capture_on_commit_callbacks
):
    _accept_the_rest(thirteen, verifier, django_capture_on_commit_callbacks)
    thirteen.refresh_from_db()
    assert thirteen.status == Assessment.Status.IN_VERIFICATION
    page = body(client_for, regency_staff, SALATIGA_DASHBOARD)
    assert "120 dari 120 jawaban terverifikasi" in page
    assert 'id="score-total"' not in page and "Kurang Peduli HAM" not in page


def test_forwarded_then_published_shows_the_total_provisional_then_final(
    client_for, thirteen, verifier, ministry, regency_staff,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    _accept_the_rest(thirteen, verifier, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_forward(assessment=thirteen, actor=verifier)
    page = body(client_for, regency_staff, SALATIGA_DASHBOARD)
    assert 'id="score-total">0,33<' in page
    assert "Kurang Peduli HAM (sementara, belum diumumkan)" in page
    assert "jawaban terverifikasi" not in page
    ranking = body(
        client_for,
        ministry,
        reverse("reporting:ranking", args=[thirteen.catalogue.year]),
    )
    # Finished now: ranked third, after the 80.00 pair (tie broken by code).
    assert "Peringkat dihitung dari 3 kabupaten/kota" in ranking
    assert 'id="unfinished"' not in ranking
    assert list(
        ranked(thirteen.catalogue).values_list(
            "assessment__regency_id", "national_rank"
        )
    ) == [("33.02", 1), ("72.71", 2), ("33.73", 3)]

    with django_capture_on_commit_callbacks(execute=True):
        assessment_finalise(assessment=thirteen, actor=ministry)
        year_publish(
            catalogue=thirteen.catalogue,
            decree_number="KEP-UJI/2026",
            decree_date=datetime.date(2026, 5, 12),
            actor=ministry,
        )
    assert Score.objects.get(assessment=thirteen).is_final
    page = body(client_for, regency_staff, SALATIGA_DASHBOARD)
    assert 'id="score-total">0,33<' in page and "Kurang Peduli HAM" in page
    assert "sementara, belum diumumkan" not in page
    explain = body(
        client_for,
        regency_staff,
        reverse("reporting:score-explain", args=[thirteen.pk]),
    )
    assert "Nilai final" in explain and "peringkat nasional 3" in explain


def test_ranks_are_counted_among_finished_kab_kota_only(thirteen):
    """Even a working total above every finished one takes no place in the ranking."""
    Score.objects.filter(assessment=thirteen).update(total=D("99.00"))
    assert list(
        ranked(thirteen.catalogue).values_list(
            "assessment__regency_id", "national_rank", "province_rank"
        )
    ) == [("33.02", 1, 1), ("72.71", 2, 1)]
