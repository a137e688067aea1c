"""Provinces and kabupaten/kota with Kemendagri codes, and their agencies (OPD)."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.fields import actor_field
from kernel.zones import zone_field


class Province(models.Model):
    """One of the 38 provinces; the Kemendagri code ("33") is the key."""

    code = models.CharField(
        _("kode"),
        max_length=2,
        primary_key=True,
        validators=[
            RegexValidator(r"^\d{2}$", _("Kode provinsi terdiri atas 2 angka."))
        ],
    )
    name = models.CharField(_("nama"), max_length=100)
    zone = zone_field(
        _("zona waktu"),
        help_text=_("Keppres 41/1987: WIB, WITA, atau WIT; dimuat dari data wilayah."),
    )
    # Public pages and open data are cached with the latest of these: a renamed
    # province or kab/kota shows at once.
    changed_at = models.DateTimeField(_("terakhir diubah"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Regency(models.Model):
    """A kabupaten or kota; the Kemendagri code ("33.73") is the key."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    code = models.CharField(
        _("kode"),
        max_length=5,
        primary_key=True,
        validators=[
            RegexValidator(r"^\d{2}\.\d{2}$", _("Kode kabupaten/kota berbentuk 00.00."))
        ],
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="regencies",
        verbose_name=_("provinsi"),
    )
    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    is_dki_administrative = models.BooleanField(
        _("wilayah administrasi DKI"),
        default=False,
        help_text=_(
            "Kota/kabupaten administrasi DKI Jakarta: ikut KKPHAM, umumnya tidak "
            "melapor Aksi HAM sendiri."
        ),
    )
    changed_at = models.DateTimeField(_("terakhir diubah"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AgencyType(models.Model):
    """One entry of the national template list of usual agencies (Dinkes, ...)."""

    code = models.SlugField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    short_name = models.CharField(_("singkatan"), max_length=40)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("jenis OPD")
        verbose_name_plural = _("jenis OPD")

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """A regional agency (OPD) of one kabupaten/kota."""

    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("kabupaten/kota"),
    )
    agency_type = models.ForeignKey(
        AgencyType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("jenis OPD"),
        help_text=_("Kosongkan untuk OPD yang tidak ada di daftar baku."),
    )
    name = models.CharField(_("nama"), max_length=150)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["regency", "name"]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "name"], name="agency_unique_name_per_regency"
            ),
            models.UniqueConstraint(
                fields=["regency", "agency_type"],
                condition=models.Q(agency_type__isnull=False),
                name="agency_unique_type_per_regency",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class KanwilOffice(models.Model):
    """A regional office (Kanwil) of the ministry; it verifies the provinces it covers.

    One office may cover several provinces ("Jawa Tengah dan Wilayah Kerja DIY"), and
    the coverage changes as offices are formed: see ``OfficeCoverage``.
    """

    code = models.SlugField(
        _("kode"),
        max_length=30,
        unique=True,
        help_text=_("Kode singkat yang tetap, mis. jateng."),
    )
    name = models.CharField(_("nama"), max_length=150)
    seat = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="seated_offices",
        verbose_name=_("provinsi kedudukan"),
    )
    unit_name = models.CharField(
        _("nama unit"),
        max_length=150,
        blank=True,
        help_text=_("Unit yang memverifikasi, mis. bidang pelayanan dan kepatuhan."),
    )
    source = models.TextField(
        _("sumber"), blank=True, help_text=_("Dasar pembentukan atau sumber data.")
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kantor wilayah")
        verbose_name_plural = _("kantor wilayah")

    def __str__(self) -> str:
        return self.name


class OfficeCoverage(models.Model):
    """One office covers one province from ``valid_from`` until ``valid_until``.

    Rows are never rewritten: a change closes the current row the day before the new
    one starts, so who covered a province on any past day stays readable. A province
    with no row on a day is not known to be covered by any office (the administrator
    completes it in the console).
    """

    class Certainty(models.TextChoices):
        CONFIRMED = "confirmed", _("Terkonfirmasi")
        SINGLE_SOURCE = "single_source", _("Satu sumber")
        INFERRED = "inferred", _("Dugaan, perlu dikonfirmasi")

    office = models.ForeignKey(
        KanwilOffice,
        on_delete=models.PROTECT,
        related_name="coverages",
        verbose_name=_("kantor wilayah"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="coverages",
        verbose_name=_("provinsi"),
    )
    valid_from = models.DateField(_("berlaku mulai"))
    valid_until = models.DateField(
        _("berlaku sampai"),
        null=True,
        blank=True,
        help_text=_("Kosong: masih berlaku."),
    )
    certainty = models.CharField(
        _("kepastian"),
        max_length=20,
        choices=Certainty.choices,
        default=Certainty.CONFIRMED,
    )
    source = models.TextField(_("sumber"), blank=True)
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    recorded_by = actor_field(
        _("dicatat oleh"),
        optional=True,
        help_text=_("Kosong: dimuat dari data bawaan."),
    )

    class Meta:
        ordering = ["province", "valid_from"]
        verbose_name = _("cakupan kantor wilayah")
        verbose_name_plural = _("cakupan kantor wilayah")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "valid_from"],
                name="coverage_one_start_per_province",
            ),
            models.UniqueConstraint(
                fields=["province"],
                condition=models.Q(valid_until__isnull=True),
                name="coverage_one_open_row_per_province",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="coverage_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office} — {self.province.name}"
