"""The register of alleged human-rights violations behind the central deduction.

The ministry registers a case; the kab/kota uploads its follow-up; the Kanwil of the
province verifies the resolution or refuses it with a note. At the year's cut-off the
cases still unresolved make a deduction *proposal* (``deduction_propose``, which writes
nothing); only ``deduction_accept`` by the central team records the Adjustment, through
``adjustment_add`` and its limits, with the cases named in its basis.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.independence import independence_refusal, year_start
from accounts.models import User
from files import checks
from indicators.models import Catalogue
from kernel.errors import Refusal
from regions.models import Regency
from reporting import permissions
from reporting.models import (
    Adjustment,
    Assessment,
    CaseFollowUp,
    ViolationCase,
    YearSettings,
)
from reporting.selectors.register import unresolved_at_cutoff_cases
from reporting.services.central import adjustment_add

S = ViolationCase.Status


@transaction.atomic
def case_register(
    *,
    regency: Regency,
    title: str,
    source: str,
    reference: str,
    reported_on: datetime.date,
    actor: User,
    is_sample: bool = False,
) -> ViolationCase:
    """The ministry records an alleged violation in a kab/kota."""
    if not permissions.can_register_cases(actor):
        raise Refusal(_("Hanya Kementerian yang dapat mencatat dugaan pelanggaran."))
    if not title.strip() or not reference.strip():
        raise Refusal(_("Isi uraian kasus dan nomor rujukannya."))
    if source not in ViolationCase.Source.values:
        raise Refusal(_("Pilih sumber kasus."))
    return ViolationCase.objects.create(
        regency=regency,
        title=title.strip(),
        source=source,
        reference=reference.strip(),
        reported_on=reported_on,
        is_sample=is_sample,
        registered_by=actor,
    )


def _locked(case: ViolationCase) -> ViolationCase:
    return (
        ViolationCase.objects.select_for_update(of=("self",))
        .select_related("regency")
        .get(pk=case.pk)
    )


@transaction.atomic
def case_follow_up_add(
    *,
    case: ViolationCase,
    uploads: list[UploadedFile],
    note: str,
    actor: User,
) -> list[CaseFollowUp]:
    """The kab/kota's coordinator uploads follow-up evidence (all files or none); the
    case then waits for the Kanwil's verification."""
    case = _locked(case)
    if not permissions.can_follow_up(actor, case):
        if case.status == S.RESOLVED:
            raise Refusal(_("Kasus ini sudah diverifikasi selesai oleh Kanwil."))
        raise Refusal(_("Hanya koordinator kabupaten/kota ini yang dapat mengunggah."))
    checked = checks.check_batch(
        uploads,
        existing={f.sha256: f.original_name for f in case.follow_ups.all()},
        used_bytes=case.follow_ups.aggregate(total=Sum("size"))["total"] or 0,
    )
    stored = []
    for item in checked:
        follow_up = CaseFollowUp(
            case=case, note=note.strip(), **checks.stored_fields(item, actor)
        )
        follow_up.file.save(item.name, item.upload, save=False)
        follow_up.save()
        stored.append(follow_up)
    case.status = S.AWAITING
    case.save(update_fields=["status"])
    return stored


def case_independence_refusal(actor: User, case: ViolationCase) -> str | None:
    """Why ``actor`` may not decide on ``case`` although their office covers it, or
    None: a role in the kab/kota since the start of the year the case was reported,
    or having recorded the case or uploaded its follow-up."""
    return independence_refusal(
        actor=actor,
        regency=case.regency,
        since=year_start(case.reported_on.year),
        contributor_ids=[
            case.registered_by_id,
            *case.follow_ups.values_list("uploaded_by_id", flat=True),
        ],
        item=_("kasus ini"),
    )


def _check_verifier(actor: User, case: ViolationCase) -> None:
    if not permissions.can_verify_case(actor, case):
        if case.status != S.AWAITING:
            raise Refusal(_("Kasus ini tidak sedang menunggu verifikasi Kanwil."))
        raise Refusal(_("Hanya Kanwil provinsi kabupaten/kota ini yang memverifikasi."))
    refusal = case_independence_refusal(actor, case)
    if refusal:
        raise Refusal(refusal)


@transaction.atomic
def case_resolution_verify(
    *, case: ViolationCase, actor: User, note: str = "", now=None
) -> ViolationCase:
    """The Kanwil confirms, from the follow-up, that the case is resolved."""
    case = _locked(case)
    _check_verifier(actor, case)
    case.status = S.RESOLVED
    case.resolved_at = now or timezone.now()
    case.resolved_by = actor
    case.verification_note = note.strip()
    case.save(
        update_fields=["status", "resolved_at", "resolved_by", "verification_note"]
    )
    return case


@transaction.atomic
def case_resolution_refuse(
    *, case: ViolationCase, actor: User, note: str
) -> ViolationCase:
    """The Kanwil finds the follow-up insufficient: back to the kab/kota, with why."""
    case = _locked(case)
    _check_verifier(actor, case)
    if not note.strip():
        raise Refusal(_("Tuliskan mengapa tindak lanjut belum cukup."))
    case.status = S.OPEN
    case.verification_note = note.strip()
    case.save(update_fields=["status", "verification_note"])
    return case


# ---------------------------------------------------------------- the deduction


@dataclass(frozen=True)
class DeductionProposal:
    """What the register suggests; nothing is recorded until the team accepts."""

    catalogue: Catalogue
    regency: Regency
    cutoff: datetime.date
    cases: list[ViolationCase]
    per_case: Decimal
    limit_left: Decimal

    @property
    def suggested_points(self) -> Decimal:
        return min(self.per_case * len(self.cases), self.limit_left)

    @property
    def capped(self) -> bool:
        return self.per_case * len(self.cases) > self.limit_left

    @property
    def basis(self) -> str:
        return case_basis(self.cases, self.cutoff)


def case_line(case: ViolationCase) -> str:
    return _("%(ref)s (%(source)s, %(date)s): %(title)s") % {
        "ref": case.reference,
        "source": case.get_source_display(),
        "date": date_format(case.reported_on, "j F Y"),
        "title": case.title,
    }


def case_basis(cases: list[ViolationCase], cutoff: datetime.date) -> str:
    return _(
        "Dugaan pelanggaran HAM yang belum diselesaikan pada batas %(cutoff)s: %(cases)s"
    ) % {
        "cutoff": date_format(cutoff, "j F Y"),
        "cases": "; ".join(case_line(c) for c in cases),
    }


def unresolved_at_cutoff(catalogue: Catalogue, regency: Regency) -> list[ViolationCase]:
    """The kab/kota's cases unresolved at the year's cut-off and not yet in a
    deduction of this year."""
    return list(
        unresolved_at_cutoff_cases(catalogue)
        .filter(regency=regency)
        .exclude(deductions__assessment__catalogue=catalogue)
        .select_related("regency")
        .order_by("reported_on", "pk")
    )


def deduction_propose(*, catalogue: Catalogue, regency: Regency) -> DeductionProposal:
    """The proposal for one kab/kota and year; reads only."""
    settings = YearSettings.of(catalogue)
    used = Adjustment.objects.filter(
        assessment__catalogue=catalogue,
        assessment__regency=regency,
        kind=Adjustment.Kind.DEDUCTION,
    ).aggregate(s=Sum("points"))["s"] or Decimal(0)
    return DeductionProposal(
        catalogue=catalogue,
        regency=regency,
        cutoff=settings.cutoff,
        cases=unresolved_at_cutoff(catalogue, regency),
        per_case=settings.deduction_per_case,
        limit_left=max(catalogue.deduction_max - used, Decimal(0)),
    )


@transaction.atomic
def deduction_accept(
    *,
    assessment: Assessment,
    case_ids: list[int],
    points: Decimal,
    actor: User,
    note: str = "",
) -> Adjustment:
    """The central team's decision: a deduction of ``points`` for the proposed cases
    it shows (``case_ids``, which must still be the proposal's), named in the basis."""
    proposal = deduction_propose(
        catalogue=assessment.catalogue, regency=assessment.regency
    )
    proposed = {c.pk: c for c in proposal.cases}
    if not proposed:
        raise Refusal(_("Tidak ada kasus yang belum diselesaikan pada batas waktu."))
    if set(case_ids) != set(proposed):
        raise Refusal(
            _("Daftar kasus sudah berubah sejak usulan dibuka; buka usulan lagi.")
        )
    cases = list(proposed.values())
    basis = proposal.basis
    if note.strip():
        basis = f"{basis}\n{note.strip()}"
    adjustment = adjustment_add(
        assessment=assessment,
        kind=Adjustment.Kind.DEDUCTION,
        points=points,
        basis=basis,
        actor=actor,
    )
    adjustment.cases.add(*cases)
    return adjustment
