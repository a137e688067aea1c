"""Stored uploads of either programme: the fields every stored file records, soft
removal, and ``Preview`` (the one attempt to draw a small PNG of a file's first page).

A preview is keyed by the file's content (SHA-256 and size), so the same PDF uploaded
twice is drawn once. Its status is written only by ``files.services.previews``; a
failure is kept like a success and is never retried automatically.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.fields import actor_field


class StoredFileFields(models.Model):
    """What every stored upload records (evidence, approval letters)."""

    original_name = models.CharField(_("nama berkas"), max_length=200)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    content_type = models.CharField(_("jenis isi"), max_length=100)
    uploaded_by = actor_field(_("diunggah oleh"))
    uploaded_at = models.DateTimeField(_("diunggah pada"), default=timezone.now)

    class Meta:
        abstract = True


class ActiveFileManager(models.Manager):
    """Only files that were not removed; ``all_objects`` also sees removed ones.

    The default manager, so related managers (``answer.evidence``), prefetches,
    downloads, exports, scoring and the duplicate and size checks never see a
    removed file. Joins (``Count("evidence")``) must filter ``removed_at`` themselves.
    """

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(removed_at=None)


class RemovableFileFields(models.Model):
    """Removal keeps the row: who removed the file, when and why; the bytes stay
    until ``EVIDENCE_REMOVED_RETENTION_DAYS`` have passed (then ``purged_at``)."""

    removed_at = models.DateTimeField(
        _("dihapus pada"), null=True, blank=True, db_index=True
    )
    removed_by = actor_field(_("dihapus oleh"), optional=True)
    removal_reason = models.CharField(
        _("alasan penghapusan"), max_length=300, blank=True
    )
    purged_at = models.DateTimeField(
        _("berkas dimusnahkan pada"), null=True, blank=True
    )

    objects = ActiveFileManager()
    all_objects = models.Manager()  # noqa: DJ012 (the second manager, not a field)

    class Meta:
        abstract = True

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Preview(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Diproses")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    cpu_seconds = models.DecimalField(
        _("detik CPU"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sha256", "size"], name="preview_one_per_content"
            )
        ]
        verbose_name = _("pratinjau")
        verbose_name_plural = _("pratinjau")

    def __str__(self) -> str:
        return f"{self.sha256[:12]}… ({self.size}): {self.get_status_display()}"

    @property
    def file_name(self) -> str:
        """Where the PNG is kept in the (private) default storage."""
        return f"previews/{self.sha256}-{self.size}.png"


class PartialUpload(models.Model):
    """A resumable (tus) upload in progress: its bytes so far are chunk objects under
    ``partial/<key>/`` in the private storage, never evidence until complete.

    ``purpose`` and ``target_id`` say what the finished file is for (an answer's
    evidence); only ``owner`` may continue it. Expired rows and their chunks are
    removed by ``files.tasks.sweep_partial_uploads``.
    """

    key = models.CharField(_("kunci"), max_length=64, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("pengunggah"),
    )
    purpose = models.CharField(_("tujuan"), max_length=40)
    target_id = models.PositiveBigIntegerField(_("objek tujuan"))
    name = models.CharField(_("nama berkas"), max_length=255)
    length = models.PositiveBigIntegerField(_("ukuran (bita)"))
    offset = models.PositiveBigIntegerField(_("diterima (bita)"), default=0)
    chunks = models.PositiveIntegerField(_("potongan"), default=0)
    created_at = models.DateTimeField(_("dibuat pada"))
    expires_at = models.DateTimeField(_("kedaluwarsa pada"), db_index=True)

    class Meta:
        verbose_name = _("unggahan sebagian")
        verbose_name_plural = _("unggahan sebagian")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(offset__lte=models.F("length")),
                name="partial_upload_offset_within_length",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.offset}/{self.length})"

    @property
    def folder(self) -> str:
        return f"partial/{self.key}"

    def chunk_name(self, number: int) -> str:
        return f"{self.folder}/{number:06d}"


def stored_file_models(
    base: type[models.Model] | None = None,
) -> list[type[models.Model]]:
    """The installed models that store uploads (every concrete subclass of ``base``,
    ``StoredFileFields`` by default): each programme's evidence, letters and so on."""
    base = base or StoredFileFields
    return [model for model in apps.get_models() if issubclass(model, base)]
