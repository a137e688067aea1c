"""Who hears about which event, in the portal and by e-mail; one notice per person per event."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Role, User
from notices.services import notice_send
from reporting.models import Answer, Assessment

SUBJECTS = {
    "submitted": _("%(regency)s mengirim penilaian %(programme)s %(year)s"),
    "resubmitted": _("%(regency)s mengirim ulang perbaikan %(programme)s %(year)s"),
    "returned": _(
        "Penilaian %(programme)s %(year)s %(regency)s dikembalikan untuk perbaikan"
    ),
    "forwarded": _("Kanwil meneruskan penilaian %(programme)s %(year)s %(regency)s"),
    "published": _("Hasil %(programme)s %(year)s telah diumumkan"),
}
BODIES = {
    "submitted": _("Penilaian menunggu verifikasi Kanwil."),
    "resubmitted": _("Jawaban yang diperbaiki menunggu verifikasi ulang."),
    "returned": _(
        "Beberapa jawaban dikembalikan. Alasannya tertulis pada setiap indikator."
    ),
    "forwarded": _(
        "Semua jawaban diterima Kanwil; penilaian menunggu penilaian pusat."
    ),
    "published": _("Keputusan penetapan telah diterbitkan dan hasil dapat dilihat."),
}


def _verifiers(assessment: Assessment) -> QuerySet[User]:
    return access.verifiers_covering(assessment.regency.province_id)


def _region_people(assessment: Assessment, only_returned: bool) -> QuerySet[User]:
    agencies = assessment.answers.filter(status=Answer.Status.RETURNED).values(
        "agency_id"
    )
    operators = Q(
        role_assignments__role=Role.OPERATOR,
        role_assignments__regency_id=assessment.regency_id,
    )
    if only_returned:
        operators &= Q(role_assignments__agency_id__in=agencies)
    coordinators = Q(
        role_assignments__role=Role.COORDINATOR,
        role_assignments__regency_id=assessment.regency_id,
    )
    return User.objects.filter(is_active=True).filter(coordinators | operators)


def _assessors() -> QuerySet[User]:
    return User.objects.filter(is_active=True, role_assignments__role=Role.ASSESSOR)


def recipients_for(kind: str, assessment: Assessment) -> QuerySet[User]:
    if kind in ("submitted", "resubmitted"):
        return _verifiers(assessment)
    if kind == "returned":
        return _region_people(assessment, only_returned=True)
    if kind == "forwarded":
        return _assessors()
    return _region_people(assessment, only_returned=False) | _verifiers(assessment)


def link_for(kind: str, assessment: Assessment, user: User) -> str:
    """Staff go to the verification console, the region to its own pages."""
    if kind in ("submitted", "resubmitted", "forwarded"):
        path = reverse("admin:reporting_assessment_review", args=[assessment.pk])
    else:
        path = reverse("reporting:assessment-detail", args=[assessment.pk])
    return f"{settings.PORTAL_BASE_URL}{path}"


def notify_assessment_event(
    *, assessment: Assessment, kind: str, actor: User | None
) -> list[int]:
    """Create one notice per recipient for the assessment's latest event; e-mail after commit.

    The event key ties the notice to the ReviewEvent, so running this twice for the
    same event creates nothing new.
    """
    event = assessment.events.order_by("-pk").first()
    labels = {
        "regency": assessment.regency.name,
        "year": assessment.catalogue.year,
        "programme": assessment.catalogue.programme_short_name,
    }
    recipients = [
        user
        for user in recipients_for(kind, assessment).distinct()
        if actor is None or user.pk != actor.pk
    ]
    return notice_send(
        recipients=recipients,
        event_key=f"{kind}:{event.pk if event else assessment.pk}",
        subject=SUBJECTS[kind] % labels,
        body=BODIES[kind],
        url=lambda user: link_for(kind, assessment, user),
        about=assessment,
    )
