"""Opening a year for every kab/kota, deadlines, assignment to OPD, approval records."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from accounts import access
from accounts.models import User
from accounts.services import invitations
from accounts.services.invitations import InviteOutcome
from files import checks
from indicators.models import Catalogue
from kernel import zones
from kernel.bulk import create_pairs
from kernel.clock import when
from kernel.errors import Refusal
from regions.models import Agency, Regency
from reporting import permissions
from reporting.models import Answer, Approval, Assessment, Publication, ReviewEvent
from reporting.services.workflow import history_note


def _require_admin(actor: User) -> None:
    if not access.is_administrator(actor):
        raise Refusal(_("Hanya administrator yang dapat melakukan ini."))


def _require_coordinator(actor: User, assessment: Assessment) -> None:
    if not permissions.is_coordinator(actor, assessment):
        raise Refusal(
            _("Hanya koordinator kabupaten/kota ini yang dapat melakukannya.")
        )


def _require_before_deadline(assessment: Assessment, now=None) -> None:
    refusal = permissions.deadline_refusal(assessment, now=now)
    if refusal:
        raise Refusal(refusal)


@transaction.atomic
def assessments_open(
    *,
    catalogue: Catalogue,
    deadline: datetime.datetime,
    actor: User | None,
    regency_codes: list[str] | None = None,
    timing: str = zones.Timing.NATIONAL,
    entered_in: str = zones.NATIONAL,
) -> int:
    """Open the year for every kab/kota at once; running it again adds only what is missing.

    ``regency_codes`` limits the opening to some kab/kota (a region joining late).
    ``timing``: one national instant, or ``deadline``'s wall clock (as stored by
    ``kernel.zones.as_entered``) in every region's own zone, so each kab/kota gets
    its own instant. Returns the number of assessments created.
    """
    if actor is not None:
        _require_admin(actor)
    if catalogue.status != Catalogue.Status.OPEN:
        raise Refusal(
            _(
                "Buka katalog terlebih dahulu; penilaian hanya untuk katalog yang dibuka."
            )
        )
    have = set(catalogue.assessments.values_list("regency_id", flat=True))
    regencies = Regency.objects.exclude(code__in=have)
    if regency_codes is not None:
        regencies = regencies.filter(code__in=regency_codes)
    Assessment.objects.bulk_create(
        Assessment(
            regency_id=code,
            catalogue=catalogue,
            deadline=zones.regional_instant(deadline, timing, zone),
            deadline_timing=timing,
            deadline_zone=entered_in,
        )
        for code, zone in regencies.values_list("code", "province__zone")
    )
    created = list(
        Assessment.objects.filter(catalogue=catalogue).exclude(regency_id__in=have)
    )
    indicator_ids = list(catalogue.indicators.values_list("pk", flat=True))
    create_pairs(
        Answer, "assessment_id", [a.pk for a in created], "indicator_id", indicator_ids
    )
    ReviewEvent.objects.bulk_create(
        ReviewEvent(
            assessment=a,
            actor=actor,
            to_status=Assessment.Status.DRAFT,
            note=_("Penilaian dibuka."),
        )
        for a in created
    )
    return len(created)


@transaction.atomic
def assessment_extend(
    *, assessment: Assessment, until: datetime.datetime, reason: str, actor: User
) -> Assessment:
    """Give one kab/kota more time; the reason is kept in its history."""
    _require_admin(actor)
    if Publication.objects.filter(catalogue_id=assessment.catalogue_id).exists():
        raise Refusal(
            _(
                "Hasil tahun %(year)s sudah diumumkan; batas waktunya tidak dapat "
                "diperpanjang."
            )
            % {"year": assessment.catalogue.year}
        )
    if until <= assessment.deadline:
        raise Refusal(_("Perpanjangan harus melewati batas waktu semula."))
    if not reason.strip():
        raise Refusal(_("Tuliskan alasan perpanjangan."))
    assessment.extended_until, assessment.extension_reason = until, reason.strip()
    assessment.save(update_fields=["extended_until", "extension_reason", "updated_at"])
    history_note(
        assessment=assessment,
        actor=actor,
        note=_("Batas waktu diperpanjang sampai %(until)s: %(reason)s")
        % {"until": when(until), "reason": assessment.extension_reason},
    )
    return assessment


@transaction.atomic
def answers_assign_by_type(*, assessment: Assessment, actor: User) -> tuple[int, int]:
    """Give each unassigned indicator to the agency of its responsible type.

    Returns (assigned, left without a matching agency).
    """
    _require_coordinator(actor, assessment)
    if assessment.status not in permissions.EDITABLE_ASSESSMENT:
        raise Refusal(_("Penilaian sudah dikirim; penugasan tidak dapat diubah."))
    _require_before_deadline(assessment)
    agencies = {
        a.agency_type_id: a
        for a in assessment.regency.agencies.filter(is_active=True).exclude(
            agency_type=None
        )
    }
    changed, unmatched = [], 0
    for answer in assessment.answers.filter(agency=None).select_related("indicator"):
        agency = agencies.get(answer.indicator.responsible_agency_type_id)
        if agency is None:
            unmatched += 1
            continue
        answer.agency = agency
        changed.append(answer)
    # One UPDATE per batch and one history row per answer, as 120 saves would write.
    bulk_update_with_history(
        changed, Answer, ["agency"], batch_size=500, default_user=actor
    )
    return len(changed), unmatched


@transaction.atomic
def answer_assign(*, answer: Answer, agency: Agency | None, actor: User) -> Answer:
    """Give one indicator to another agency of the same kab/kota."""
    _require_coordinator(actor, answer.assessment)
    if agency is not None and agency.regency_id != answer.assessment.regency_id:
        raise Refusal(_("OPD tersebut bukan milik kabupaten/kota ini."))
    if answer.assessment.status not in permissions.EDITABLE_ASSESSMENT:
        raise Refusal(_("Penilaian sudah dikirim; penugasan tidak dapat diubah."))
    _require_before_deadline(answer.assessment)
    answer.agency = agency
    answer.save(update_fields=["agency"])
    return answer


@transaction.atomic
def answers_assign(
    *,
    assessment: Assessment,
    agency: Agency | None,
    actor: User,
    answer_ids: list[int] | None = None,
    agency_type_id: int | None = None,
) -> int:
    """Give many indicators to one agency (or take them back with ``agency=None``):
    the chosen answers, or every indicator whose catalogue names ``agency_type_id``
    as responsible. Returns how many changed."""
    _require_coordinator(actor, assessment)
    if agency is not None and agency.regency_id != assessment.regency_id:
        raise Refusal(_("OPD tersebut bukan milik kabupaten/kota ini."))
    if assessment.status not in permissions.EDITABLE_ASSESSMENT:
        raise Refusal(_("Penilaian sudah dikirim; penugasan tidak dapat diubah."))
    _require_before_deadline(assessment)
    if answer_ids is None and agency_type_id is None:
        raise Refusal(_("Pilih indikator yang akan ditugaskan."))
    answers = assessment.answers.all()
    if answer_ids is not None:
        answers = answers.filter(pk__in=answer_ids)
    if agency_type_id is not None:
        answers = answers.filter(indicator__responsible_agency_type_id=agency_type_id)
    changed = [a for a in answers if a.agency_id != (agency.pk if agency else None)]
    for answer in changed:
        answer.agency = agency
    bulk_update_with_history(
        changed, Answer, ["agency"], batch_size=500, default_user=actor
    )
    return len(changed)


@transaction.atomic
def operator_invite(
    *,
    assessment: Assessment,
    agency: Agency,
    email: str,
    full_name: str,
    actor: User,
    request=None,
    now=None,
) -> InviteOutcome:
    """Invite an OPD staff member while the kab/kota may still edit its assessment.

    A new e-mail gets an account and a set-password link; an e-mail that already has
    an account becomes a request for an administrator (``accounts.services.invitations``).
    """
    _require_coordinator(actor, assessment)
    if agency.regency_id != assessment.regency_id:
        raise Refusal(_("OPD tersebut bukan milik kabupaten/kota ini."))
    if assessment.status not in permissions.EDITABLE_ASSESSMENT:
        raise Refusal(_("Penilaian sudah dikirim; undangan tidak dapat dikirim."))
    refusal = permissions.deadline_refusal(assessment, now=now)
    if refusal:
        raise Refusal(refusal)
    return invitations.operator_invite(
        agency=agency,
        email=email,
        full_name=full_name,
        actor=actor,
        request=request,
        programme=assessment.catalogue.programme_name,
    )


@transaction.atomic
def approval_record(
    *,
    assessment: Assessment,
    approver_name: str,
    approver_position: str,
    approved_on: datetime.date,
    letter: UploadedFile,
    actor: User,
) -> Approval:
    """Record who approved the data before it leaves the kab/kota, with the signed letter."""
    _require_coordinator(actor, assessment)
    if assessment.status not in permissions.EDITABLE_ASSESSMENT:
        raise Refusal(_("Penilaian sudah dikirim."))
    _require_before_deadline(assessment)
    checked = checks.check_upload(letter)
    approval = Approval(
        assessment=assessment,
        approver_name=approver_name.strip(),
        approver_position=approver_position.strip(),
        approved_on=approved_on,
        original_name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        content_type=checked.content_type,
        uploaded_by=actor,
    )
    approval.file.save(checked.name, letter, save=False)
    approval.save()
    history_note(
        assessment=assessment,
        actor=actor,
        note=_("Persetujuan dicatat: %(who)s") % {"who": approval},
    )
    return approval
