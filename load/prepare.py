"""The load run's database: the sample year open, OPD operators with their answers,
Kanwil verifiers, and a plan (JSON) that tells each simulated client who it is.

Django must be configured (``load.run`` does it) before this module is imported.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db.models import Count

from accounts.models import Role, User
from accounts.services import role_grant
from bench.data import open_sample_year
from regions.models import Agency, Regency
from regions.selectors import office_of
from regions.services import agencies_create_from_template, regions_load
from reporting.models import Answer, Assessment
from reporting.services.assessments import answers_assign_by_type

PASSWORD = "beban-sandi-uji-2026"  # noqa: S105 (throw-away accounts of a throw-away database)
OPERATORS_PER_REGENCY = 2


@dataclass(frozen=True)
class Shape:
    operators: int  # simulated OPD users, one account each
    verifiers: int  # simulated Kanwil users, one office each (its seat province)
    open_all: bool  # open the year for all 514 kab/kota, as on deadline day
    pairs: int = 0  # two operators of one OPD typing into the same answers
    shared_answers: int = 2  # how many answers each pair shares


def prepare(shape: Shape) -> dict[str, object]:
    """Migrate an empty database, fill it, and return the clients' plan."""
    call_command("migrate", verbosity=0)
    regions_load()
    regencies = _pick_regencies(shape)
    for regency in regencies:
        agencies_create_from_template(regency=regency)
    codes = [r.code for r in regencies]
    catalogue = open_sample_year(regency_codes=None if shape.open_all else codes)
    hashed = make_password(PASSWORD)  # one hash for all: hashing is slow on purpose
    coordinator = _user("load.koordinator", hashed)
    assessments = Assessment.objects.filter(catalogue=catalogue)
    operators = []
    for regency in regencies:
        role_grant(user=coordinator, role=Role.COORDINATOR, actor=None, regency=regency)
        assessment = assessments.get(regency=regency)
        answers_assign_by_type(assessment=assessment, actor=coordinator)
        for agency in _busiest_agencies(assessment)[:OPERATORS_PER_REGENCY]:
            if len(operators) < shape.operators:
                operators.append(
                    _operator(len(operators) + 1, agency, assessment, hashed)
                )
    colleagues = [
        member
        for n, regency in enumerate(
            itertools.islice(itertools.cycle(regencies), shape.pairs)
        )
        for member in _colleagues(
            n + 1, assessments.get(regency=regency), shape.shared_answers, hashed
        )
    ]
    provinces = list(dict.fromkeys(r.province_id for r in regencies))[: shape.verifiers]
    busy = {o["assessment"] for o in operators}
    verifiers = [
        _verifier(n, province, assessments, busy, hashed)
        for n, province in enumerate(provinces, start=1)
    ]
    return {
        "password": PASSWORD,
        "year": catalogue.year,
        "operators": operators,
        "colleagues": colleagues,
        "verifiers": verifiers,
    }


def _pick_regencies(shape: Shape) -> list[Regency]:
    """Kab/kota spread over as many provinces as there are verifiers, in turn: the
    seat provinces of as many Kanwil offices, so each verifier has its own office."""
    needed = -(-shape.operators // OPERATORS_PER_REGENCY)
    by_province = itertools.groupby(
        Regency.objects.filter(province__seated_offices__isnull=False)
        .distinct()
        .order_by("province_id", "code"),
        key=lambda r: r.province_id,
    )
    columns = [list(group) for _code, group in by_province][: max(shape.verifiers, 1)]
    mixed = [r for row in itertools.zip_longest(*columns) for r in row if r]
    return mixed[:needed]


def _busiest_agencies(assessment: Assessment) -> list[Agency]:
    return list(
        Agency.objects.filter(answers__assessment=assessment)
        .annotate(n=Count("answers"))
        .order_by("-n", "pk")
    )


def _user(username: str, hashed: str) -> User:
    return User.objects.create(username=username, password=hashed)


def _operator(
    n: int, agency: Agency, assessment: Assessment, hashed: str
) -> dict[str, object]:
    user = _user(f"load.opd.{n:03d}", hashed)
    role_grant(user=user, role=Role.OPERATOR, actor=None, agency=agency)
    answers = Answer.objects.filter(assessment=assessment, agency=agency)
    return {
        "username": user.username,
        "assessment": assessment.pk,
        "answers": _answers(answers),
    }


def _colleagues(
    n: int, assessment: Assessment, count: int, hashed: str
) -> list[dict[str, object]]:
    """Two operators of one OPD (not one the single operators use) sharing a few
    typed answers: whoever saves second meets the conflict and chooses."""
    agency = _busiest_agencies(assessment)[OPERATORS_PER_REGENCY]
    shared = Answer.objects.filter(
        pk__in=Answer.objects.filter(assessment=assessment, agency=agency)
        .exclude(indicator__answer_kind="document")
        .order_by("pk")
        .values("pk")[:count]
    )
    pair = []
    for side in "ab":
        user = _user(f"load.rekan.{n:02d}{side}", hashed)
        role_grant(user=user, role=Role.OPERATOR, actor=None, agency=agency)
        pair.append(
            {
                "username": user.username,
                "assessment": assessment.pk,
                "answers": _answers(shared),
            }
        )
    return pair


def _answers(answers) -> list[dict[str, object]]:
    return [
        {
            "id": a.pk,
            "assessment": a.assessment_id,
            "code": a.indicator.code,
            "category": a.indicator.category.code,
            "kind": a.indicator.answer_kind,
            "evidence_only": a.indicator.kind.evidence_only,
            "options": [o["label"] for o in a.indicator.options or []],
            "evidence_required": a.indicator.evidence_required,
            "version": a.version,
        }
        for a in answers.select_related("indicator__category").order_by("pk")
    ]


def _verifier(
    n: int, province: str, assessments, busy: set[int], hashed: str
) -> dict[str, object]:
    """A Kanwil account; it reviews mostly the kab/kota being filled right now."""
    user = _user(f"load.kanwil.{n:02d}", hashed)
    role_grant(
        user=user,
        role=Role.VERIFIER,
        actor=None,
        office=office_of(province),
    )
    mine = list(
        assessments.filter(regency__province_id=province).values_list("pk", flat=True)
    )
    return {
        "username": user.username,
        "assessments": mine,
        "busy": [pk for pk in mine if pk in busy],
    }
