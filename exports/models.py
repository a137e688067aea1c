"""ExportJob: one requested document (PDF, XLSX or evidence ZIP), rendered by a worker.

Status is written only by ``exports.services``; the file is private and
leaves only through the permission-checked download view.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indicators.models import Catalogue
from regions.models import Province, Regency


def export_path(instance: ExportJob, filename: str) -> str:
    """A random name under exports/; the readable name is given only at download."""
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"exports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class ExportJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Diproses")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")
        EXPIRED = "expired", _("Kedaluwarsa")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"
        ZIP = "zip", "ZIP"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("diminta oleh"),
    )
    kind = models.CharField(_("jenis"), max_length=40)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("katalog"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provinsi"),
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kabupaten/kota"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    file = models.FileField(_("berkas"), upload_to=export_path, max_length=200)
    file_name = models.CharField(_("nama berkas"), max_length=150, blank=True)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"), default=0)
    error = models.TextField(_("alasan gagal"), blank=True)
    created_at = models.DateTimeField(_("diminta pada"), default=timezone.now)
    started_at = models.DateTimeField(_("mulai diproses"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("tanda hidup"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kedaluwarsa pada"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ekspor")
        verbose_name_plural = _("ekspor")
        indexes = [
            models.Index(fields=["status", "started_at"], name="export_status_idx"),
            models.Index(
                fields=["requested_by", "-created_at"], name="export_mine_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="export_progress_max_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.format} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RUNNING)


class PartStart(models.Model):
    """How often one part of a job's attempt has started rendering.

    A worker process that dies mid-part (out of memory, killed) hands the part back
    to the broker, and the part's heartbeat keeps the job alive meanwhile; past
    EXPORT_PART_MAX_STARTS the job fails instead of being tried for ever.
    """

    job = models.ForeignKey(ExportJob, on_delete=models.CASCADE, related_name="+")
    attempt = models.PositiveIntegerField()
    index = models.PositiveIntegerField()
    starts = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("mulai bagian ekspor")
        verbose_name_plural = _("mulai bagian ekspor")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "attempt", "index"], name="export_part_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}-{self.attempt}-{self.index}: {self.starts}"
