"""The data every benchmark starts from: regions, the sample year, one kab/kota opened."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils import timezone

from accounts.models import Role, User
from accounts.services import role_grant
from indicators.services import catalogue_open
from indicators.transfer import catalogue_import_yaml
from regions.models import Regency
from regions.services import agencies_create_from_template, regions_load
from reporting.services.assessments import answers_assign_by_type, assessments_open

ROOT = Path(__file__).resolve().parent.parent
CATEGORY = "K06"


def build() -> tuple[User, int]:
    regions_load()
    salatiga = Regency.objects.get(code="33.73")
    agencies_create_from_template(regency=salatiga)
    outcome = catalogue_import_yaml(
        content=(ROOT / "fixtures" / "catalogue_sample.yaml").read_bytes(), actor=None
    )
    catalogue = catalogue_open(catalogue=outcome.catalogue, actor=None)
    assessments_open(
        catalogue=catalogue,
        actor=None,
        regency_codes=["33.73"],
        deadline=timezone.now() + datetime.timedelta(days=30),
    )
    coordinator = User.objects.create_user(
        "bench.koordinator", password="bench-sandi-123"
    )
    role_grant(user=coordinator, role=Role.COORDINATOR, actor=None, regency=salatiga)
    assessment = salatiga.assessments.get()
    answers_assign_by_type(assessment=assessment, actor=coordinator)
    return coordinator, assessment.pk
