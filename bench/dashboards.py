"""Dashboards at national scale: 514 kab/kota × 120 answers in the open year and five
past years of scores for every kab/kota. Prints queries and median latency per page."""

from __future__ import annotations

import datetime
import time
from decimal import Decimal

from bench.setup import django_for_bench

django_for_bench()

from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.db.models.functions import Mod  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from accounts.services import role_grant  # noqa: E402
from bench.data import ROOT, figures  # noqa: E402
from indicators.services import catalogue_copy_to_year, catalogue_open  # noqa: E402
from indicators.transfer import catalogue_import_yaml  # noqa: E402
from regions.models import Regency  # noqa: E402
from regions.selectors import office_of  # noqa: E402
from regions.services import regions_load  # noqa: E402
from reporting.models import Answer, Assessment, Score  # noqa: E402
from reporting.services.assessments import assessments_open  # noqa: E402

STATUSES = [s.value for s in Assessment.Status]
PREDICATES = [("Peduli HAM", True, 75), ("Cukup Peduli HAM", False, 65)]


def build() -> None:
    regions_load()
    outcome = catalogue_import_yaml(
        content=(ROOT / "fixtures" / "catalogue_sample.yaml").read_bytes(), actor=None
    )
    current = catalogue_open(catalogue=outcome.catalogue, actor=None)
    assessments_open(
        catalogue=current,
        actor=None,
        deadline=timezone.now() + datetime.timedelta(days=30),
    )
    # Spread answer statuses so every stacked segment has rows to count.
    answer_statuses = [s.value for s in Answer.Status]
    for i, status in enumerate(answer_statuses):
        Answer.objects.annotate(m=Mod(F("id"), len(answer_statuses))).filter(
            m=i
        ).update(status=status)
    regencies = list(Regency.objects.values_list("code", flat=True))
    for i, code in enumerate(regencies):
        Assessment.objects.filter(catalogue=current, regency_id=code).update(
            status=STATUSES[i % len(STATUSES)]
        )
    for year in range(current.year - 5, current.year):
        past = catalogue_open(
            catalogue=catalogue_copy_to_year(catalogue=current, year=year, actor=None),
            actor=None,
        )
        # Past years need only their assessments and scores (no answers) here.
        assessments = Assessment.objects.bulk_create(
            Assessment(
                regency_id=code,
                catalogue=past,
                status=Assessment.Status.PUBLISHED,
                deadline=timezone.now(),
            )
            for code in regencies
        )
        Score.objects.bulk_create(
            _score(a, i + year) for i, a in enumerate(assessments)
        )


def _score(assessment: Assessment, seed: int) -> Score:
    # Two years in three earn the award, so current streaks vary in length.
    label, award, total = PREDICATES[0] if seed % 3 else PREDICATES[1]
    return Score(
        assessment=assessment,
        base_total=Decimal(total),
        total=Decimal(total),
        hasil_points=Decimal(0),
        predicate=label,
        earns_award=award,
        is_final=True,
        rule_version="bench",
        breakdown={"categories": []},
    )


def main() -> None:
    started = time.perf_counter()
    build()
    print(
        f"Dashboard benchmark ({connection.vendor}): {Regency.objects.count()} kab/kota, "
        f"{Answer.objects.count()} answers this year, {Score.objects.count()} past "
        f"scores (built in {time.perf_counter() - started:.1f} s)"
    )
    ministry = User.objects.create_user("bench.pusat", password="bench-sandi-123")
    role_grant(user=ministry, role=Role.ASSESSOR, actor=None)
    kanwil = User.objects.create_user("bench.kanwil", password="bench-sandi-123")
    role_grant(
        user=kanwil,
        role=Role.VERIFIER,
        actor=None,
        office=office_of("33"),
    )
    pages = [
        (ministry, "/dasbor/nasional/", "national dashboard (38 provinces)"),
        (kanwil, "/dasbor/provinsi/33/", "Kanwil dashboard (35 kab/kota)"),
        (kanwil, "/dasbor/wilayah/33.73/", "kab/kota dashboard (5 past years)"),
    ]
    for user, url, label in pages:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        queries, median = figures(client, url)
        print(f"  {label}: {queries:3d} queries, median {median:6.1f} ms")


if __name__ == "__main__":
    main()
