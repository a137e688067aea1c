"""What the open data of a published year says about itself, and the partner tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indicators.models import Catalogue
from kernel.fields import actor_field


class DataSettings(models.Model):
    """The metadata of one year's open data (Satu Data: walidata and produsen data).

    Data of each year, edited in the console by the administrators; the files and the
    API read it from here. An empty licence reads as the portal's default licence
    (``OPEN_DATA_LICENCE_NAME``/``_URL``); an empty producer as the year's issuing
    unit or ministry (the catalogue's identity).
    """

    catalogue = models.OneToOneField(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="data_settings",
        verbose_name=_("katalog"),
    )
    data_steward = models.CharField(
        _("walidata"),
        max_length=200,
        blank=True,
        help_text=_("Unit yang bertugas sebagai walidata data ini."),
    )
    data_producer = models.CharField(
        _("produsen data"),
        max_length=200,
        blank=True,
        help_text=_("Kosong: unit penerbit atau kementerian pada katalog tahun ini."),
    )
    licence_name = models.CharField(
        _("lisensi"),
        max_length=120,
        blank=True,
        help_text=_("Kosong: lisensi bawaan portal."),
    )
    licence_url = models.URLField(_("alamat teks lisensi"), blank=True)
    legal_basis = models.CharField(
        _("dasar hukum data"),
        max_length=300,
        blank=True,
        help_text=_("Peraturan yang mengatur penyebarluasan data ini."),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan data terbuka")
        verbose_name_plural = _("pengaturan data terbuka")

    def __str__(self) -> str:
        return str(self.catalogue.year)

    @classmethod
    def of(cls, catalogue: Catalogue) -> DataSettings:
        """The stored settings, or unsaved empty ones when none were stored yet."""
        found = cls.objects.filter(catalogue=catalogue).first()
        return found or cls(catalogue=catalogue)

    @property
    def producer(self) -> str:
        return (
            self.data_producer
            or self.catalogue.unit_name
            or self.catalogue.ministry_name
        )

    @property
    def licence(self) -> tuple[str, str]:
        """(name, URL): the year's own, or the portal's default licence."""
        if self.licence_name:
            return self.licence_name, self.licence_url
        return settings.OPEN_DATA_LICENCE_NAME, settings.OPEN_DATA_LICENCE_URL


class PartnerToken(models.Model):
    """A partner system's key to the read API: higher rate limits, the same data.

    Only the SHA-256 of the key is stored; the key itself is shown once, when the
    administrator creates it. A revoked token is refused.
    """

    name = models.CharField(_("nama sistem mitra"), max_length=150)
    prefix = models.CharField(_("awalan kunci"), max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = actor_field(_("dibuat oleh"), optional=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    revoked_by = actor_field(_("dicabut oleh"), optional=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("token sistem mitra")
        verbose_name_plural = _("token sistem mitra")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
