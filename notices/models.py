"""Notification: an in-app notice (and its e-mail) for one person about one event."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One notice per person per event (``event_key``): never twice.

    ``about`` points at what the event concerns (a KKPHAM assessment, an Aksi HAM
    report...), whichever programme it belongs to; the link for the person is in
    ``url``.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("penerima"),
    )
    event_key = models.CharField(_("kunci peristiwa"), max_length=100)
    about_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jenis pokok"),
    )
    about_id = models.PositiveBigIntegerField(_("nomor pokok"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    subject = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"))
    url = models.CharField(_("tautan"), max_length=300)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat surel"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"], name="notification_once_per_event"
            ),
        ]
        indexes = [
            models.Index(
                fields=["about_type", "about_id"], name="notification_about_idx"
            )
        ]

    def __str__(self) -> str:
        return self.subject
