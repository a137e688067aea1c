"""Preview: the one attempt to draw a small PNG of a file's first page.

Keyed by the file's content (SHA-256 and size), so the same PDF uploaded twice is
drawn once. Status is written only by ``reporting.services.previews``; a failure is
kept like a success and is never retried automatically.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
