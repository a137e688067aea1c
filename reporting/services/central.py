"""Central review by the ministry's assessment team: adjustments, finalising, publishing."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.independence import independence_refusal
from accounts.models import User
from indicators.models import Catalogue
from indicators.services import catalogue_close
from kernel.errors import Refusal
from outbox.services import enqueue_after_commit
from reporting import permissions
from reporting.models import Adjustment, Assessment, Publication
from reporting.services.notifications import notify_assessment_event
from reporting.services.verification import schedule_scoring
from reporting.services.workflow import A, assessment_transition


def _check_assessor(actor: User) -> None:
    if not permissions.is_assessor(actor):
        raise Refusal(_("Hanya Tim Penilai Kementerian yang dapat melakukan ini."))


def _check_independent(actor: User, assessment: Assessment) -> None:
    """An assessor who works (or worked this year) in the kab/kota, or who entered
    or evidenced any of its answers, does not decide on it."""
    refusal = independence_refusal(
        actor=actor,
        regency=assessment.regency,
        since=permissions.independence_since(assessment),
        contributor_ids=permissions.contributor_ids(assessment.answers.all()),
        item=_("penilaian ini"),
    )
    if refusal:
        raise Refusal(refusal)


def _check_open_year(assessment: Assessment) -> None:
    if Publication.objects.filter(catalogue_id=assessment.catalogue_id).exists():
        raise Refusal(
            _("Hasil tahun %(year)s sudah diumumkan; tahun ini terkunci.")
            % {"year": assessment.catalogue.year}
        )


@transaction.atomic
def adjustment_add(
    *, assessment: Assessment, kind: str, points: Decimal, basis: str, actor: User
) -> Adjustment:
    """A bonus or deduction within the catalogue's limits, with its written basis."""
    _check_assessor(actor)
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("catalogue", "regency")
        .get(pk=assessment.pk)
    )
    _check_open_year(assessment)
    _check_independent(actor, assessment)
    if assessment.status != A.VERIFIED:
        raise Refusal(
            _(
                "Bonus dan pengurangan hanya untuk penilaian yang sudah "
                "diteruskan Kanwil."
            )
        )
    if not basis.strip():
        raise Refusal(_("Tuliskan dasar bonus atau pengurangan."))
    if points <= 0:
        raise Refusal(_("Nilai harus lebih besar dari nol."))
    limit = (
        assessment.catalogue.bonus_max
        if kind == Adjustment.Kind.BONUS
        else assessment.catalogue.deduction_max
    )
    used = assessment.adjustments.filter(kind=kind).aggregate(s=Sum("points"))["s"] or 0
    if used + points > limit:
        raise Refusal(
            _(
                "Melebihi batas katalog: %(kind)s paling banyak %(limit)s (sudah %(used)s)."
            )
            % {"kind": Adjustment.Kind(kind).label, "limit": limit, "used": used}
        )
    schedule_scoring(assessment)
    return Adjustment.objects.create(
        assessment=assessment,
        kind=kind,
        points=points,
        basis=basis.strip(),
        created_by=actor,
    )


@transaction.atomic
def assessment_finalise(*, assessment: Assessment, actor: User) -> Assessment:
    """The team's review of a forwarded kab/kota is complete."""
    _check_assessor(actor)
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("catalogue", "regency")
        .get(pk=assessment.pk)
    )
    _check_open_year(assessment)
    _check_independent(actor, assessment)
    schedule_scoring(assessment)
    return assessment_transition(assessment=assessment, to=A.FINAL, actor=actor)


@transaction.atomic
def year_publish(
    *, catalogue: Catalogue, decree_number: str, decree_date: datetime.date, actor: User
) -> Publication:
    """Record the decree, publish every final assessment, and lock the year."""
    _check_assessor(actor)
    if Publication.objects.filter(catalogue=catalogue).exists():
        raise Refusal(_("Hasil tahun ini sudah diumumkan."))
    if not decree_number.strip():
        raise Refusal(_("Isi nomor keputusan."))
    finals = list(
        catalogue.assessments.filter(status=A.FINAL).select_related("regency")
    )
    if not finals:
        raise Refusal(_("Belum ada penilaian final untuk diumumkan."))
    publication = Publication.objects.create(
        catalogue=catalogue,
        published_by=actor,
        decree_number=decree_number.strip(),
        decree_date=decree_date,
    )
    for assessment in finals:
        assessment_transition(
            assessment=assessment, to=A.PUBLISHED, actor=actor, note=str(publication)
        )
        notify_assessment_event(assessment=assessment, kind="published", actor=actor)
    if catalogue.status == Catalogue.Status.OPEN:
        catalogue_close(catalogue=catalogue, actor=None)
    # By name: reporting.tasks imports the services.
    enqueue_after_commit("reporting.tasks.recompute_year", catalogue.pk)
    return publication
