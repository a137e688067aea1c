"""Aksi HAM evidence follows the KKPHAM rule: removal keeps the row and the history,
the bytes stay for the retention period, an administrator can restore them."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from aksiham.models import ActionReport, ReportEvidence
from aksiham.services.reports import (
    report_evidence_attach,
    report_evidence_remove,
    report_evidence_restore,
    report_submit,
)
from files.tasks import purge_removed_evidence
from kernel.errors import Refusal
from tests.aksiham.moments import B04_GRACE, IN_B04
from tests.files import PDF, pdf_upload

pytestmark = pytest.mark.django_db
SHA = hashlib.sha256(PDF).hexdigest()


def _attach(report, actor, name="laporan.pdf") -> ReportEvidence:
    return report_evidence_attach(
        report=report, uploads=[pdf_upload(name)], actor=actor, now=IN_B04
    )[0]


def _removed(report, actor) -> ReportEvidence:
    evidence = _attach(report, actor)
    report_evidence_remove(evidence=evidence, actor=actor, now=IN_B04)
    return ReportEvidence.all_objects.get(pk=evidence.pk)


def test_removal_is_kept_in_the_reports_timeline(draft, regency_staff, client_for):
    evidence = _removed(draft, regency_staff)
    assert evidence.removed_by == regency_staff and evidence.removed_at == IN_B04
    page = client_for(regency_staff).get(
        reverse(
            "aksiham:report", args=[draft.regency_id, draft.period_id, draft.action_id]
        )
    )
    text = page.content.decode()
    assert "“laporan.pdf”" in text and SHA in text
    assert f"dihapus oleh {regency_staff.username}" in text
    assert "2026, 08.00 WIB" in text
    assert reverse("aksiham:evidence-download", args=[evidence.pk]) not in text


def test_a_removed_file_does_not_count_and_can_be_attached_again(draft, regency_staff):
    _removed(draft, regency_staff)
    report = ActionReport.objects.get(pk=draft.pk)
    with pytest.raises(Refusal, match="data dukung"):
        report_submit(report=report, actor=regency_staff, now=IN_B04)
    again = _attach(report, regency_staff)
    assert again.sha256 == SHA
    assert list(report.evidence.all()) == [again]


def test_an_administrator_restores_while_the_report_can_be_edited(
    draft, regency_staff, administrator
):
    evidence = _removed(draft, regency_staff)
    with pytest.raises(Refusal, match="Hanya administrator"):
        report_evidence_restore(evidence=evidence, actor=regency_staff, now=IN_B04)
    with pytest.raises(Refusal, match="tidak dapat dipulihkan"):
        report_evidence_restore(
            evidence=evidence,
            actor=administrator,
            now=B04_GRACE + datetime.timedelta(days=1),
        )
    report_evidence_restore(evidence=evidence, actor=administrator, now=IN_B04)
    assert list(draft.evidence.all()) == [evidence]
    assert f"dipulihkan oleh {administrator.username}" in draft.events.last().note


def test_bytes_are_purged_after_the_retention_period(
    draft, regency_staff, settings, django_capture_on_commit_callbacks
):
    settings.EVIDENCE_REMOVED_RETENTION_DAYS = 30
    evidence = _removed(draft, regency_staff)
    root = Path(settings.MEDIA_ROOT)
    with (
        time_machine.travel(IN_B04 + datetime.timedelta(days=29), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert purge_removed_evidence() == 0
    assert [p for p in root.rglob("*") if p.is_file()]
    with (
        time_machine.travel(IN_B04 + datetime.timedelta(days=31), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert purge_removed_evidence() == 1
    assert not [p for p in root.rglob("*") if p.is_file()]
    evidence.refresh_from_db()
    assert evidence.purged_at == IN_B04 + datetime.timedelta(days=31)
    assert evidence.sha256 == SHA
