"""Background tasks recorded in the same transaction as the change that needs them."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxTask(models.Model):
    """A task not yet handed to the broker; the row is deleted once the broker has it."""

    task = models.CharField(_("tugas"), max_length=200)
    args = models.JSONField(_("argumen"), default=list)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(_("percobaan kirim"), default=0)
    last_error = models.TextField(_("galat terakhir"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tugas tertunda")
        verbose_name_plural = _("tugas tertunda")

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
