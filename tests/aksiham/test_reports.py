"""Filing reports: drafts, evidence, sending inside the window, lateness, access."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from aksiham.models import ActionReport, ReportEvidence
from aksiham.services.plans import extension_grant
from aksiham.services.reports import (
    report_evidence_attach,
    report_for,
    report_save,
    report_submit,
)
from kernel.errors import Refusal
from tests.aksiham.moments import (
    AFTER_GRACE,
    B04_CLOSE,
    B04_GRACE,
    B04_OPEN,
    DAY,
    IN_B04,
)
from tests.files import pdf_upload, upload

pytestmark = pytest.mark.django_db
S = ActionReport.Status


def _with_file(report, actor, now=IN_B04, name="laporan.pdf"):
    report_evidence_attach(
        report=report, uploads=[pdf_upload(name)], actor=actor, now=now
    )
    return ActionReport.objects.get(pk=report.pk)


def test_a_complete_report_is_sent_on_time(draft, regency_staff):
    report = _with_file(draft, regency_staff)
    report = report_submit(report=report, actor=regency_staff, now=IN_B04)
    assert report.status == S.SUBMITTED
    assert (report.is_late, report.extended) == (False, False)
    assert report.events.last().to_status == S.SUBMITTED


def test_sending_without_evidence_or_achievement_is_refused_and_keeps_the_draft(
    b04, action2, salatiga, regency_staff
):
    report, _ = report_for(
        action=action2, period=b04, regency=salatiga, actor=regency_staff, now=IN_B04
    )
    with pytest.raises(Refusal) as exc:
        report_submit(report=report, actor=regency_staff, now=IN_B04)
    assert any("capaian" in m for m in exc.value.messages)
    assert any("data dukung" in m for m in exc.value.messages)
    assert ActionReport.objects.get(pk=report.pk).status == S.DRAFT


def test_in_grace_the_report_is_flagged_late(draft, regency_staff):
    report = _with_file(draft, regency_staff)
    report = report_submit(report=report, actor=regency_staff, now=B04_CLOSE)
    assert report.is_late is True
    assert "terlambat" in report.events.last().note


def test_after_grace_sending_is_refused_until_the_administrator_extends(
    draft, regency_staff, administrator, b04, salatiga
):
    report = _with_file(draft, regency_staff)
    with pytest.raises(Refusal, match="perpanjangan"):
        report_submit(report=report, actor=regency_staff, now=B04_GRACE)
    assert ActionReport.objects.get(pk=report.pk).status == S.DRAFT
    with time_machine.travel(AFTER_GRACE, tick=False):
        extension_grant(
            period=b04,
            regency=salatiga,
            until=AFTER_GRACE + 3 * DAY,
            reason="Banjir",
            actor=administrator,
        )
        report = report_submit(report=report, actor=regency_staff)
    assert (report.status, report.is_late, report.extended) == (S.SUBMITTED, True, True)
    assert report.events.filter(note__contains="Banjir").exists()


def test_an_extension_for_one_regency_does_not_open_another(
    b04, action1, banyumas, other_regency_staff, administrator, salatiga
):
    with time_machine.travel(AFTER_GRACE, tick=False):
        extension_grant(
            period=b04,
            regency=salatiga,
            until=AFTER_GRACE + 3 * DAY,
            reason="x",
            actor=administrator,
        )
        with pytest.raises(Refusal, match="perpanjangan"):
            report_for(
                action=action1, period=b04, regency=banyumas, actor=other_regency_staff
            )


def test_only_administrators_extend_and_only_after_grace(
    b04, salatiga, regency_staff, administrator
):
    def grant(until, reason="x", actor=administrator):
        return extension_grant(
            period=b04, regency=salatiga, until=until, reason=reason, actor=actor
        )

    later = AFTER_GRACE + 3 * DAY
    with time_machine.travel(AFTER_GRACE, tick=False):
        with pytest.raises(Refusal, match="administrator"):
            grant(later, actor=regency_staff)
        with pytest.raises(Refusal, match="alasan"):
            grant(later, reason=" ")
        with pytest.raises(Refusal, match="masa depan"):
            grant(AFTER_GRACE - DAY)
    with (
        time_machine.travel(IN_B04, tick=False),
        pytest.raises(Refusal, match="masa tenggang"),
    ):
        grant(B04_GRACE)
    assert not b04.extensions.exists()


def test_a_stale_form_does_not_overwrite_newer_work(draft, regency_staff):
    old_version = draft.version - 1
    with pytest.raises(Refusal, match="sudah diubah"):
        report_save(
            report=draft,
            actor=regency_staff,
            achievement="tertimpa",
            narrative="",
            achievement_percent=None,
            version=old_version,
            now=IN_B04,
        )
    assert (
        ActionReport.objects.get(pk=draft.pk).achievement
        == "Rancangan peraturan sudah dibahas"
    )


def test_a_sent_report_is_locked(draft, regency_staff):
    report = report_submit(
        report=_with_file(draft, regency_staff), actor=regency_staff, now=IN_B04
    )
    with pytest.raises(Refusal, match="terkunci"):
        report_save(
            report=report,
            actor=regency_staff,
            achievement="x",
            narrative="",
            achievement_percent=None,
            version=report.version,
            now=IN_B04,
        )


def test_evidence_uses_the_kkpham_checks(draft, regency_staff):
    fake = upload("scan.pdf", b"MZ\x90\x00 not a pdf at all" * 10)
    with pytest.raises(ValidationError, match="bukan jenis yang diizinkan"):
        report_evidence_attach(
            report=draft, uploads=[fake], actor=regency_staff, now=IN_B04
        )
    _with_file(draft, regency_staff)
    with pytest.raises(ValidationError, match="sama persis"):
        _with_file(draft, regency_staff, name="salinan.pdf")
    assert ReportEvidence.objects.filter(report=draft).count() == 1


def test_other_regencies_and_unassigned_operators_cannot_work_on_it(
    b04, action1, action2, salatiga, other_regency_staff, operator, verifier
):
    for person in (other_regency_staff, operator, verifier):
        with pytest.raises(Refusal):
            report_for(
                action=action1, period=b04, regency=salatiga, actor=person, now=IN_B04
            )


def test_an_assigned_operator_drafts_but_only_the_coordinator_sends(
    b04, action2, salatiga, operator, regency_staff
):
    from aksiham.models import ActionAssignment

    ActionAssignment.objects.create(
        action=action2, regency=salatiga, agency=operator.role_assignments.get().agency
    )
    report, _ = report_for(
        action=action2, period=b04, regency=salatiga, actor=operator, now=IN_B04
    )
    report = report_save(
        report=report,
        actor=operator,
        achievement="92% ditangani",
        narrative="",
        achievement_percent=None,
        version=report.version,
        now=IN_B04,
    )
    report = _with_file(report, operator)
    with pytest.raises(Refusal, match="koordinator"):
        report_submit(report=report, actor=operator, now=IN_B04)
    assert (
        report_submit(report=report, actor=regency_staff, now=IN_B04).status
        == S.SUBMITTED
    )


def test_dki_administrative_areas_report_only_marked_actions(
    plan, b04, regions, administrator
):
    from accounts.models import Role
    from accounts.services import role_grant
    from regions.models import Regency
    from tests.factories import UserFactory

    jakarta = Regency.objects.filter(is_dki_administrative=True).first()
    person = UserFactory(username="koordinator_dki")
    role_grant(user=person, role=Role.COORDINATOR, actor=None, regency=jakarta)
    unmarked = plan.actions.filter(dki_reports=False).first()
    with pytest.raises(Refusal, match="DKI"):
        report_for(
            action=unmarked, period=b04, regency=jakarta, actor=person, now=IN_B04
        )


def test_drafts_may_be_prepared_before_the_window_opens(
    b04, action1, salatiga, regency_staff
):
    early = B04_OPEN - datetime.timedelta(days=10)
    report, created = report_for(
        action=action1, period=b04, regency=salatiga, actor=regency_staff, now=early
    )
    assert created
    report = _with_file(report, regency_staff, now=early)
    with pytest.raises(Refusal, match="baru dibuka"):
        report_submit(report=report, actor=regency_staff, now=early)
