"""Export jobs: request (returns at once), run (in a worker), retry, expire, sweep.

The only writer of ``ExportJob.status``. Scope is checked when a job is requested,
again when the worker renders it, and again at every download.
"""

from __future__ import annotations

import datetime
import logging
import tempfile

from celery import chord, current_app, signature
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.core.files import File
from django.db import OperationalError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from exports import pdf, xlsx
from exports.models import ExportJob, PartStart
from exports.registry import ExportKind, Target, get_kind, may_have
from indicators.models import Catalogue
from kernel.errors import Refusal, refusal_messages
from kernel.heartbeat import beating
from notices.models import Notification
from notices.services import notice_send
from outbox.services import enqueue_after_commit
from regions.models import Province, Regency

# By name: exports.tasks imports this module.
render_export = "exports.tasks.render_export"
render_export_part = "exports.tasks.render_export_part"
merge_export_parts = "exports.tasks.merge_export_parts"

logger = logging.getLogger(__name__)
S = ExportJob.Status


def _kind(code: str, fmt: str) -> ExportKind:
    kind = get_kind(code)
    if kind is None:
        raise ValidationError(_("Jenis ekspor tidak dikenal."))
    if fmt not in kind.formats:
        raise ValidationError(_("Format ini tidak tersedia untuk jenis ekspor ini."))
    return kind


def _target_refusal(
    kind: ExportKind,
    catalogue: Catalogue,
    province: Province | None,
    regency: Regency | None,
) -> str | None:
    """Why this target does not fit this kind, or None."""
    if catalogue.status == Catalogue.Status.DRAFT:
        return _("Tahun penilaian ini belum dibuka.")
    if kind.refusal is not None:
        return kind.refusal(catalogue=catalogue, province=province, regency=regency)
    return None


def job_allowed(user: User, job: ExportJob) -> bool:
    """Whether the user's roles today still cover the job's kind and target."""
    kind = get_kind(job.kind)
    return (
        kind is not None
        and user.is_active
        and may_have(
            user, kind, province_code=job.province_id or "", regency=job.regency
        )
    )


@transaction.atomic
def export_request(
    *,
    kind: str,
    fmt: str,
    actor: User,
    catalogue: Catalogue,
    province: Province | None = None,
    regency: Regency | None = None,
) -> ExportJob:
    """Record the job and queue its rendering after commit; an identical active job is reused."""
    spec = _kind(kind, fmt)
    if spec.target == Target.NATIONAL:
        province = regency = None
    elif spec.target == Target.REGENCY:
        province = None
    else:
        regency = None
    if spec.target == Target.PROVINCE and province is None:
        raise ValidationError(_("Pilih provinsi."))
    if spec.target == Target.REGENCY and regency is None:
        raise ValidationError(_("Pilih kabupaten/kota."))
    if not may_have(
        actor, spec, province_code=province.code if province else "", regency=regency
    ):
        raise PermissionDenied
    refusal = _target_refusal(spec, catalogue, province, regency)
    if refusal:
        raise Refusal(refusal)
    params = {
        "kind": kind,
        "format": fmt,
        "catalogue": catalogue,
        "province": province,
        "regency": regency,
    }
    now = timezone.now()
    for active in ExportJob.objects.filter(
        requested_by=actor, status__in=[S.PENDING, S.RUNNING], **params
    ):
        if _alive(active, now):
            return active
        # Its worker died (or its message was lost): say so, and start afresh.
        _fail(active, STOPPED)
    job = ExportJob.objects.create(requested_by=actor, **params)
    enqueue_after_commit(render_export, job.pk)
    return job


STOPPED = _("Pembuatan berkas terhenti (proses pekerja berhenti). Silakan ulangi.")


def _silent_since(now: datetime.datetime) -> datetime.datetime:
    """A running job whose last sign of life is older than this has no worker."""
    return now - datetime.timedelta(seconds=settings.EXPORT_STALE_SECONDS)


def _waiting_since(now: datetime.datetime) -> datetime.datetime:
    """A pending job older than this lost its message (or every worker is busy)."""
    return now - datetime.timedelta(seconds=settings.EXPORT_PENDING_REQUEUE_SECONDS)


def _dead_running(now: datetime.datetime) -> Q:
    return Q(status=S.RUNNING, heartbeat_at__lt=_silent_since(now))


def _alive(job: ExportJob, now: datetime.datetime) -> bool:
    """Pending jobs wait their turn (the sweep queues a lost one again); a running
    job is alive while its worker beats."""
    if job.status == S.RUNNING:
        return job.heartbeat_at is not None and job.heartbeat_at >= _silent_since(now)
    return True


def _claim(job_id: int, now: datetime.datetime) -> bool:
    """Take the job: pending, or running with a heartbeat that stopped."""
    return bool(
        ExportJob.objects.filter(pk=job_id)
        .filter(Q(status=S.PENDING) | _dead_running(now))
        .update(
            status=S.RUNNING,
            started_at=now,
            heartbeat_at=now,
            progress=0,
            error="",
            attempts=F("attempts") + 1,
        )
    )


def _fail(job: ExportJob, reason: str) -> None:
    changed = ExportJob.objects.filter(
        pk=job.pk, status__in=[S.RUNNING, S.PENDING]
    ).update(status=S.FAILED, error=reason, finished_at=timezone.now())
    if changed:
        job.refresh_from_db()
        notify_export_event(job=job, kind="export_failed")


def _progress(job: ExportJob, percent: int) -> None:
    ExportJob.objects.filter(pk=job.pk, status=S.RUNNING).update(
        progress=min(percent, 99), heartbeat_at=timezone.now()
    )


def _render(job: ExportJob, target) -> bool:
    """Write the job's file into ``target``; False when it went to the workers in
    parts instead (``export_merge_parts`` finishes the job)."""
    kind = get_kind(job.kind)

    def progress(percent: int) -> None:
        _progress(job, percent)

    if kind.writer is not None:
        kind.writer(job, target, progress)
        return True
    document = kind.builder(job)
    progress(40)
    if job.format == ExportJob.Format.PDF:
        parts = _parts_for(kind, document)
        if parts > 1:
            _render_in_parts(job, kind, document, parts)
            return False
        pdf.write_pdf(kind.template, document, target)
    else:
        xlsx.write_xlsx(document, target)
    progress(90)
    return True


def _store(job: ExportJob, kind: ExportKind, target) -> None:
    """Save the rendered file and record the job done (unless it was swept meanwhile)."""
    target.seek(0)
    name = f"{kind.file_stem(job)}.{job.format}"
    job.file.save(name, File(target), save=False)
    done = timezone.now()
    updated = ExportJob.objects.filter(
        pk=job.pk, status=S.RUNNING, attempts=job.attempts
    ).update(
        status=S.DONE,
        progress=100,
        file=job.file.name,
        file_name=name,
        size=job.file.size,
        finished_at=done,
        expires_at=done + datetime.timedelta(days=settings.EXPORT_RETENTION_DAYS),
    )
    if not updated:  # swept as stale meanwhile: keep its verdict, drop the file
        job.file.delete(save=False)
    else:
        job.refresh_from_db()
        notify_export_event(job=job, kind="export_done")


# ---------------------------------------------------------------- in parts
# A long table document (the national and province rankings) is cut into
# EXPORT_PDF_PARTS parts along its rows; each part is a task any worker may take
# (a Celery chord), and the chord's last task merges them with continuous page
# numbers. Only with a result backend that counts a chord's parts (Redis) and real
# workers; otherwise, and for short documents, one process renders it all.


def _parts_for(kind: ExportKind, document) -> int:
    if (
        not kind.splittable
        or settings.EXPORT_PDF_PARTS < 2
        or not document.tables
        or len(document.tables[0].rows) < settings.EXPORT_PDF_SPLIT_ROWS
        or not str(current_app.conf.result_backend or "").startswith("redis")
        or current_app.conf.task_always_eager
    ):
        return 1
    return settings.EXPORT_PDF_PARTS


def _render_in_parts(job: ExportJob, kind: ExportKind, document, parts: int) -> None:
    pieces = [pdf.render_html(kind.template, part) for part in document.split(parts)]
    header = [
        signature(render_export_part, args=(job.pk, job.attempts, index, html))
        for index, html in enumerate(pieces)
    ]
    chord(header)(signature(merge_export_parts, args=(job.pk, job.attempts)))
    _progress(job, 50)  # the parts are out


def _part_storage():
    return ExportJob._meta.get_field("file").storage


def part_name(job_id: int, attempt: int, index: int) -> str:
    return f"exports/parts/{job_id}-{attempt}-{index}.pdf"


def _current(job_id: int, attempt: int) -> bool:
    """The job still runs this attempt (not swept, failed or retried meanwhile)."""
    return ExportJob.objects.filter(
        pk=job_id, status=S.RUNNING, attempts=attempt
    ).exists()


def _drop_parts(job_id: int, attempt: int, names) -> None:
    storage = _part_storage()
    for name in names:
        if name and name.startswith(f"exports/parts/{job_id}-{attempt}-"):
            try:
                storage.delete(name)
            except OSError:
                logger.warning("export part %s left behind", name)


def _part_started(job_id: int, attempt: int, index: int) -> int:
    """Count one more start of a part; returns how many it has had."""
    start, _created = PartStart.objects.get_or_create(
        job_id=job_id, attempt=attempt, index=index
    )
    PartStart.objects.filter(pk=start.pk).update(starts=F("starts") + 1)
    return PartStart.objects.values_list("starts", flat=True).get(pk=start.pk)


def export_render_part(
    *, job_id: int, attempt: int, index: int, html: str
) -> str | None:
    """Render one part of a job; returns where it is stored, or None when the job no
    longer waits for it. Safe to run again (a redelivered or retried part)."""
    if not _current(job_id, attempt):
        return None
    if _part_started(job_id, attempt, index) > settings.EXPORT_PART_MAX_STARTS:
        logger.error(
            "export %s: part %s started more than %s times; the job fails",
            job_id,
            index,
            settings.EXPORT_PART_MAX_STARTS,
        )
        export_part_failed(job_id=job_id, attempt=attempt)
        return None
    storage = _part_storage()
    name = part_name(job_id, attempt, index)
    with (
        tempfile.TemporaryFile() as target,
        beating(ExportJob, job_id, every=settings.EXPORT_HEARTBEAT_SECONDS),
    ):
        pdf.write_html(html, target)
        target.seek(0)
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, File(target))
    ExportJob.objects.filter(pk=job_id, status=S.RUNNING, attempts=attempt).update(
        heartbeat_at=timezone.now()
    )
    return saved


PART_FAILED = _("Sebagian dokumen gagal dibuat. Silakan ulangi.")


def export_part_failed(*, job_id: int, attempt: int) -> None:
    """A part failed for good: the job fails (never a document with pages missing)."""
    job = ExportJob.objects.filter(pk=job_id, attempts=attempt).first()
    if job is not None:
        _fail(job, PART_FAILED)


def export_merge_parts(
    *, job_id: int, attempt: int, names: list[str | None]
) -> ExportJob | None:
    """Merge the parts into the job's file, only when every part is there."""
    keep = False
    try:
        if not _current(job_id, attempt):
            return ExportJob.objects.filter(pk=job_id).first()
        job = ExportJob.objects.select_related(
            "requested_by", "catalogue", "province", "regency"
        ).get(pk=job_id)
        storage = _part_storage()
        if not names or not all(n and storage.exists(n) for n in names):
            _fail(job, PART_FAILED)
            return ExportJob.objects.get(pk=job_id)
        if not job_allowed(job.requested_by, job):
            _fail(job, _("Peminta tidak lagi berwenang atas ekspor ini."))
            return ExportJob.objects.get(pk=job_id)
        _progress(job, 90)
        try:
            with (
                tempfile.TemporaryFile() as target,
                beating(ExportJob, job.pk, every=settings.EXPORT_HEARTBEAT_SECONDS),
            ):
                files = [storage.open(n, "rb") for n in names]
                try:
                    pdf.merge(files, target)
                finally:
                    for f in files:
                        f.close()
                _store(job, get_kind(job.kind), target)
        except Exception:
            logger.exception("export %s: merging its parts failed", job.pk)
            _fail(job, _("Terjadi galat saat membuat berkas. Silakan coba lagi."))
        return ExportJob.objects.get(pk=job_id)
    except OperationalError:
        keep = True  # the task's retry merges the same parts
        raise
    finally:
        if not keep:
            _drop_parts(job_id, attempt, names or [])


def export_run(*, job_id: int) -> ExportJob | None:
    """Render one job; safe to run twice (a job is claimed once, unless left stale)."""
    now = timezone.now()
    if not _claim(job_id, now):
        return ExportJob.objects.filter(pk=job_id).first()
    job = ExportJob.objects.select_related(
        "requested_by", "catalogue", "province", "regency"
    ).get(pk=job_id)
    try:
        if not job_allowed(job.requested_by, job):
            raise PermissionDenied
        kind = get_kind(job.kind)
        with (
            tempfile.TemporaryFile() as target,
            beating(ExportJob, job.pk, every=settings.EXPORT_HEARTBEAT_SECONDS),
        ):
            if _render(job, target):
                _store(job, kind, target)
    except PermissionDenied:
        _fail(job, _("Peminta tidak lagi berwenang atas ekspor ini."))
    except SoftTimeLimitExceeded:
        _fail(job, _("Waktu pembuatan berkas habis."))
    except (Refusal, ValidationError) as exc:
        _fail(job, "; ".join(refusal_messages(exc)))
    except ObjectDoesNotExist:
        _fail(job, _("Data tidak tersedia."))
    except OperationalError:
        # Database trouble: give the job back so the task's retry can claim it.
        ExportJob.objects.filter(pk=job.pk, status=S.RUNNING).update(status=S.PENDING)
        raise
    except Exception:
        logger.exception("export %s failed", job.pk)
        _fail(job, _("Terjadi galat saat membuat berkas. Silakan coba lagi."))
    return ExportJob.objects.get(pk=job.pk)


@transaction.atomic
def export_retry(*, job: ExportJob, actor: User) -> ExportJob:
    """Queue a failed job again, for its own requester while still in scope."""
    if job.requested_by_id != actor.pk or not job_allowed(actor, job):
        raise PermissionDenied
    changed = ExportJob.objects.filter(pk=job.pk, status=S.FAILED).update(
        status=S.PENDING, progress=0, started_at=None, finished_at=None
    )
    if not changed:
        raise Refusal(_("Hanya ekspor yang gagal yang dapat diulang."))
    enqueue_after_commit(render_export, job.pk)
    job.refresh_from_db()
    return job


def export_expire(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of jobs past their expiry; the rows stay as a record."""
    now = now or timezone.now()
    count = 0
    for job in ExportJob.objects.filter(status=S.DONE, expires_at__lte=now):
        if job.file:
            job.file.delete(save=False)
        count += ExportJob.objects.filter(pk=job.pk, status=S.DONE).update(
            status=S.EXPIRED, file="", size=0
        )
    return count


def export_sweep_stale(*, now: datetime.datetime | None = None) -> int:
    """Fail jobs whose worker stopped beating (with a reason the user can act on), and
    queue again jobs still waiting as long (their message was lost).

    Queueing twice is harmless: only one run can claim a job. Returns how many
    running jobs were failed.
    """
    now = now or timezone.now()
    count = 0
    for job in ExportJob.objects.filter(_dead_running(now)):
        count += 1
        _fail(job, STOPPED)
    waiting = ExportJob.objects.filter(
        status=S.PENDING, created_at__lt=_waiting_since(now)
    ).values_list("pk", flat=True)
    with transaction.atomic():
        for pk in waiting:
            enqueue_after_commit(render_export, pk)
    return count


def can_download(user: User, job: ExportJob) -> bool:
    """The requester, while their roles still cover the export, and the file exists."""
    return (
        job.requested_by_id == user.pk
        and job.status == S.DONE
        and bool(job.file)
        and job_allowed(user, job)
    )


EXPORT_SUBJECTS = {
    "export_done": _("Ekspor siap diunduh: %(name)s"),
    "export_failed": _("Ekspor gagal: %(name)s"),
}


def notify_export_event(*, job: ExportJob, kind: str) -> Notification | None:
    """Tell the requester their export is ready or failed; once per job attempt."""
    name = job.file_name or job.kind
    body = (
        job.error
        if kind == "export_failed"
        else _("Berkas tersedia sampai %(when)s.")
        % {
            "when": formats.date_format(
                timezone.localtime(job.expires_at), "DATETIME_FORMAT"
            )
        }
    )
    created = notice_send(
        recipients=[job.requested_by],
        event_key=f"{kind}:{job.pk}:{job.attempts}",
        subject=EXPORT_SUBJECTS[kind] % {"name": name},
        body=body,
        url=f"{settings.PORTAL_BASE_URL}{reverse('exports:list')}",
        about=job,
    )
    return Notification.objects.get(pk=created[0]) if created else None
