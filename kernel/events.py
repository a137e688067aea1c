"""What every recorded state change stores, in either programme: who, from, to, why, when."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.fields import actor_field


class StatusEventFields(models.Model):
    """An abstract history row; each programme adds what the event is about."""

    actor = actor_field(_("pelaku"), optional=True)
    from_status = models.CharField(_("dari"), max_length=20, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=20)
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.from_label} → {self.to_label}"

    def status_choices(self) -> dict[str, str]:
        """The statuses of what the event is about: stored code → label."""
        raise NotImplementedError

    def status_label(self, code: str) -> str:
        if not code:
            return "—"
        return str(self.status_choices().get(code, code))

    @property
    def from_label(self) -> str:
        return self.status_label(self.from_status)

    @property
    def to_label(self) -> str:
        return self.status_label(self.to_status)
