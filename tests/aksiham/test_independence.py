"""Aksi HAM decisions follow the same independence rule as KKPHAM: every writer and
uploader of the report's history, and everyone who held a role in the kab/kota
during the year, is kept out (Kanwil decisions and the ministry's period scores)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.models import Role, RoleAssignment
from accounts.services import role_grant, role_revoke
from aksiham.models import ActionAssignment, ActionReport
from aksiham.services.reports import (
    report_evidence_attach,
    report_evidence_remove,
    report_save,
    report_submit,
)
from aksiham.services.scoring import period_score_record
from aksiham.services.verification import report_accept, report_return
from kernel.errors import Refusal
from regions.selectors import office_of
from tests.aksiham.moments import B04_GRACE, IN_B04
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db
S = ActionReport.Status


def _to_the_kanwil(user, administrator, province) -> None:
    role_revoke(assignment=user.role_assignments.get(), actor=administrator)
    role_grant(user=user, role=Role.VERIFIER, actor=None, office=office_of(province.pk))


@pytest.fixture
def worked_on_by_operator(draft, action1, salatiga, operator, regency_staff):
    """The operator wrote part of the report and uploaded a file that was later
    replaced; the coordinator saved last and sent it."""
    ActionAssignment.objects.create(
        action=action1, regency=salatiga, agency=operator.role_assignments.get().agency
    )
    report = report_save(
        report=draft,
        actor=operator,
        achievement="Draf dari OPD",
        narrative="",
        achievement_percent=None,
        version=draft.version,
        now=IN_B04,
    )
    first = report_evidence_attach(
        report=report, uploads=[pdf_upload("lama.pdf")], actor=operator, now=IN_B04
    )[0]
    report_evidence_remove(evidence=first, actor=regency_staff, now=IN_B04)
    report = ActionReport.objects.get(pk=draft.pk)
    report = report_save(
        report=report,
        actor=regency_staff,
        achievement="Rancangan peraturan sudah dibahas",
        narrative="",
        achievement_percent=None,
        version=report.version,
        now=IN_B04,
    )
    report_evidence_attach(
        report=report, uploads=[pdf_upload("baru.pdf")], actor=regency_staff, now=IN_B04
    )
    report = report_submit(
        report=ActionReport.objects.get(pk=draft.pk), actor=regency_staff, now=IN_B04
    )
    assert report.updated_by == regency_staff
    assert not report.evidence.filter(uploaded_by=operator).exists()
    return report


def test_an_earlier_writer_and_uploader_cannot_decide(
    worked_on_by_operator, operator, administrator, salatiga
):
    _to_the_kanwil(operator, administrator, salatiga.province)
    with pytest.raises(Refusal, match="orang lain"):
        report_accept(report=worked_on_by_operator, actor=operator)
    # Even where the record of the role is gone, the report's own history tells.
    RoleAssignment.history.filter(user_id=operator.pk, role=Role.OPERATOR).delete()
    with pytest.raises(Refusal, match="pernah mengisi"):
        report_return(
            report=worked_on_by_operator,
            reasons=["mismatch"],
            note="",
            actor=operator,
        )
    assert ActionReport.objects.get(pk=worked_on_by_operator.pk).status == S.SUBMITTED


@pytest.fixture
def sent(draft, regency_staff):
    """Written, evidenced and sent by the coordinator alone."""
    report_evidence_attach(
        report=draft, uploads=[pdf_upload()], actor=regency_staff, now=IN_B04
    )
    return report_submit(
        report=ActionReport.objects.get(pk=draft.pk), actor=regency_staff, now=IN_B04
    )


def test_a_verifier_who_held_a_role_in_the_regency_this_year_cannot_decide(
    sent, operator, administrator, salatiga, verifier
):
    """An OPD operator who never touched the report moves to the Kanwil."""
    _to_the_kanwil(operator, administrator, salatiga.province)
    with pytest.raises(Refusal, match="pernah memegang") as refused:
        report_accept(report=sent, actor=operator)
    assert "Kota Salatiga" in str(refused.value)
    assert report_accept(report=sent, actor=verifier).status == S.ACCEPTED


def test_an_assessor_who_held_a_role_in_the_regency_cannot_score_it(
    worked_on_by_operator, verifier, ministry, administrator, b04, salatiga
):
    report_accept(report=worked_on_by_operator, actor=verifier)
    held = role_grant(
        user=ministry, role=Role.COORDINATOR, actor=None, regency=salatiga
    )
    role_revoke(assignment=held, actor=administrator)
    with pytest.raises(Refusal, match="pernah memegang"):
        period_score_record(
            period=b04,
            regency=salatiga,
            substance=Decimal(80),
            administration=Decimal(90),
            note="",
            actor=ministry,
            now=B04_GRACE,
        )
    assert not salatiga.aksiham_scores.exists()
