"""KKPHAM reporting: one Assessment per kab/kota and catalogue, one Answer per indicator.

Status fields are written only by ``reporting.services.workflow``; every change
leaves a ReviewEvent row.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from files.models import RemovableFileFields, StoredFileFields
from indicators.models import Catalogue, Indicator
from kernel import clock, zones
from kernel.events import StatusEventFields
from kernel.fields import actor_field
from kernel.json import JSONDocumentField, PreEncodedJSON
from kernel.review import reason_labels
from regions.models import Agency, Regency


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Pengisian")
        SUBMITTED = "submitted", _("Dikirim ke Kanwil")
        IN_VERIFICATION = "in_verification", _("Diverifikasi Kanwil")
        RETURNED = "returned", _("Dikembalikan untuk perbaikan")
        RESUBMITTED = "resubmitted", _("Dikirim ulang")
        VERIFIED = "verified", _("Terverifikasi Kanwil")
        FINAL = "final", _("Final (pusat)")
        PUBLISHED = "published", _("Diumumkan")

    # Verification of a kab/kota is complete once the Kanwil has accepted every answer
    # and forwarded it to the ministry; it stays complete through finalisation and
    # publication. Until then a total is a working figure, never a result: dashboards,
    # rankings and exports show the verification's progress instead.
    VERIFICATION_COMPLETE = frozenset({Status.VERIFIED, Status.FINAL, Status.PUBLISHED})

    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("kabupaten/kota"),
    )
    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("katalog"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # This kab/kota's instant; the administrator's choice is kept to show it.
    deadline = models.DateTimeField(_("batas pengiriman"))
    deadline_timing = zones.timing_field(_("batas berlaku sebagai"))
    deadline_zone = zones.zone_field(_("zona waktu isian batas"))
    extended_until = models.DateTimeField(
        _("diperpanjang sampai"), null=True, blank=True
    )
    extension_reason = models.CharField(
        _("alasan perpanjangan"), max_length=300, blank=True
    )
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    # Rescore requests: a score whose ``basis`` is below this count is stale.
    score_requests = models.PositiveIntegerField(
        _("permintaan hitung ulang nilai"), default=0, editable=False
    )
    score_requested_at = models.DateTimeField(
        _("hitung ulang diminta pada"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("dibuka pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        ordering = ["-catalogue__year", "regency"]
        verbose_name = _("penilaian KKPHAM")
        verbose_name_plural = _("penilaian KKPHAM")
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "catalogue"],
                name="assessment_one_per_regency_and_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regency.name} — {self.catalogue.year}"

    @property
    def verification_complete(self) -> bool:
        return self.status in self.VERIFICATION_COMPLETE

    @property
    def effective_deadline(self):
        if self.extended_until and self.extended_until > self.deadline:
            return self.extended_until
        return self.deadline

    def is_past_deadline(self, now=None) -> bool:
        return (now or timezone.now()) > self.effective_deadline

    def deadline_text(self, zone: str | None = None) -> str:
        """The deadline as the viewer reads it, with its zone(s)."""
        if self.effective_deadline != self.deadline:
            return clock.when(self.effective_deadline, zone)
        return clock.when_applying(
            self.deadline,
            timing=self.deadline_timing,
            entered_in=self.deadline_zone,
            zone=zone,
        )


class CarryDecision(models.TextChoices):
    """What the region said about an answer carried from last year."""

    KEPT = "kept", _("Sama dengan tahun lalu")
    CHANGED = "changed", _("Diubah")


class Answer(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        READY = "ready", _("Siap dikirim")
        SUBMITTED = "submitted", _("Dikirim")
        ACCEPTED = "accepted", _("Diterima")
        RETURNED = "returned", _("Dikembalikan")
        REVISED = "revised", _("Diperbaiki")

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("penilaian"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("indikator"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("OPD yang ditugasi"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # What the person typed, kept even when it does not validate yet, and the
    # cleaned value that scoring reads (None until the input is valid).
    raw_value = models.CharField(_("isian"), max_length=500, blank=True)
    value = models.JSONField(_("nilai"), null=True, blank=True)
    note = models.TextField(_("keterangan"), blank=True)
    version = models.PositiveIntegerField(_("versi"), default=0)
    updated_by = actor_field(_("diubah oleh"), on_delete=models.SET_NULL, optional=True)
    updated_at = models.DateTimeField(_("diubah pada"), null=True, blank=True)
    # The Kanwil's decision: reasons (codes of ReturnReason) and a note for the region.
    review_reasons = models.JSONField(
        _("alasan pengembalian"), default=list, blank=True
    )
    review_note = models.TextField(_("catatan verifikator"), blank=True)
    reviewed_by = actor_field(
        _("diverifikasi oleh"), on_delete=models.SET_NULL, optional=True
    )
    reviewed_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    # The answer kind's score 0-100, fixed when the Kanwil accepts the answer; scoring
    # reads only this, so totals can be recomputed (and cross-checked in SQL) cheaply.
    score = models.DecimalField(
        _("skor indikator"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    # Started from last year's answer (``reporting.services.carry``): the source row,
    # and what the region decided about it (nothing yet, the same, or a change).
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibawa dari jawaban"),
    )
    carry_decision = models.CharField(
        _("keputusan atas jawaban tahun lalu"),
        max_length=8,
        choices=CarryDecision.choices,
        blank=True,
    )
    history = HistoricalRecords(
        excluded_fields=["version"], cascade_delete_history=True
    )

    class Meta:
        ordering = ["assessment", "indicator__category__order", "indicator__order"]
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="answer_one_per_indicator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} — {self.assessment}"

    def review_reason_labels(self) -> list[str]:
        return reason_labels(self.review_reasons)

    @property
    def carry_pending(self) -> bool:
        """Carried from last year and not yet confirmed or changed by the region."""
        return self.carried_from_id is not None and not self.carry_decision

    @property
    def is_answered(self) -> bool:
        return self.value is not None or self.indicator.kind.evidence_only

    @property
    def input_invalid(self) -> bool:
        """Something was typed that is not a valid answer: kept for its author,
        never counted, scored or shown to reviewers as the region's answer."""
        return bool(self.raw_value.strip()) and self.value is None


def evidence_path(instance: Evidence, filename: str) -> str:
    # Never the uploader's name: a random name under the kab/kota and year.
    answer = instance.answer
    return (
        f"evidence/{answer.assessment.regency_id}/{answer.assessment.catalogue.year}/"
        f"{uuid.uuid4().hex}"
    )


class Evidence(RemovableFileFields, StoredFileFields):
    """One supporting document ("data dukung") of one answer."""

    answer = models.ForeignKey(
        Answer,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("jawaban"),
    )
    file = models.FileField(_("berkas"), upload_to=evidence_path, max_length=200)
    effective_date = models.DateField(
        _("tanggal berlaku"),
        null=True,
        blank=True,
        help_text=_(
            "Tanggal dokumen (misalnya tanggal penetapan), bukan tanggal unggah."
        ),
    )
    # A row carried from last year's answer points at the same stored file (no copy
    # of the bytes); the purge deletes bytes only when no row needs them any more.
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibawa dari data dukung"),
    )

    # Never cascade: the history of a file outlives the file (and its answer).
    history = HistoricalRecords()

    class Meta:
        ordering = ["answer", "uploaded_at", "pk"]
        verbose_name = _("data dukung")
        verbose_name_plural = _("data dukung")

    def __str__(self) -> str:
        return self.original_name


def approval_path(instance: Approval, filename: str) -> str:
    assessment = instance.assessment
    return f"approvals/{assessment.regency_id}/{assessment.catalogue.year}/{uuid.uuid4().hex}"


class Approval(StoredFileFields):
    """The Sekda's (or OPD head's) approval before the data leaves the kab/kota."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="approvals",
        verbose_name=_("penilaian"),
    )
    approver_name = models.CharField(_("nama pejabat"), max_length=150)
    approver_position = models.CharField(_("jabatan"), max_length=150)
    approved_on = models.DateField(_("tanggal persetujuan"))
    file = models.FileField(
        _("surat persetujuan"), upload_to=approval_path, max_length=200
    )

    class Meta:
        ordering = ["assessment", "-uploaded_at"]
        verbose_name = _("persetujuan pimpinan daerah")
        verbose_name_plural = _("persetujuan pimpinan daerah")

    def __str__(self) -> str:
        approved_on = date_format(self.approved_on, "j F Y")
        return f"{self.approver_name}, {self.approver_position} ({approved_on})"


class ReviewEvent(StatusEventFields):
    """One state change of an assessment or an answer: who, when, from, to, why."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("penilaian"),
    )
    answer = models.ForeignKey(
        Answer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("jawaban"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")

    def status_choices(self) -> dict[str, str]:
        """An answer's statuses for its events, the assessment's for the others."""
        statuses = Answer.Status if self.answer_id else Assessment.Status
        return dict(statuses.choices)


class Adjustment(models.Model):
    """A central bonus or deduction, always with its written basis."""

    class Kind(models.TextChoices):
        BONUS = "bonus", _("Bonus")
        DEDUCTION = "deduction", _("Pengurangan")

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="adjustments",
        verbose_name=_("penilaian"),
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    points = models.DecimalField(_("nilai"), max_digits=5, decimal_places=2)
    basis = models.TextField(
        _("dasar"),
        help_text=_(
            "Misalnya nilai Aksi HAM tahun lalu, atau dugaan pelanggaran HAM yang "
            "belum diselesaikan, dengan rujukan dokumennya."
        ),
    )
    created_by = actor_field(_("dicatat oleh"))
    created_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "created_at"]
        verbose_name = _("bonus/pengurangan")
        verbose_name_plural = _("bonus/pengurangan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(points__gt=0), name="adjustment_points_positive"
            ),
        ]

    def __str__(self) -> str:
        sign = "+" if self.kind == self.Kind.BONUS else "−"
        return f"{sign}{self.points} ({self.basis[:60]})"


class Publication(models.Model):
    """The decree that makes a year's results public; afterwards the year is locked."""

    catalogue = models.OneToOneField(
        Catalogue,
        on_delete=models.PROTECT,
        related_name="publication",
        verbose_name=_("katalog"),
    )
    decree_number = models.CharField(_("nomor keputusan"), max_length=150)
    decree_date = models.DateField(_("tanggal keputusan"))
    published_by = actor_field(_("diumumkan oleh"))
    published_at = models.DateTimeField(_("diumumkan pada"), default=timezone.now)

    class Meta:
        verbose_name = _("pengumuman hasil")
        verbose_name_plural = _("pengumuman hasil")

    def __str__(self) -> str:
        return f"{self.decree_number} ({date_format(self.decree_date, 'j F Y')})"


class Score(models.Model):
    """An assessment's computed result with the whole breakdown that explains it."""

    assessment = models.OneToOneField(
        Assessment,
        on_delete=models.CASCADE,
        related_name="score",
        verbose_name=_("penilaian"),
    )
    base_total = models.DecimalField(
        _("nilai sebelum penyesuaian"), max_digits=5, decimal_places=2
    )
    bonus = models.DecimalField(_("bonus"), max_digits=5, decimal_places=2, default=0)
    deduction = models.DecimalField(
        _("pengurangan"), max_digits=5, decimal_places=2, default=0
    )
    total = models.DecimalField(_("nilai akhir"), max_digits=5, decimal_places=2)
    hasil_points = models.DecimalField(
        _("nilai hasil"),
        max_digits=7,
        decimal_places=2,
        help_text=_("Dipakai untuk memecah nilai yang sama."),
    )
    returned_count = models.PositiveIntegerField(
        _("jumlah jawaban pernah dikembalikan"), default=0
    )
    predicate = models.CharField(_("predikat"), max_length=60)
    earns_award = models.BooleanField(_("berpredikat penghargaan"), default=False)
    is_final = models.BooleanField(_("final"), default=False)
    # The assessment's ``score_requests`` when its answers were read for this row.
    basis = models.PositiveIntegerField(_("dasar permintaan"), default=0)
    rule_version = models.CharField(_("versi aturan"), max_length=40)
    # A national recompute writes text it encoded itself (reporting.services.ranking).
    breakdown = JSONDocumentField(_("rincian"), encoder=PreEncodedJSON)
    # The breakdown's category codes and scores, [{"code": "K01", "score": "87.50"}],
    # in category order: what lists of many scores read (open data, exports),
    # without the 120 indicator lines.
    category_scores = models.JSONField(_("nilai per kategori"), default=list)
    computed_at = models.DateTimeField(_("dihitung pada"), default=timezone.now)

    class Meta:
        # The tie rules (ranks themselves are derived when read: reporting.selectors.scores).
        ordering = ["-total", "-hasil_points", "returned_count", "assessment_id"]
        verbose_name = pgettext_lazy("skor", "nilai")
        verbose_name_plural = pgettext_lazy("skor", "nilai")

    def __str__(self) -> str:
        return f"{self.assessment}: {self.total} ({self.predicate})"


class ScoreRun(models.Model):
    """One recompute of a whole year, with its progress; the swap happens at the end."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="score_runs",
        verbose_name=_("katalog"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    done = models.PositiveIntegerField(_("selesai"), default=0)
    total = models.PositiveIntegerField(_("jumlah"), default=0)
    error = models.TextField(_("galat"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    heartbeat_at = models.DateTimeField(_("tanda hidup"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("penghitungan ulang")
        verbose_name_plural = _("penghitungan ulang")

    def __str__(self) -> str:
        return f"{self.catalogue.year}: {self.get_status_display()} {self.done}/{self.total}"


# ---------------------------------------------------------------- the case register


class YearSettings(models.Model):
    """The register's and the best-region list's settings for one catalogue year.

    Defaults follow the ministry's published 2023 criteria (Kementerian Hukum dan HAM,
    best-region criteria: highest score, the award three years running, an Aksi HAM
    yearly score of at least 80 the year before, no unresolved alleged violations at
    the cut-off of 17 September). The size of a deduction is not public: the points
    per case are a setting the central team decides on.
    """

    class BestRule(models.TextChoices):
        TOP = "top", _("Nilai tertinggi: sejumlah daerah teratas yang memenuhi syarat")
        ALL = "all", _("Semua daerah yang memenuhi syarat")

    catalogue = models.OneToOneField(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="year_settings",
        verbose_name=_("katalog"),
    )
    cutoff_date = models.DateField(
        _("batas waktu penyelesaian kasus"),
        null=True,
        blank=True,
        help_text=_(
            "Dugaan pelanggaran yang belum diverifikasi selesai pada akhir tanggal ini "
            "(WIB) dihitung belum diselesaikan. Kosong: 17 September tahun katalog "
            "(batas tahun 2023)."
        ),
    )
    deduction_per_case = models.DecimalField(
        _("usulan pengurangan per kasus"),
        max_digits=5,
        decimal_places=2,
        default=1,
        help_text=_(
            "Besar pengurangan tidak diumumkan; angka ini hanya usulan bagi Tim Penilai."
        ),
    )
    best_min_aksi_score = models.DecimalField(
        _("nilai Aksi HAM minimal tahun sebelumnya"),
        max_digits=5,
        decimal_places=2,
        default=80,
        help_text=_("Kriteria daerah terbaik 2023: paling sedikit 80."),
    )
    best_years_running = models.PositiveSmallIntegerField(
        _("penghargaan berturut-turut (tahun)"),
        default=3,
        help_text=_("Kriteria daerah terbaik 2023: tiga tahun berturut-turut."),
    )
    best_rule = models.CharField(
        _("aturan nilai tertinggi"),
        max_length=5,
        choices=BestRule.choices,
        default=BestRule.TOP,
    )
    best_count = models.PositiveSmallIntegerField(
        _("jumlah daerah terbaik"),
        default=5,
        help_text=_(
            "Untuk aturan nilai tertinggi; lima teratas diumumkan secara nasional."
        ),
    )

    class Meta:
        verbose_name = _("pengaturan tahun")
        verbose_name_plural = _("pengaturan tahun")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deduction_per_case__gt=0),
                name="year_settings_deduction_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(best_count__gt=0),
                name="year_settings_count_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(self.catalogue)

    @classmethod
    def of(cls, catalogue: Catalogue) -> YearSettings:
        """The stored settings, or unsaved defaults when none were stored yet."""
        found = cls.objects.filter(catalogue=catalogue).first()
        return found or cls(catalogue=catalogue)

    @property
    def cutoff(self) -> datetime.date:
        """The cut-off day (the stored one, or 17 September of the year)."""
        return self.cutoff_date or datetime.date(self.catalogue.year, 9, 17)

    @property
    def cutoff_end(self) -> datetime.datetime:
        """The first instant after the cut-off day, in WIB."""
        day = self.cutoff + datetime.timedelta(days=1)
        return zones.instant(
            datetime.datetime.combine(day, datetime.time()), zones.NATIONAL
        )


class ViolationCase(models.Model):
    """An alleged human-rights violation in a kab/kota, as registered by the ministry."""

    class Source(models.TextChoices):
        COMPLAINT = "complaint", _("Layanan pengaduan Kementerian")
        KOMNAS = "komnas", _("Komnas HAM")
        KANWIL = "kanwil", _("Kanwil")

    class Status(models.TextChoices):
        OPEN = "open", _("Belum diselesaikan")
        AWAITING = "awaiting", _("Tindak lanjut menunggu verifikasi Kanwil")
        RESOLVED = "resolved", _("Selesai (diverifikasi Kanwil)")

    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="violation_cases",
        verbose_name=_("kabupaten/kota"),
    )
    title = models.CharField(_("kasus"), max_length=300)
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    reference = models.CharField(
        _("nomor rujukan"),
        max_length=100,
        help_text=_("Misalnya nomor pengaduan di layanan pengaduan Kementerian."),
    )
    reported_on = models.DateField(_("tanggal"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    is_sample = models.BooleanField(
        _("contoh"),
        default=False,
        help_text=_("Data contoh untuk uji coba; bukan kasus sebenarnya."),
    )
    registered_by = actor_field(_("dicatat oleh"))
    registered_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    resolved_at = models.DateTimeField(
        _("diverifikasi selesai pada"), null=True, blank=True
    )
    resolved_by = actor_field(_("diverifikasi oleh"), optional=True)
    verification_note = models.TextField(_("catatan verifikasi Kanwil"), blank=True)
    deductions = models.ManyToManyField(
        Adjustment,
        blank=True,
        related_name="cases",
        verbose_name=_("pengurangan"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["regency", "reported_on", "pk"]
        verbose_name = _("dugaan pelanggaran HAM")
        verbose_name_plural = _("dugaan pelanggaran HAM")

    def __str__(self) -> str:
        label = f"{self.reference}: {self.title}"
        return f"{_('CONTOH')} — {label}" if self.is_sample else label


def follow_up_path(instance: CaseFollowUp, filename: str) -> str:
    return f"cases/{instance.case.regency_id}/{uuid.uuid4().hex}"


class CaseFollowUp(RemovableFileFields, StoredFileFields):
    """One document the kab/kota uploaded as follow-up of a case."""

    case = models.ForeignKey(
        ViolationCase,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("kasus"),
    )
    note = models.TextField(_("keterangan tindak lanjut"), blank=True)
    file = models.FileField(_("berkas"), upload_to=follow_up_path, max_length=200)

    class Meta:
        ordering = ["case", "uploaded_at", "pk"]
        verbose_name = _("tindak lanjut kasus")
        verbose_name_plural = _("tindak lanjut kasus")

    def __str__(self) -> str:
        return self.original_name


class AnswerSheetPlan(models.Model):
    """An uploaded answer sheet as read and compared, waiting for its person to
    confirm (reporting.services.answer_sheets): the confirmation applies this,
    never values posted back by the page. Kept for an hour."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("penilaian"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("pengguna"),
    )
    plan = models.JSONField(_("rencana perubahan"))
    created_at = models.DateTimeField(_("dibuat pada"))

    class Meta:
        verbose_name = _("pratinjau lembar isian")
        verbose_name_plural = _("pratinjau lembar isian")

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.created_at:%Y-%m-%d %H:%M}"
