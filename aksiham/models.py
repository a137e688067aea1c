"""RANHAM Aksi HAM: yearly action plans, four-month periods, reports, checks and scores.

A plan lists the year's actions for one level (province or kab/kota). Every kab/kota
reports each action in each period (B04, B08, B12); the Kanwil verifies each report;
the ministry scores each period on substance and administration.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from files.models import RemovableFileFields, StoredFileFields
from kernel import clock, zones
from kernel.events import StatusEventFields
from kernel.fields import actor_field
from kernel.review import reason_labels
from regions.models import Agency, Regency

# Where no plan is at hand; a plan's own label names its generation's regulation.
SAMPLE_PLAN_LABEL = _("CONTOH — bukan daftar resmi Aksi HAM")
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class TargetGroup(models.TextChoices):
    WOMEN = "perempuan", _("Perempuan")
    CHILDREN = "anak", _("Anak")
    DISABILITY = "disabilitas", _("Penyandang disabilitas")
    INDIGENOUS = "masyarakat_adat", _("Masyarakat adat")


class Generation(models.Model):
    """One RANHAM generation: the regulation that sets it and the years it covers.

    A plan names its generation, and every label of the plan ("Perpres 53/2021
    (RANHAM 2021–2025)") is read from here, so a later generation is data.
    """

    name = models.CharField(_("nama"), max_length=100, help_text=_("Mis. »RANHAM«."))
    regulation = models.CharField(
        _("peraturan"),
        max_length=150,
        help_text=_("Jenis, nomor dan tahun peraturan, mis. »Perpres 53/2021«."),
    )
    start_year = models.PositiveSmallIntegerField(_("tahun awal"))
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    is_sample = models.BooleanField(
        _("data contoh"),
        default=False,
        help_text=_("Generasi contoh untuk demo/uji; bukan peraturan resmi."),
    )

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("generasi RAN")
        verbose_name_plural = _("generasi RAN")
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "start_year", "end_year"],
                name="generation_unique_regulation_years",
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="generation_years_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "Perpres 53/2021 (RANHAM 2021–2025)"."""
        return f"{self.regulation} ({self.name} {self.start_year}–{self.end_year})"


class ActionPlan(models.Model):
    """The year's list of Aksi HAM for one level of government."""

    class Level(models.TextChoices):
        PROVINCE = "provinsi", _("Provinsi")
        REGENCY = "kabkota", _("Kabupaten/kota")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        OPEN = "open", _("Dibuka")

    class MissingPeriod(models.TextChoices):
        ZERO = "zero", _("Dihitung nol")
        SKIP = "skip", _("Tidak dihitung (rerata periode yang dinilai)")

    year = models.PositiveSmallIntegerField(_("tahun"))
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    title = models.CharField(_("judul"), max_length=200)
    generation = models.ForeignKey(
        Generation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("generasi RAN"),
    )
    legal_basis = models.CharField(
        _("dasar hukum lain"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Hanya bila rencana ini tidak termasuk generasi RAN mana pun."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_sample = models.BooleanField(
        _("data contoh"),
        default=False,
        help_text=_("Daftar contoh untuk demo/uji; ditandai CONTOH di setiap layar."),
    )
    substance_weight = models.DecimalField(
        _("bobot substansi (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(50),
        validators=PERCENT,
    )
    missing_period = models.CharField(
        _("periode tanpa nilai"),
        max_length=10,
        choices=MissingPeriod.choices,
        default=MissingPeriod.ZERO,
        help_text=_("Cara menghitung nilai tahunan bila satu periode tidak dinilai."),
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    class Meta:
        ordering = ["-year", "level"]
        verbose_name = _("rencana Aksi HAM")
        verbose_name_plural = _("rencana Aksi HAM")
        constraints = [
            models.UniqueConstraint(fields=["year", "level"], name="plan_year_level"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year}, {self.get_level_display()})"

    def clean(self) -> None:
        generation = self.generation if self.generation_id else None
        if generation and not (
            generation.start_year <= self.year <= generation.end_year
        ):
            raise ValidationError(
                {
                    "generation": _("%(generation)s tidak mencakup tahun %(year)s.")
                    % {"generation": generation.label, "year": self.year}
                }
            )

    @property
    def basis_label(self) -> str:
        """The plan's legal basis as printed: its generation's, else its own text."""
        if self.generation_id is not None:
            return self.generation.label
        return self.legal_basis or str(_("belum ditetapkan"))

    @property
    def sample_label(self) -> str:
        """The CONTOH label naming the generation's regulation (empty for a real plan)."""
        if not self.is_sample:
            return ""
        regulation = self.generation.regulation if self.generation_id else ""
        if regulation:
            return _("CONTOH — bukan daftar resmi Aksi HAM (%(regulation)s)") % {
                "regulation": regulation
            }
        return str(SAMPLE_PLAN_LABEL)

    @property
    def administration_weight(self) -> Decimal:
        return Decimal(100) - self.substance_weight


class Action(models.Model):
    """One numbered Aksi HAM with its success measure and required evidence."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("rencana"),
    )
    number = models.PositiveSmallIntegerField(_("nomor"))
    title = models.TextField(_("aksi"))
    target_groups = models.JSONField(
        _("kelompok sasaran"), default=list, help_text=_("Satu atau lebih.")
    )
    success_measure = models.TextField(_("ukuran keberhasilan"))
    evidence_required = models.TextField(_("data dukung yang diminta"))
    dki_reports = models.BooleanField(
        _("wilayah administratif DKI melapor"),
        default=False,
        help_text=_(
            "Kota/kabupaten administrasi DKI Jakarta ikut melaporkan aksi ini."
        ),
    )
    responsible_agency_type = models.ForeignKey(
        "regions.AgencyType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OPD penanggung jawab (usulan)"),
    )

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("Aksi HAM")
        verbose_name_plural = _("Aksi HAM")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="action_number"),
        ]

    def __str__(self) -> str:
        return f"Aksi {self.number}: {self.title[:80]}"

    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(code, code)) for code in self.target_groups]


class ActionAssignment(models.Model):
    """The coordinator gives one action of the year to one OPD of the kab/kota."""

    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("aksi"),
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("kabupaten/kota"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="aksiham_assignments",
        verbose_name=_("OPD"),
    )

    class Meta:
        verbose_name = _("penugasan Aksi HAM")
        verbose_name_plural = _("penugasan Aksi HAM")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "regency"], name="one_agency_per_action"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} → {self.agency}"


class Period(models.Model):
    """B04, B08 or B12 of a year; its state follows the clock."""

    class Code(models.TextChoices):
        B04 = "B04", _("B04 (Januari–April)")
        B08 = "B08", _("B08 (Mei–Agustus)")
        B12 = "B12", _("B12 (September–Desember)")

    class State(models.TextChoices):
        UPCOMING = "upcoming", _("Belum dibuka")
        OPEN = "open", _("Dibuka")
        GRACE = "grace", _("Masa tenggang")
        CLOSED = "closed", _("Ditutup")

    year = models.PositiveSmallIntegerField(_("tahun"))
    code = models.CharField(_("periode"), max_length=3, choices=Code.choices)
    opens_at = models.DateTimeField(_("dibuka"))
    closes_at = models.DateTimeField(_("ditutup"))
    grace_until = models.DateTimeField(
        _("akhir masa tenggang"),
        help_text=_(
            "Laporan yang dikirim setelah penutupan sampai saat ini diterima dengan "
            "tanda terlambat; sesudahnya ditolak kecuali ada perpanjangan. Sama dengan "
            "waktu tutup berarti tanpa masa tenggang."
        ),
    )
    timing = zones.timing_field(
        _("berlaku sebagai"),
        help_text=_(
            "Satu saat nasional: semua daerah dibuka dan ditutup pada saat yang sama. "
            "Jam setempat: pukul yang sama menurut WIB, WITA, atau WIT tiap daerah."
        ),
    )
    fix_days = models.PositiveSmallIntegerField(
        _("hari perbaikan"),
        default=7,
        help_text=_(
            "Laporan yang dikembalikan Kanwil boleh dikirim ulang selama sekian hari "
            "sejak dikembalikan, juga setelah periode ditutup."
        ),
    )

    class Meta:
        ordering = ["-year", "code"]
        verbose_name = _("periode pelaporan")
        verbose_name_plural = _("periode pelaporan")
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="period_year_code"),
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="period_opens_before_close",
            ),
            models.CheckConstraint(
                condition=models.Q(grace_until__gte=models.F("closes_at")),
                name="period_grace_after_close",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year}"

    @property
    def is_local(self) -> bool:
        return self.timing == zones.Timing.LOCAL

    def times(self, zone: str | None = None) -> PeriodTimes:
        """Opening, closing and grace end as they apply in ``zone``.

        National timing: the stored instants. Local timing: the stored instants are
        wall clocks read in WIB, so a region in WIT closes two hours earlier. Without
        a zone: as stored (WIB).
        """
        return PeriodTimes(
            *(
                zones.regional_instant(moment, self.timing, zone)
                for moment in (self.opens_at, self.closes_at, self.grace_until)
            )
        )

    def state(self, now=None, zone: str | None = None) -> str:
        """Where the clock stands: [opens, closes) open, [closes, grace) grace."""
        now = now or clock.now()
        times = self.times(zone)
        if now < times.opens_at:
            return self.State.UPCOMING
        if now < times.closes_at:
            return self.State.OPEN
        if now < times.grace_until:
            return self.State.GRACE
        return self.State.CLOSED

    def state_label(self, now=None, zone: str | None = None) -> str:
        return str(self.State(self.state(now, zone)).label)


class PeriodTimes(NamedTuple):
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    grace_until: datetime.datetime


class PeriodExtension(models.Model):
    """An administrator reopens one period for one kab/kota until a given moment."""

    period = models.ForeignKey(
        Period,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("periode"),
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.CASCADE,
        related_name="aksiham_extensions",
        verbose_name=_("kabupaten/kota"),
    )
    until = models.DateTimeField(_("diperpanjang sampai"))
    reason = models.TextField(_("alasan"))
    granted_by = actor_field(_("diberikan oleh"))
    granted_at = models.DateTimeField(_("diberikan pada"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perpanjangan periode")
        verbose_name_plural = _("perpanjangan periode")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "regency"], name="one_extension_per_regency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.regency_id} → {clock.when(self.until)}"


class ActionReport(models.Model):
    """What one kab/kota achieved on one action in one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Dikirim")
        RETURNED = "returned", _("Dikembalikan")
        RESUBMITTED = "resubmitted", _("Dikirim ulang")
        ACCEPTED = "accepted", _("Diterima")

    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="reports", verbose_name=_("aksi")
    )
    period = models.ForeignKey(
        Period,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("periode"),
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="aksiham_reports",
        verbose_name=_("kabupaten/kota"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    achievement = models.TextField(
        _("capaian"),
        blank=True,
        help_text=_("Capaian dibandingkan dengan ukuran keberhasilan."),
    )
    achievement_percent = models.DecimalField(
        _("capaian (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    narrative = models.TextField(_("uraian pelaksanaan"), blank=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    updated_by = actor_field(_("diubah oleh"), optional=True)
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    is_late = models.BooleanField(_("terlambat"), default=False)
    extended = models.BooleanField(_("dengan perpanjangan"), default=False)
    returned_at = models.DateTimeField(_("dikembalikan pada"), null=True, blank=True)
    review_reasons = models.JSONField(
        _("alasan pengembalian"), default=list, blank=True
    )
    review_note = models.TextField(_("catatan verifikator"), blank=True)
    reviewed_by = actor_field(_("diverifikasi oleh"), optional=True)
    reviewed_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["regency", "period", "action__number"]
        verbose_name = _("laporan Aksi HAM")
        verbose_name_plural = _("laporan Aksi HAM")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "period", "regency"], name="one_report_per_period"
            ),
        ]
        indexes = [models.Index(fields=["period", "status"])]

    def __str__(self) -> str:
        return f"{self.regency_id} · {self.period} · Aksi {self.action.number}"

    def review_reason_labels(self) -> list[str]:
        return reason_labels(self.review_reasons)


def report_evidence_path(instance: ReportEvidence, filename: str) -> str:
    report = instance.report
    return f"aksiham/{report.regency_id}/{report.period.year}/{uuid.uuid4().hex}"


class ReportEvidence(RemovableFileFields, StoredFileFields):
    """One supporting document of one Aksi HAM report."""

    report = models.ForeignKey(
        ActionReport,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("laporan"),
    )
    file = models.FileField(_("berkas"), upload_to=report_evidence_path, max_length=200)

    class Meta:
        ordering = ["report", "uploaded_at", "pk"]
        verbose_name = _("data dukung Aksi HAM")
        verbose_name_plural = _("data dukung Aksi HAM")

    def __str__(self) -> str:
        return self.original_name


class ReportEvent(StatusEventFields):
    """One state change or note on a report: who, when, from, to, why."""

    report = models.ForeignKey(
        ActionReport,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("laporan"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("riwayat laporan")
        verbose_name_plural = _("riwayat laporan")

    def status_choices(self) -> dict[str, str]:
        return dict(ActionReport.Status.choices)


class PeriodScore(models.Model):
    """The ministry's score of one kab/kota for one period (0–100 each part)."""

    period = models.ForeignKey(
        Period,
        on_delete=models.PROTECT,
        related_name="scores",
        verbose_name=_("periode"),
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="aksiham_scores",
        verbose_name=_("kabupaten/kota"),
    )
    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("rencana"),
    )
    substance = models.DecimalField(
        _("nilai substansi"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    administration = models.DecimalField(
        _("nilai administrasi"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    score = models.DecimalField(_("nilai periode"), max_digits=5, decimal_places=2)
    note = models.TextField(_("catatan"), blank=True)
    scored_by = actor_field(_("dinilai oleh"))
    scored_at = models.DateTimeField(_("dinilai pada"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["regency", "period"]
        verbose_name = _("nilai periode Aksi HAM")
        verbose_name_plural = _("nilai periode Aksi HAM")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "regency"], name="one_score_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regency_id} {self.period}: {self.score}"
