"""KKPHAM reporting: one Assessment per kab/kota and catalogue, one Answer per indicator.

Status fields are written only by ``reporting.services.workflow``; every change
leaves a ReviewEvent row.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indicators.models import Catalogue, Indicator
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
    deadline = models.DateTimeField(_("batas pengiriman"))
    extended_until = models.DateTimeField(
        _("diperpanjang sampai"), null=True, blank=True
    )
    extension_reason = models.CharField(
        _("alasan perpanjangan"), max_length=300, blank=True
    )
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
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
    def effective_deadline(self):
        if self.extended_until and self.extended_until > self.deadline:
            return self.extended_until
        return self.deadline

    def is_past_deadline(self, now=None) -> bool:
        return (now or timezone.now()) > self.effective_deadline


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
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diubah oleh"),
    )
    updated_at = models.DateTimeField(_("diubah pada"), null=True, blank=True)

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

    @property
    def is_answered(self) -> bool:
        return self.value is not None or self.indicator.answer_kind == "document"


def evidence_path(instance: Evidence, filename: str) -> str:
    # Never the uploader's name: a random name under the kab/kota and year.
    answer = instance.answer
    return (
        f"evidence/{answer.assessment.regency_id}/{answer.assessment.catalogue.year}/"
        f"{uuid.uuid4().hex}"
    )


class StoredFileFields(models.Model):
    """What every stored upload records (evidence, approval letters)."""

    original_name = models.CharField(_("nama berkas"), max_length=200)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    content_type = models.CharField(_("jenis isi"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), default=timezone.now)

    class Meta:
        abstract = True


class Evidence(StoredFileFields):
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
        return f"{self.approver_name}, {self.approver_position} ({self.approved_on})"


class ReviewEvent(models.Model):
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
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    from_status = models.CharField(_("dari"), max_length=20, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=20)
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"
