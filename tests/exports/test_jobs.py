"""The job's life: requested (at once), rendered by the task with progress, notified
once, retried after a failure, swept when a worker died, expired after the retention."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from exports import services as exports
from exports.models import ExportJob
from exports.tasks import expire_exports, render_export, sweep_stale_exports
from kernel.errors import Refusal
from notices.models import Notification
from reporting.models import Score

pytestmark = pytest.mark.django_db
# The tests that store, retry or delete a file run on both storage backends.
on_both_backends = pytest.mark.usefixtures("storage_backend")
S = ExportJob.Status


def _request(actor, catalogue, kind="ranking_national", fmt="pdf", **target):
    return exports.export_request(
        kind=kind, fmt=fmt, actor=actor, catalogue=catalogue, **target
    )


def test_a_request_records_a_pending_job_and_queues_it_after_commit(
    scored_year, ministry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = _request(ministry, scored_year)
    assert (job.status, job.progress, job.requested_by) == (S.PENDING, 0, ministry)
    assert not job.file
    assert len(callbacks) == 1  # the render task, sent only once the row is committed


def test_the_same_request_while_one_is_active_reuses_it(scored_year, ministry):
    first = _request(ministry, scored_year)
    assert _request(ministry, scored_year) == first
    assert _request(ministry, scored_year, fmt="xlsx") != first
    assert ExportJob.objects.count() == 2


@on_both_backends
def test_the_task_renders_stores_privately_and_notifies_once(scored_year, ministry):
    job = _request(ministry, scored_year)
    assert render_export.apply(args=[job.pk]).get() == S.DONE
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == (S.DONE, 100, "")
    assert job.file.name.startswith("exports/")
    with job.file.open("rb") as stored:
        content = stored.read()
    assert content.startswith(b"%PDF-")
    assert job.size == len(content) == default_storage.size(job.file.name)
    assert job.file_name == "peringkat-nasional-2026.pdf"
    assert job.expires_at - job.finished_at == datetime.timedelta(days=7)
    notice = Notification.objects.get(recipient=ministry)
    assert notice.subject == "Ekspor siap diunduh: peringkat-nasional-2026.pdf"
    assert notice.url.endswith("/penilaian/ekspor/")
    # A second delivery of the same message changes nothing and notifies nobody.
    assert render_export.apply(args=[job.pk]).get() == S.DONE
    assert Notification.objects.count() == 1
    assert job.attempts == 1


def test_retention_comes_from_the_setting(scored_year, ministry, settings):
    settings.EXPORT_RETENTION_DAYS = 2
    job = _request(ministry, scored_year)
    render_export.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.expires_at - job.finished_at == datetime.timedelta(days=2)


@on_both_backends
def test_a_failure_is_shown_with_its_reason_and_can_be_retried(
    scored_year, regency_staff, django_capture_on_commit_callbacks
):
    job = _request(regency_staff, scored_year, kind="scorecard", regency=_salatiga())
    score = Score.objects.get(assessment__regency_id="33.73")
    saved = Score.objects.filter(pk=score.pk).values()[0]
    score.delete()
    render_export.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.status == S.FAILED
    assert job.error == "Data tidak tersedia."
    failed = Notification.objects.get(recipient=regency_staff)
    assert failed.subject.startswith("Ekspor gagal")
    assert failed.body == job.error
    Score.objects.create(**saved)
    with django_capture_on_commit_callbacks(execute=True):
        exports.export_retry(job=job, actor=regency_staff)
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts) == (S.DONE, "", 2)
    assert Notification.objects.filter(recipient=regency_staff).count() == 2


def test_only_the_requester_retries_and_only_a_failed_job(
    scored_year, ministry, administrator
):
    job = _request(ministry, scored_year)
    render_export.apply(args=[job.pk])
    job.refresh_from_db()
    with pytest.raises(Refusal):
        exports.export_retry(job=job, actor=ministry)
    ExportJob.objects.filter(pk=job.pk).update(status=S.FAILED)
    with pytest.raises(PermissionDenied):
        exports.export_retry(job=job, actor=administrator)


def test_a_requester_who_lost_the_role_before_rendering_gets_a_failure(
    scored_year, verifier, administrator
):
    from accounts.services import role_revoke

    job = _request(verifier, scored_year, kind="ranking_province", province=_jateng())
    role_revoke(assignment=verifier.role_assignments.get(), actor=administrator)
    render_export.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.status == S.FAILED
    assert job.error == "Peminta tidak lagi berwenang atas ekspor ini."
    assert not job.file


def _silent(seconds: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


@pytest.mark.clock
def test_a_job_whose_worker_stopped_beating_is_failed_by_the_sweep(
    scored_year, ministry
):
    stale = django_settings.EXPORT_STALE_SECONDS
    stuck = _request(ministry, scored_year)
    fresh = _request(ministry, scored_year, fmt="xlsx")
    ExportJob.objects.filter(pk=stuck.pk).update(
        status=S.RUNNING, started_at=_silent(600), heartbeat_at=_silent(stale + 1)
    )
    # Running for ten minutes, but its worker beat a moment ago: alive.
    ExportJob.objects.filter(pk=fresh.pk).update(
        status=S.RUNNING, started_at=_silent(600), heartbeat_at=_silent(2)
    )
    assert sweep_stale_exports.apply().get() == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == S.FAILED
    assert "terhenti" in stuck.error
    assert fresh.status == S.RUNNING
    assert (
        Notification.objects.filter(event_key__startswith="export_failed").count() == 1
    )


def test_asking_again_for_a_stuck_export_starts_a_new_job(scored_year, ministry):
    stuck = _request(ministry, scored_year)
    ExportJob.objects.filter(pk=stuck.pk).update(
        status=S.RUNNING,
        started_at=_silent(600),
        heartbeat_at=_silent(django_settings.EXPORT_STALE_SECONDS + 1),
    )
    again = _request(ministry, scored_year)
    assert again.pk != stuck.pk and again.status == S.PENDING
    stuck.refresh_from_db()
    assert stuck.status == S.FAILED and "terhenti" in stuck.error


def test_asking_again_while_the_worker_beats_reuses_the_job(scored_year, ministry):
    running = _request(ministry, scored_year)
    ExportJob.objects.filter(pk=running.pk).update(
        status=S.RUNNING, started_at=_silent(600), heartbeat_at=_silent(2)
    )
    assert _request(ministry, scored_year).pk == running.pk


def test_a_job_whose_message_was_lost_is_queued_again(
    scored_year, ministry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        lost = _request(ministry, scored_year)  # its task was never sent
        waiting = _request(ministry, scored_year, fmt="xlsx")
    ExportJob.objects.filter(pk=lost.pk).update(
        created_at=_silent(django_settings.EXPORT_PENDING_REQUEUE_SECONDS + 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stale_exports.apply().get() == 0  # nothing failed
    assert ExportJob.objects.get(pk=lost.pk).status == S.DONE  # rendered (eager task)
    assert ExportJob.objects.get(pk=waiting.pk).status == S.PENDING


def test_a_redelivered_message_takes_over_a_job_whose_worker_died(
    scored_year, ministry
):
    """acks_late: the broker redelivers the task of a worker that died mid-render."""
    job = _request(ministry, scored_year)
    ExportJob.objects.filter(pk=job.pk).update(
        status=S.RUNNING,
        attempts=1,
        started_at=_silent(3600),
        heartbeat_at=_silent(django_settings.EXPORT_STALE_SECONDS + 1),
    )
    assert render_export.apply(args=[job.pk]).get() == S.DONE
    job.refresh_from_db()
    assert job.attempts == 2
    assert render_export.acks_late and render_export.reject_on_worker_lost


def test_a_running_job_is_not_taken_twice(scored_year, ministry):
    job = _request(ministry, scored_year)
    ExportJob.objects.filter(pk=job.pk).update(
        status=S.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
    )
    assert render_export.apply(args=[job.pk]).get() == S.RUNNING
    assert not ExportJob.objects.get(pk=job.pk).file


@pytest.mark.clock
@on_both_backends
def test_expired_files_are_deleted_and_the_row_kept(scored_year, ministry):
    old = _request(ministry, scored_year)
    new = _request(ministry, scored_year, fmt="xlsx")
    for job in (old, new):
        render_export.apply(args=[job.pk])
    old.refresh_from_db()
    name = old.file.name
    ExportJob.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert expire_exports.apply().get() == 1
    old.refresh_from_db()
    assert (old.status, old.file.name, old.size) == (S.EXPIRED, "", 0)
    assert not default_storage.exists(name)
    assert ExportJob.objects.get(pk=new.pk).status == S.DONE


def test_beat_runs_the_expiry_and_the_sweep_often():
    schedule = django_settings.CELERY_BEAT_SCHEDULE
    tasks = {e["task"] for e in schedule.values()}
    assert {
        "exports.tasks.expire_exports",
        "exports.tasks.sweep_stale_exports",
    } <= tasks
    # A dead worker's job is noticed within a minute: silence + one sweep interval.
    sweep = schedule["sweep-stale-exports"]["schedule"]
    assert django_settings.EXPORT_STALE_SECONDS + sweep <= 60


def test_unknown_kinds_formats_and_draft_years_are_refused(scored_year, ministry):
    from indicators.models import Catalogue

    with pytest.raises(ValidationError):
        _request(ministry, scored_year, kind="everything")
    with pytest.raises(ValidationError):
        _request(ministry, scored_year, fmt="zip")
    with pytest.raises(ValidationError):
        _request(ministry, scored_year, kind="ranking_province")  # no province
    Catalogue.objects.filter(pk=scored_year.pk).update(status=Catalogue.Status.DRAFT)
    scored_year.refresh_from_db()
    with pytest.raises(Refusal):
        _request(ministry, scored_year)


def _salatiga():
    from regions.models import Regency

    return Regency.objects.get(code="33.73")


def _jateng():
    from regions.models import Province

    return Province.objects.get(code="33")
