"""The KKPHAM catalogue: one per assessment year, frozen once open.

Catalogue → Category (the 10 rights) → Indicator (struktur / proses / hasil). The
official wording is not public, so catalogues are imported data; ``is_sample``
marks the shipped sample wherever it is shown.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.answer_kinds import AnswerKindRule, kind_for
from kernel.fields import actor_field
from regions.models import AgencyType

# Where no catalogue is at hand; a catalogue's own label names its regulation.
SAMPLE_LABEL = _("CONTOH — bukan teks resmi")

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


UNKNOWN_SIZE = _(
    "Besaran tidak diatur dalam sumber publik; isi sesuai keputusan Tim Penilai."
)


def percent_field(label: str, default: int, help_text: str = "") -> models.DecimalField:
    """A catalogue setting from 0 to 100 with two decimals."""
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        default=Decimal(default),
        validators=PERCENT,
        help_text=help_text,
    )


# The scoring settings of a year: copied to a new year, exported and imported with
# the catalogue, edited together in the console.
CATALOGUE_SETTINGS = (
    "weight_struktur",
    "weight_proses",
    "weight_hasil",
    "bonus_max",
    "deduction_max",
    "pembina_min_share",
)


# The programme's identity in a year: its names, the ministry and unit that issue its
# documents, the award wording, the letterhead and who signs. Data of each year,
# copied to the next year, exported and imported with the catalogue, edited in the
# console; templates and documents read them from here, never from literals.
CATALOGUE_IDENTITY = (
    "programme_name",
    "programme_short_name",
    "ministry_name",
    "unit_name",
    "regional_office_name",
    "legal_basis_short",
    "award_name",
    "letterhead",
    "signatory_office",
    "signatory_position",
    "signatory_name",
    "signatory_place",
)

# What the portal showed before the identity became data; a new catalogue takes the
# newest catalogue's identity instead (``catalogue_create``), so these apply only to
# the first year of an empty portal and to rows that existed before.
IDENTITY_DEFAULTS = {
    "programme_name": "Kabupaten/Kota Peduli HAM",
    "programme_short_name": "KKPHAM",
    "ministry_name": "Kementerian Hak Asasi Manusia",
    "unit_name": "",
    "regional_office_name": "Kantor Wilayah Kementerian Hak Asasi Manusia",
    "legal_basis_short": "Permenkumham 22/2021",
    "award_name": "Kabupaten/Kota Peduli HAM",
    "letterhead": "",
    "signatory_office": "",
    "signatory_position": "",
    "signatory_name": "",
    "signatory_place": "",
}


def identity_field(
    name: str, label: str, max_length: int = 200, help_text: str = ""
) -> models.CharField:
    """One identity text; its default is what the portal showed before (may be empty)."""
    return models.CharField(
        label,
        max_length=max_length,
        default=IDENTITY_DEFAULTS[name],
        blank=not IDENTITY_DEFAULTS[name],
        help_text=help_text,
    )


class Catalogue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        OPEN = "open", _("Dibuka")
        CLOSED = "closed", _("Ditutup")

    year = models.PositiveSmallIntegerField(_("tahun penilaian"), unique=True)
    data_year = models.PositiveSmallIntegerField(
        _("tahun data"), help_text=_("Biasanya tahun penilaian dikurangi satu.")
    )
    title = models.CharField(_("judul"), max_length=200)
    legal_basis = models.TextField(_("dasar hukum"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_sample = models.BooleanField(
        _("katalog contoh"),
        default=False,
        help_text=_(
            "Tandai jika teks indikator bukan teks resmi; label CONTOH tampil di mana-mana."
        ),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("disalin dari"),
    )
    # Scoring settings. Defaults are the documented 2016 rule (10/30/60).
    weight_struktur = percent_field(_("bobot struktur"), 10)
    weight_proses = percent_field(_("bobot proses"), 30)
    weight_hasil = percent_field(_("bobot hasil"), 60)
    bonus_max = percent_field(_("bonus maksimum"), 0, UNKNOWN_SIZE)
    deduction_max = percent_field(_("pengurangan maksimum"), 0, UNKNOWN_SIZE)
    pembina_min_share = percent_field(
        _("ambang provinsi pembina (%)"),
        60,
        _("Persentase kabupaten/kota berpredikat agar provinsi disebut pembina."),
    )
    # The programme's identity in this year (see CATALOGUE_IDENTITY).
    programme_name = identity_field(
        "programme_name",
        _("nama program"),
        help_text=_("Nama lengkap program pada tahun ini, seperti dalam peraturannya."),
    )
    programme_short_name = identity_field(
        "programme_short_name", _("nama singkat program"), 60
    )
    ministry_name = identity_field("ministry_name", _("nama kementerian"))
    unit_name = identity_field(
        "unit_name",
        _("unit penerbit"),
        help_text=_("Unit kementerian yang menerbitkan dokumen (boleh kosong)."),
    )
    regional_office_name = identity_field(
        "regional_office_name", _("nama kantor wilayah")
    )
    legal_basis_short = identity_field(
        "legal_basis_short",
        _("dasar hukum (singkat)"),
        120,
        help_text=_("Mis. nomor dan tahun peraturan; tampil pada label CONTOH."),
    )
    award_name = identity_field(
        "award_name",
        _("nama penghargaan"),
        help_text=_("Judul daftar penerima: »Daftar <nama penghargaan> <tahun>«."),
    )
    letterhead = models.TextField(
        _("baris kop surat tambahan"),
        blank=True,
        default="",
        help_text=_(
            "Di bawah nama kementerian dan unit: satu baris per baris (alamat, telepon)."
        ),
    )
    signatory_office = identity_field(
        "signatory_office",
        _("atas nama (penandatangan)"),
        help_text=_("Mis. »a.n. Menteri«; kosong bila tidak ada."),
    )
    signatory_position = identity_field(
        "signatory_position", _("jabatan penandatangan")
    )
    signatory_name = identity_field("signatory_name", _("nama penandatangan"))
    signatory_place = identity_field(
        "signatory_place", _("tempat penandatanganan"), 100
    )
    opened_at = models.DateTimeField(_("dibuka pada"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("katalog indikator")
        verbose_name_plural = _("katalog indikator")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    weight_struktur__gte=0, weight_proses__gte=0, weight_hasil__gte=0
                ),
                name="catalogue_weights_not_negative",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.year} — {self.title}"
        return f"{label} [{self.sample_label}]" if self.is_sample else label

    @property
    def sample_label(self) -> str:
        """The CONTOH label naming this year's regulation (empty for a real catalogue)."""
        if not self.is_sample:
            return ""
        if self.legal_basis_short:
            return _("CONTOH — bukan teks resmi Lampiran %(regulation)s") % {
                "regulation": self.legal_basis_short
            }
        return str(SAMPLE_LABEL)

    @property
    def letterhead_lines(self) -> list[str]:
        """The letterhead as printed: ministry, unit, then the extra lines."""
        extra = [line.strip() for line in self.letterhead.splitlines()]
        lines = [self.ministry_name, self.unit_name, *extra]
        return [line for line in lines if line]

    @property
    def is_editable(self) -> bool:
        """Only a draft may change; an open or closed catalogue is frozen."""
        return self.status == self.Status.DRAFT

    def type_weights(self) -> dict[str, Decimal]:
        return {
            Indicator.Type.STRUKTUR: self.weight_struktur,
            Indicator.Type.PROSES: self.weight_proses,
            Indicator.Type.HASIL: self.weight_hasil,
        }


class PredicateBand(models.Model):
    """A score band and its predicate; the default bands are the 2016 rule."""

    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="bands",
        verbose_name=_("katalog"),
    )
    min_score = models.DecimalField(
        _("nilai minimum"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    label = models.CharField(_("predikat"), max_length=60)
    earns_award = models.BooleanField(_("mendapat penghargaan"), default=False)

    class Meta:
        ordering = ["catalogue", "-min_score"]
        verbose_name = _("pita predikat")
        verbose_name_plural = _("pita predikat")
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue", "min_score"], name="band_unique_min_per_catalogue"
            ),
        ]

    def __str__(self) -> str:
        return f"≥ {self.min_score}: {self.label}"


DEFAULT_BANDS = (
    (Decimal(75), "Peduli HAM", True),
    (Decimal(65), "Cukup Peduli HAM", False),
    (Decimal(50), "Mulai Peduli HAM", False),
    (Decimal(0), "Kurang Peduli HAM", False),
)


class Category(models.Model):
    """One of the rights criteria (10 in KKPHAM), group A or B."""

    class Group(models.TextChoices):
        CIVIL_POLITICAL = "A", _("A — Hak sipil dan politik")
        ECOSOC = "B", _("B — Hak ekonomi, sosial, dan budaya")

    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="categories",
        verbose_name=_("katalog"),
    )
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama"), max_length=200)
    group = models.CharField(_("kelompok"), max_length=1, choices=Group.choices)
    order = models.PositiveSmallIntegerField(_("urutan"))
    description = models.TextField(_("uraian"), blank=True)
    weight = models.DecimalField(
        _("bobot kategori"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_(
            "Nilai total = rata-rata nilai kategori berbobot ini (baku: sama rata)."
        ),
    )

    class Meta:
        ordering = ["catalogue", "order", "code"]
        verbose_name = _("kategori hak")
        verbose_name_plural = _("kategori hak")
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue", "code"], name="category_unique_code_per_catalogue"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Indicator(models.Model):
    class Type(models.TextChoices):
        STRUKTUR = "struktur", _("Struktur")
        PROSES = "proses", _("Proses")
        HASIL = "hasil", _("Hasil")

    class AnswerKind(models.TextChoices):
        YES_NO = "yes_no", _("Ya/Tidak")
        CHOICE = "choice", _("Pilihan bertingkat")
        NUMBER = "number", _("Angka")
        PERCENTAGE = "percentage", _("Persentase")
        DOCUMENT = "document", _("Dokumen saja")

    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("katalog"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("kategori"),
    )
    code = models.CharField(_("kode"), max_length=30)
    order = models.PositiveSmallIntegerField(_("urutan"))
    type = models.CharField(_("jenis indikator"), max_length=10, choices=Type.choices)
    text = models.TextField(_("teks indikator"))
    unit = models.CharField(_("satuan"), max_length=60, blank=True)
    answer_kind = models.CharField(
        _("jenis jawaban"), max_length=12, choices=AnswerKind.choices
    )
    weight = models.DecimalField(
        _("bobot"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_(
            "Bobot relatif di antara indikator sejenis dalam kategori yang sama."
        ),
    )
    options = models.JSONField(
        _("pilihan jawaban"),
        default=list,
        blank=True,
        help_text=_("Untuk jenis pilihan: daftar {label, score} dengan nilai 0–100."),
    )
    target = models.DecimalField(
        _("target"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Untuk angka/persentase: nilai yang mendapat skor penuh."),
    )
    bands = models.JSONField(
        _("pita nilai"),
        default=list,
        blank=True,
        help_text=_(
            "Alternatif target: daftar {min, score}; skor dari min tertinggi ≤ nilai."
        ),
    )
    evidence_required = models.BooleanField(_("wajib data dukung"), default=True)
    evidence_description = models.TextField(
        _("data dukung yang diharapkan"), blank=True
    )
    responsible_agency_type = models.ForeignKey(
        AgencyType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("OPD penanggung jawab"),
    )
    help_text = models.TextField(_("petunjuk pengisian"), blank=True)

    class Meta:
        ordering = ["catalogue", "category__order", "order"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue", "code"], name="indicator_unique_code_per_catalogue"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"

    @property
    def kind(self) -> AnswerKindRule:
        """The answer kind's behaviour (form field, display, validation, score)."""
        return kind_for(self.answer_kind)

    def clean(self) -> None:
        self.kind.check_config(self)
        if (
            self.category_id
            and self.catalogue_id
            and (self.category.catalogue_id != self.catalogue_id)
        ):
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {"category": _("Kategori berasal dari katalog lain.")}
            )


class IndicatorMapping(models.Model):
    """Where a year's indicator takes last year's answer from, when the catalogue
    changed: another code (``source``), or nothing (``source`` empty: not carried).

    Without a row, an indicator takes the answer of the same code in the previous
    catalogue. Made by an administrator; read when a kab/kota starts from last year.
    """

    target = models.OneToOneField(
        Indicator,
        on_delete=models.CASCADE,
        related_name="carried_from_mapping",
        verbose_name=_("indikator tahun ini"),
    )
    source = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="carried_to_mappings",
        verbose_name=_("indikator tahun lalu"),
        help_text=_("Kosong: jawaban tahun lalu tidak dibawa ke indikator ini."),
    )
    created_by = actor_field(_("dibuat oleh"), on_delete=models.SET_NULL, optional=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        ordering = ["target__catalogue", "target__category__order", "target__order"]
        verbose_name = _("padanan indikator")
        verbose_name_plural = _("padanan indikator")

    def __str__(self) -> str:
        source = self.source.code if self.source_id else "—"
        return f"{source} → {self.target.code}"
