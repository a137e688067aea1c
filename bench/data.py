"""The data every benchmark starts from: regions, the sample year, one kab/kota opened."""

from __future__ import annotations

import datetime
import statistics
import time
from pathlib import Path

from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import role_grant
from indicators.models import Catalogue
from indicators.services import catalogue_open
from indicators.transfer import catalogue_import_yaml
from regions.models import Regency
from regions.services import agencies_create_from_template, regions_load
from reporting.services.assessments import answers_assign_by_type, assessments_open

ROOT = Path(__file__).resolve().parent.parent
CATEGORY = "K06"


def open_sample_year(*, regency_codes: list[str] | None) -> Catalogue:
    """Import and open the sample catalogue, then open it for these kab/kota (None: all).

    Regions must be loaded first.
    """
    outcome = catalogue_import_yaml(
        content=(ROOT / "fixtures" / "catalogue_sample.yaml").read_bytes(), actor=None
    )
    catalogue = catalogue_open(catalogue=outcome.catalogue, actor=None)
    assessments_open(
        catalogue=catalogue,
        actor=None,
        regency_codes=regency_codes,
        deadline=timezone.now() + datetime.timedelta(days=30),
    )
    return catalogue


def build() -> tuple[User, int]:
    regions_load()
    salatiga = Regency.objects.get(code="33.73")
    agencies_create_from_template(regency=salatiga)
    open_sample_year(regency_codes=["33.73"])
    coordinator = User.objects.create_user(
        "bench.koordinator", password="bench-sandi-123"
    )
    role_grant(user=coordinator, role=Role.COORDINATOR, actor=None, regency=salatiga)
    assessment = salatiga.assessments.get()
    answers_assign_by_type(assessment=assessment, actor=coordinator)
    return coordinator, assessment.pk


def count_queries(client: Client, url: str) -> int:
    """Queries of one GET, counted at the database wrapper (not the debug log)."""
    seen = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert client.get(url).status_code == 200
    return len(seen)


def figures(client: Client, url: str, repeat: int = 10) -> tuple[int, float]:
    """(queries, median milliseconds) of a page."""
    queries = count_queries(client, url)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return queries, statistics.median(times)
