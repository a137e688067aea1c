"""Demo reporting data: the sample year opened for every kab/kota, OPD assigned in demo regions."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.demo import DEMO_REGENCIES
from accounts.models import Role, RoleAssignment
from indicators.models import Catalogue
from kernel.zones import Timing
from reporting.models import Assessment, ViolationCase
from reporting.services.assessments import answers_assign_by_type, assessments_open

DEMO_DEADLINE_DAYS = 60


def demo_reporting_load() -> int:
    """Open the sample catalogue's assessments (once) and assign demo regions' indicators."""
    catalogue = Catalogue.objects.filter(
        is_sample=True, status=Catalogue.Status.OPEN
    ).first()
    if catalogue is None:
        return 0
    # 23.59 on the day, by each region's own clock (WIB, WITA, WIT).
    deadline = (
        timezone.localtime() + datetime.timedelta(days=DEMO_DEADLINE_DAYS)
    ).replace(hour=23, minute=59, second=0, microsecond=0)
    created = assessments_open(
        catalogue=catalogue, deadline=deadline, actor=None, timing=Timing.LOCAL
    )
    for assessment in Assessment.objects.filter(
        catalogue=catalogue, regency_id__in=DEMO_REGENCIES
    ):
        coordinator = RoleAssignment.objects.filter(
            role=Role.COORDINATOR, regency_id=assessment.regency_id
        ).first()
        if coordinator and assessment.status == Assessment.Status.DRAFT:
            answers_assign_by_type(assessment=assessment, actor=coordinator.user)
    return created


DEMO_CASE_REFERENCE = "CONTOH-ADU-001"


def demo_case_load(*, registrar) -> ViolationCase | None:
    """One invented case in the register for Kota Salatiga, marked as a sample (once)."""
    from regions.models import Regency
    from reporting.services.register import case_register

    found = ViolationCase.objects.filter(reference=DEMO_CASE_REFERENCE).first()
    regency = Regency.objects.filter(code=DEMO_REGENCIES[0]).first()
    if found is not None or regency is None:
        return found
    return case_register(
        regency=regency,
        title="CONTOH: aduan warga tentang akses layanan kependudukan (kasus rekaan)",
        source=ViolationCase.Source.COMPLAINT,
        reference=DEMO_CASE_REFERENCE,
        reported_on=timezone.localdate().replace(month=1, day=15),
        actor=registrar,
        is_sample=True,
    )
