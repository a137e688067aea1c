"""Kanwil decisions, the ministry's period scores, the yearly mean and the KKPHAM bonus."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from aksiham.models import ActionPlan, ActionReport
from aksiham.services.reports import report_evidence_attach, report_submit
from aksiham.services.scoring import (
    period_score_record,
    period_score_value,
    yearly_mean,
    yearly_score,
)
from aksiham.services.verification import report_accept, report_return
from kernel.errors import Refusal
from notices.models import Notification
from regions.selectors import office_of
from tests.aksiham.moments import B04_GRACE, IN_B04
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db
S = ActionReport.Status
D = Decimal


@pytest.fixture
def sent(draft, regency_staff):
    report_evidence_attach(
        report=draft, uploads=[pdf_upload()], actor=regency_staff, now=IN_B04
    )
    return report_submit(
        report=ActionReport.objects.get(pk=draft.pk), actor=regency_staff, now=IN_B04
    )


def test_the_province_verifier_accepts(sent, verifier):
    report = report_accept(report=sent, actor=verifier)
    assert (report.status, report.reviewed_by) == (S.ACCEPTED, verifier)


def test_a_return_needs_a_reason_and_tells_the_region(sent, verifier, regency_staff):
    with pytest.raises(Refusal, match="alasan"):
        report_return(report=sent, reasons=[], note=" ", actor=verifier)
    report = report_return(
        report=sent,
        reasons=["missing_signature"],
        note="Belum bertanda tangan",
        actor=verifier,
    )
    assert report.status == S.RETURNED
    notice = Notification.objects.get(recipient=regency_staff)
    assert "dikembalikan" in notice.subject
    assert "ditandatangani" in notice.body


@pytest.mark.clock
def test_a_returned_report_is_fixed_and_resent_after_close(
    sent, verifier, regency_staff
):
    report = report_return(report=sent, reasons=["incomplete"], note="", actor=verifier)
    # The Kanwil returned it just now; the fix window runs from the return, not the period.
    report = report_submit(report=report, actor=regency_staff)
    assert report.status == S.RESUBMITTED
    assert report.is_late is False


def test_other_provinces_and_the_author_cannot_decide(
    sent, foreign_verifier, regency_staff, salatiga
):
    with pytest.raises(Refusal, match="provinsi ini"):
        report_accept(report=sent, actor=foreign_verifier)
    from accounts.models import Role
    from accounts.services import role_grant

    role_grant(
        user=regency_staff,
        role=Role.VERIFIER,
        actor=None,
        office=office_of(salatiga.province_id),
    )
    with pytest.raises(Refusal, match="orang lain"):
        report_accept(report=ActionReport.objects.get(pk=sent.pk), actor=regency_staff)


def test_a_draft_cannot_be_decided(draft, verifier):
    with pytest.raises(Refusal, match="tidak ada yang perlu"):
        report_accept(report=draft, actor=verifier)


@pytest.mark.parametrize(
    ("substance", "administration", "weight", "expected"),
    [
        (80, 60, 50, "70.00"),
        (80, 60, 70, "74.00"),
        (D("33.33"), D("66.67"), 50, "50.00"),
        (100, 0, 0, "0.00"),
    ],
)
def test_period_score_is_the_weighted_mean(substance, administration, weight, expected):
    assert period_score_value(
        substance=D(substance),
        administration=D(administration),
        substance_weight=D(weight),
    ) == D(expected)


def test_yearly_score_rules_for_a_missing_period():
    parts = {"B04": D(80), "B08": D(70), "B12": None}
    assert yearly_mean(parts, ActionPlan.MissingPeriod.ZERO) == D("50.00")
    assert yearly_mean(parts, ActionPlan.MissingPeriod.SKIP) == D("75.00")
    assert yearly_mean({"B04": None, "B08": None, "B12": None}, "zero") is None
    assert yearly_mean({"B04": D(90), "B08": D(85), "B12": D(81)}, "zero") == D("85.33")


@pytest.mark.clock
def test_the_ministry_scores_after_close_once_nothing_waits(
    sent, verifier, ministry, b04, salatiga, periods
):
    with pytest.raises(Refusal, match="masih berjalan"):
        period_score_record(
            period=b04,
            regency=salatiga,
            substance=D(80),
            administration=D(90),
            note="",
            actor=ministry,
            now=IN_B04,
        )
    with pytest.raises(Refusal, match="menunggu verifikasi"):
        period_score_record(
            period=b04,
            regency=salatiga,
            substance=D(80),
            administration=D(90),
            note="",
            actor=ministry,
            now=B04_GRACE,
        )
    with pytest.raises(Refusal, match="Tim Penilai"):
        period_score_record(
            period=b04,
            regency=salatiga,
            substance=D(80),
            administration=D(90),
            note="",
            actor=verifier,
            now=B04_GRACE,
        )
    report_accept(report=sent, actor=verifier)
    record = period_score_record(
        period=b04,
        regency=salatiga,
        substance=D(80),
        administration=D(90),
        note="",
        actor=ministry,
        now=B04_GRACE,
    )
    assert record.score == D("85.00")
    yearly = yearly_score(regency_code="33.73", year=2026)
    assert yearly.parts == {"B04": D("85.00"), "B08": None, "B12": None}
    assert yearly.score == D("28.33")  # the plan counts missing periods as zero
    assert not yearly.complete
    assert "B04 85,00" in yearly.explain()


def test_scores_outside_0_100_are_refused(ministry, b04, salatiga, periods):
    with pytest.raises(Refusal, match="antara 0 dan 100"):
        period_score_record(
            period=b04,
            regency=salatiga,
            substance=D(101),
            administration=D(90),
            note="",
            actor=ministry,
            now=B04_GRACE,
        )


LATE = datetime.datetime(2027, 1, 10, tzinfo=datetime.UTC)


@pytest.fixture
def kkpham_with_aksiham(plan, periods, ministry, salatiga, open_catalogue):
    """Score Salatiga's 2026 periods, then a KKPHAM assessment whose data year is 2026
    (bonus limit 5): ``kkpham_with_aksiham({"B04": (substance, administration)})``."""
    from reporting.models import Assessment

    def make(scores: dict[str, tuple[int, int]], status: str = "draft"):
        for code, (substance, administration) in scores.items():
            period_score_record(
                period=periods[code],
                regency=salatiga,
                substance=D(substance),
                administration=D(administration),
                note="",
                actor=ministry,
                now=LATE,
            )
        open_catalogue.data_year = 2026
        open_catalogue.bonus_max = D(5)
        open_catalogue.save()
        return Assessment.objects.create(
            regency=salatiga, catalogue=open_catalogue, deadline=LATE, status=status
        )

    return make


def test_the_yearly_score_is_offered_as_the_kkpham_bonus(kkpham_with_aksiham):
    from aksiham.services.bonus import bonus_offer

    assessment = kkpham_with_aksiham(
        {"B04": (90, 90), "B08": (80, 80), "B12": (70, 70)}
    )
    offer = bonus_offer(assessment)
    assert offer.yearly.score == D("80.00")
    assert offer.points == D("4.00")
    assert "Aksi HAM 2026" in offer.basis


def test_the_assessor_adds_the_offered_bonus_in_the_console(
    kkpham_with_aksiham, ministry, client_for
):
    from django.urls import reverse

    from reporting.models import Adjustment

    assessment = kkpham_with_aksiham(
        {"B04": (80, 60), "B08": (80, 60), "B12": (80, 60)}, status="verified"
    )
    client = client_for(ministry)
    page = client.get(
        reverse("admin:reporting_assessment_review", args=[assessment.pk])
    ).content.decode()
    assert "aksiham-bonus" in page and "bonus yang ditawarkan 3,50" in page
    client.post(
        reverse("admin:reporting_assessment_aksiham_bonus", args=[assessment.pk])
    )
    bonus = Adjustment.objects.get(assessment=assessment)
    assert (bonus.kind, bonus.points) == ("bonus", D("3.50"))
    assert "Aksi HAM 2026" in bonus.basis
    client.post(
        reverse("admin:reporting_assessment_aksiham_bonus", args=[assessment.pk])
    )
    assert Adjustment.objects.filter(assessment=assessment).count() == 1


def test_the_bonus_basis_is_indonesian_and_added_once_in_any_language(
    kkpham_with_aksiham, ministry
):
    from django.utils import translation

    from aksiham.services.bonus import bonus_apply
    from reporting.models import Adjustment

    assessment = kkpham_with_aksiham({"B04": (90, 90)}, status="verified")
    with translation.override("en"):
        bonus_apply(assessment=assessment, actor=ministry)
    assert Adjustment.objects.get(assessment=assessment).basis.startswith(
        "Nilai Aksi HAM 2026: 30,00. Rerata"
    )
    with (
        translation.override("id"),
        pytest.raises(Refusal, match="sudah ditambahkan"),
    ):
        bonus_apply(assessment=assessment, actor=ministry)
