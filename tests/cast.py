"""Plain helpers shared by several test folders (import them; never import a conftest)."""

from __future__ import annotations

import datetime
from pathlib import Path

from accounts.models import Role, User
from accounts.services import role_grant
from regions.selectors import office_of
from tests.factories import UserFactory

PASSWORD = "rahasia-uji-123"

SAMPLE_CATALOGUE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "catalogue_sample.yaml"
)


def person(username: str, role: Role, **scope: object) -> User:
    """A user holding one role (scope: ``regency=``, ``agency=``, ``office=``).

    A verifier may be given ``province=`` instead: they belong to the Kanwil office
    that covers that province today (loaded with the regions).
    """
    if "province" in scope:
        scope["office"] = office_of(scope.pop("province").pk)
    user = UserFactory(username=username)
    role_grant(user=user, role=role, actor=None, **scope)
    return user


def approve(assessment, actor) -> None:
    """Record the regional head's approval letter of ``assessment``."""
    from reporting.services.assessments import approval_record
    from tests.files import pdf_upload

    approval_record(
        assessment=assessment,
        approver_name="Drs. Contoh",
        approver_position="Sekretaris Daerah",
        approved_on=datetime.date(2026, 3, 1),
        letter=pdf_upload("surat.pdf"),
        actor=actor,
    )


def every_kab_kota_scored(year, total=None) -> None:
    """Every kab/kota not yet in ``year`` gets a verified assessment whose score copies
    Salatiga's (its breakdown too); ``total(n)`` sets the n-th one's total instead."""
    from regions.models import Regency
    from reporting.models import Assessment, Score

    model = Score.objects.get(
        assessment__regency_id="33.73", assessment__catalogue=year
    )
    taken = set(year.assessments.values_list("regency_id", flat=True))
    deadline = year.assessments.first().deadline
    new = Assessment.objects.bulk_create(
        Assessment(
            regency=regency,
            catalogue=year,
            status=Assessment.Status.VERIFIED,
            deadline=deadline,
        )
        for regency in Regency.objects.exclude(code__in=taken).order_by("code")
    )
    Score.objects.bulk_create(
        Score(
            assessment=assessment,
            base_total=model.base_total if total is None else total(n),
            total=model.total if total is None else total(n),
            hasil_points=model.hasil_points if total is None else 0,
            predicate=model.predicate,
            earns_award=model.earns_award if total is None else False,
            rule_version=model.rule_version,
            breakdown=model.breakdown,
            category_scores=model.category_scores,
        )
        for n, assessment in enumerate(new)
    )


def aksi_year_closed(year: int):
    """The sample Aksi HAM plan of ``year`` opened, with B04, B08 and B12 all long
    closed (10 days each from 1 January, 100 days apart): (plan, periods)."""
    from aksiham.demo import sample_plan_open
    from aksiham.services.plans import periods_create

    plan = sample_plan_open(year)
    start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    day = datetime.timedelta(days=1)
    periods = periods_create(
        year=year,
        windows={
            code: (
                start + n * 100 * day,
                start + (n * 100 + 10) * day,
                start + (n * 100 + 13) * day,
            )
            for n, code in enumerate(("B04", "B08", "B12"))
        },
        actor=None,
    )
    return plan, periods
