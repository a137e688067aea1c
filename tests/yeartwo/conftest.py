"""Two years of Kota Salatiga, built once per module inside a transaction that is
rolled back afterwards; each test runs in its own savepoint.

2026 (the shipped sample catalogue) was answered and published: values, notes and
files, one file removed. 2027 is a copy of it whose category K10 changed its codes
(``K10.*`` became ``X10.*``): ``X10.S01`` is mapped to ``K10.S01`` by the
administrator, the other ``X10`` indicators are not; ``K01.S03`` kept its code but
is marked "not carried". The 2027 year is open, assigned by type, not yet started.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test.utils import override_settings

from accounts.models import Role, User
from indicators.models import Catalogue
from regions.models import Province, Regency
from reporting.models import Answer, Assessment
from tests.worlds import rolled_back_world

# Far from any moment the clock sweep visits: nothing here depends on "now".
DEADLINE = datetime.datetime(2031, 3, 31, 16, 0, tzinfo=datetime.UTC)
OLD_DATE = datetime.date(2024, 6, 1)  # older than 2027's data year (2026)
NEW_DATE = datetime.date(2026, 2, 1)


@dataclass
class Years:
    coordinator: User
    operator: User
    verifier: User
    administrator: User
    salatiga: Regency
    last: Assessment  # 2026
    this: Assessment  # 2027
    catalogue: Catalogue  # 2027
    filled: list[str]  # codes answered in 2026


def _answer(assessment: Assessment, code: str) -> Answer:
    return assessment.answers.select_related("indicator").get(indicator__code=code)


def _fill_last_year(last: Assessment, coordinator: User) -> list[str]:
    from reporting.services.answers import answer_save
    from reporting.services.evidence import evidence_attach, evidence_remove
    from tests.files import pdf_upload

    typed = {
        "K01.S01": ("ya", "Perda 3/2019 masih berlaku."),
        "K01.S03": ("ya", "SOP 2020."),
        "K06.S01": ("tidak", ""),
        "K06.P01": ("87,5", "Data Dinkes 2025."),
        "K10.S01": ("ya", "Perda perlindungan anak."),
        "K10.S02": ("ya", ""),
    }
    for code, (raw, note) in typed.items():
        answer = _answer(last, code)
        answer_save(
            answer=answer,
            raw_value=raw,
            note=note,
            expected_version=answer.version,
            actor=coordinator,
        )
        evidence_attach(
            answer=answer,
            uploads=[pdf_upload(f"{code}.pdf", code.encode())],
            actor=coordinator,
            effective_date=OLD_DATE if code.startswith("K01") else NEW_DATE,
        )
    # A second file on K06.P01, then removed: removed files are never carried.
    answer = _answer(last, "K06.P01")
    gone = evidence_attach(
        answer=answer,
        uploads=[pdf_upload("lama.pdf", b"lama")],
        actor=coordinator,
    ).stored[0]
    evidence_remove(evidence=gone, actor=coordinator, reason="salah unggah")
    Answer.objects.filter(assessment=last).update(status=Answer.Status.ACCEPTED)
    Assessment.objects.filter(pk=last.pk).update(status=Assessment.Status.PUBLISHED)
    return list(typed)


def build_years() -> Years:
    from indicators.services import (
        catalogue_close,
        catalogue_copy_to_year,
        catalogue_open,
        indicator_mapping_set,
    )
    from regions.services import agencies_create_from_template, regions_load
    from reporting.services.assessments import answers_assign_by_type, assessments_open
    from tests.cast import person
    from tests.plugin import sample_catalogue_import

    regions_load()
    salatiga = Regency.objects.get(code="33.73")
    agencies_create_from_template(regency=salatiga)
    coordinator = person("koordinator_salatiga", Role.COORDINATOR, regency=salatiga)
    dinkes = salatiga.agencies.get(agency_type__code="dinkes")
    operator = person("opd_salatiga", Role.OPERATOR, regency=salatiga, agency=dinkes)
    verifier = person(
        "kanwil_jateng", Role.VERIFIER, province=Province.objects.get(code="33")
    )
    administrator = person("admin_pusat", Role.ADMINISTRATOR)

    first = catalogue_open(catalogue=sample_catalogue_import(), actor=None)
    assessments_open(
        catalogue=first, deadline=DEADLINE, actor=None, regency_codes=["33.73"]
    )
    last = Assessment.objects.get(regency=salatiga, catalogue=first)
    answers_assign_by_type(assessment=last, actor=coordinator)
    filled = _fill_last_year(last, coordinator)
    catalogue_close(catalogue=first, actor=None)

    second = catalogue_copy_to_year(catalogue=first, year=2027, actor=None)
    for indicator in second.indicators.filter(code__startswith="K10."):
        indicator.code = "X10." + indicator.code[4:]
        indicator.save(update_fields=["code"])
    second = catalogue_open(catalogue=second, actor=None)
    indicator_mapping_set(
        target=second.indicators.get(code="X10.S01"),
        source=first.indicators.get(code="K10.S01"),
        actor=administrator,
    )
    indicator_mapping_set(
        target=second.indicators.get(code="K01.S03"), source=None, actor=administrator
    )
    assessments_open(
        catalogue=second, deadline=DEADLINE, actor=None, regency_codes=["33.73"]
    )
    this = Assessment.objects.get(regency=salatiga, catalogue=second)
    answers_assign_by_type(assessment=this, actor=coordinator)
    return Years(
        coordinator=coordinator,
        operator=operator,
        verifier=verifier,
        administrator=administrator,
        salatiga=salatiga,
        last=last,
        this=this,
        catalogue=second,
        filled=filled,
    )


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> Path:
    return Path(tmp_path_factory.mktemp("yeartwo-media"))


@pytest.fixture(scope="module")
def years(django_db_setup, django_db_blocker, media) -> Years:
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        rolled_back_world(build_years) as years,
    ):
        yield years


@pytest.fixture(autouse=True)
def _media_storage(settings, media) -> None:
    """The module's files stay where the world stored them."""
    settings.MEDIA_ROOT = media


def fresh(user: User) -> User:
    """The user read again (roles are cached on the object per request)."""
    return User.objects.get(pk=user.pk)
