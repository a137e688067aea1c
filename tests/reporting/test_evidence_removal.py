"""Removing evidence keeps its history; the bytes stay for a retention period and an
administrator can restore them (issue 14, item 4)."""

from __future__ import annotations

import datetime
import hashlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from files.tasks import purge_removed_evidence
from kernel.errors import Refusal
from reporting import selectors
from reporting.models import Answer, Assessment, Evidence, ReviewEvent
from reporting.services.evidence import (
    evidence_attach,
    evidence_remove,
    evidence_restore,
)
from reporting.services.workflow import answer_mark_ready
from tests.files import PDF, pdf_upload, upload
from tests.storage import stored_names

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage_backend")]

WIB = ZoneInfo("Asia/Jakarta")
REMOVED_AT = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=WIB)
SHA = hashlib.sha256(PDF).hexdigest()


@pytest.fixture
def clock():
    """The day of the removal; tests move it on to test the retention period."""
    with time_machine.travel(REMOVED_AT, tick=False) as traveller:
        yield traveller


def _attach(answer, actor, *uploads) -> Evidence:
    return evidence_attach(answer=answer, uploads=list(uploads), actor=actor).stored[0]


def _removed(clock, dinkes_answer, operator) -> Evidence:
    evidence = _attach(dinkes_answer, operator, pdf_upload("SK Tim HAM.pdf"))
    evidence_remove(evidence=evidence, actor=operator, reason="salah berkas")
    return Evidence.all_objects.get(pk=evidence.pk)


def test_removal_keeps_the_row_its_history_and_the_bytes(
    clock, dinkes_answer, operator, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        evidence = _removed(clock, dinkes_answer, operator)
    assert evidence.removed_at == REMOVED_AT
    assert evidence.removed_by == operator
    assert evidence.removal_reason == "salah berkas"
    assert evidence.sha256 == SHA
    assert [h.history_type for h in evidence.history.order_by("history_id")] == [
        "+",
        "~",
    ]
    assert len(stored_names()) == 1  # kept for the retention period


def test_the_regions_timeline_says_who_removed_which_file_and_when(
    clock, dinkes_answer, operator, client_for
):
    _removed(clock, dinkes_answer, operator)
    page = client_for(operator).get(
        reverse("reporting:timeline", args=[dinkes_answer.assessment_id])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "“SK Tim HAM.pdf”" in text
    assert SHA in text
    assert f"dihapus oleh {operator.username}" in text
    assert "2026, 09.30 WIB" in text  # the time with its zone
    assert "salah berkas" in text


def test_the_console_review_page_lists_the_removal_but_not_the_file(
    clock, dinkes_answer, operator, verifier, client_for
):
    evidence = _removed(clock, dinkes_answer, operator)
    page = client_for(verifier).get(
        reverse("admin:reporting_assessment_review", args=[dinkes_answer.assessment_id])
    )
    text = page.content.decode()
    assert SHA in text and f"dihapus oleh {operator.username}" in text
    assert reverse("reporting:evidence-download", args=[evidence.pk]) not in text
    assert reverse("reporting:evidence-preview", args=[evidence.pk]) not in text


def test_removed_files_count_nowhere(clock, dinkes_answer, operator, client_for):
    evidence = _removed(clock, dinkes_answer, operator)
    answer = Answer.objects.get(pk=dinkes_answer.pk)
    assert not answer.evidence.exists()
    assessment = answer.assessment
    _cats, progress = selectors.progress_by_category(
        user=operator, assessment=assessment
    )
    assert progress.with_evidence == 0
    row = selectors.review_answers(user=operator, assessment=assessment).get(
        pk=answer.pk
    )
    assert row.n_evidence == 0
    # Not ready without an active file (the indicator requires evidence).
    answer.raw_value, answer.value = "50", 50
    answer.save()
    with pytest.raises(Refusal):
        answer_mark_ready(answer=answer, actor=operator)
    # Nobody downloads a removed file through the portal.
    client = client_for(operator)
    assert (
        client.get(
            reverse("reporting:evidence-download", args=[evidence.pk])
        ).status_code
        == 404
    )


def test_the_same_file_can_be_attached_again_after_removal(
    clock, dinkes_answer, operator
):
    _removed(clock, dinkes_answer, operator)
    again = _attach(dinkes_answer, operator, pdf_upload("SK Tim HAM.pdf"))
    assert again.sha256 == SHA
    assert list(dinkes_answer.evidence.all()) == [again]


def test_the_size_limit_counts_only_active_files(
    clock, dinkes_answer, operator, settings
):
    settings.EVIDENCE_MAX_FILE_MB = 1
    settings.EVIDENCE_MAX_ANSWER_MB = 1
    big = PDF + b"%" + b"x" * (700 * 1024)
    first = _attach(dinkes_answer, operator, upload("a.pdf", big))
    evidence_remove(evidence=first, actor=operator)
    second = _attach(dinkes_answer, operator, upload("b.pdf", big + b"y"))
    assert second.original_name == "b.pdf"


def test_bytes_are_purged_after_the_retention_period_and_the_row_stays(
    clock, dinkes_answer, operator, settings, django_capture_on_commit_callbacks
):
    settings.EVIDENCE_REMOVED_RETENTION_DAYS = 90
    evidence = _removed(clock, dinkes_answer, operator)
    clock.move_to(REMOVED_AT + datetime.timedelta(days=89))
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_removed_evidence() == 0
    assert len(stored_names()) == 1
    clock.move_to(REMOVED_AT + datetime.timedelta(days=90, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_removed_evidence() == 1
    assert stored_names() == []
    evidence.refresh_from_db()
    assert evidence.purged_at == REMOVED_AT + datetime.timedelta(days=90, minutes=1)
    assert evidence.original_name == "SK Tim HAM.pdf" and evidence.sha256 == SHA
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_removed_evidence() == 0  # once only


def test_an_administrator_restores_a_removed_file(
    clock, dinkes_answer, operator, administrator
):
    evidence = _removed(clock, dinkes_answer, operator)
    evidence_restore(evidence=evidence, actor=administrator)
    assert list(dinkes_answer.evidence.all()) == [evidence]
    note = ReviewEvent.objects.filter(answer=dinkes_answer).first().note
    assert f"dipulihkan oleh {administrator.username}" in note and SHA in note


def test_only_an_administrator_restores(
    clock, dinkes_answer, operator, regency_staff, verifier
):
    evidence = _removed(clock, dinkes_answer, operator)
    for person in (operator, regency_staff, verifier):
        with pytest.raises(Refusal, match="Hanya administrator"):
            evidence_restore(evidence=evidence, actor=person)
    assert not dinkes_answer.evidence.exists()


def test_restore_is_refused_with_the_reason(
    clock, dinkes_answer, operator, administrator, settings
):
    evidence = _removed(clock, dinkes_answer, operator)
    # The same file attached again: restoring would duplicate it.
    again = _attach(dinkes_answer, operator, pdf_upload("lagi.pdf"))
    with pytest.raises(Refusal, match=r"lagi\.pdf"):
        evidence_restore(evidence=evidence, actor=administrator)
    evidence_remove(evidence=again, actor=operator)
    # The assessment was sent: the answer is locked.
    Assessment.objects.filter(pk=dinkes_answer.assessment_id).update(
        status=Assessment.Status.SUBMITTED
    )
    with pytest.raises(Refusal, match=r"tidak dapat dipulihkan.*terkunci"):
        evidence_restore(evidence=evidence, actor=administrator)
    # The bytes were purged: nothing to restore.
    Assessment.objects.filter(pk=dinkes_answer.assessment_id).update(
        status=Assessment.Status.DRAFT
    )
    clock.move_to(REMOVED_AT + datetime.timedelta(days=91))
    purge_removed_evidence()
    evidence.refresh_from_db()
    with pytest.raises(Refusal, match="sudah dimusnahkan"):
        evidence_restore(evidence=evidence, actor=administrator)


def test_pulihkan_in_the_console_is_for_administrators_only(
    clock, dinkes_answer, operator, administrator, verifier, client_for
):
    evidence = _removed(clock, dinkes_answer, operator)
    changelist = reverse("admin:reporting_evidence_changelist")
    body = {"action": "restore_selected", "_selected_action": [evidence.pk]}
    listing = client_for(verifier).get(changelist + "?keadaan=dihapus")
    assert SHA in listing.content.decode()  # the console shows the removed file
    assert "restore_selected" not in listing.content.decode()
    client_for(verifier).post(changelist, body)
    assert not dinkes_answer.evidence.exists()
    response = client_for(administrator).post(changelist, body, follow=True)
    assert "1 berkas dipulihkan." in response.content.decode()
    assert list(dinkes_answer.evidence.all()) == [evidence]


def test_a_restore_check_counts_removed_files_and_skips_purged_bytes(
    clock, dinkes_answer, operator, django_capture_on_commit_callbacks
):
    from portal.restore import check_restore, table_counts

    evidence = _removed(clock, dinkes_answer, operator)
    assert table_counts()["reporting_evidence"] == 1
    evidence.file.storage.delete(evidence.file.name)  # kept bytes lost: a problem
    assert any("berkas tidak ada" in p for p in check_restore().problems)
    clock.move_to(REMOVED_AT + datetime.timedelta(days=91))
    with django_capture_on_commit_callbacks(execute=True):
        purge_removed_evidence()
    assert check_restore().problems == []  # purged on purpose: not a problem
