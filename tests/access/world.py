"""One shared world for the access matrix, built once per test module.

Every object exists twice: ``in`` scope of the cast (Kota Salatiga 33.73 in Jawa
Tengah 33, the operator's Dinas Kesehatan) and ``out`` of it (Kota Palu 72.71 in
Sulawesi Tengah 72). National objects (catalogues, plans, periods) exist once and are
stored under ``in``. States get their own names: ``assessment`` is a draft year,
``submitted_assessment`` a year the kab/kota sent to the Kanwil.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

from accounts.models import Role, RoleAssignment, RoleRequest, User
from accounts.services import role_grant
from aksiham.demo import report_fill, sample_plan_open
from aksiham.models import ActionAssignment, ActionReport, Generation, PeriodScore
from aksiham.services.plans import extension_grant, periods_create
from files.services.partial import partial_create
from indicators.models import IndicatorMapping
from indicators.services import catalogue_copy_to_year, catalogue_open
from indicators.transfer import catalogue_import_yaml
from regions.models import Agency, AgencyType, OfficeCoverage, Province, Regency
from regions.selectors import office_of
from regions.services import agencies_create_from_template, regions_load
from reporting.models import Answer, Assessment
from reporting.services.answer_sheets import Plan, plan_keep
from reporting.services.answers import answer_save
from reporting.services.assessments import answers_assign_by_type, assessments_open
from reporting.services.evidence import evidence_attach
from reporting.services.workflow import assessment_submit
from tests.cast import approve
from tests.factories import UserFactory
from tests.files import pdf_upload, png, upload

ROLES = (
    "anonymous",
    "operator",
    "coordinator",
    "verifier",
    "assessor",
    "administrator",
)
SCOPES = ("in", "out")
REGENCY = {"in": "33.73", "out": "72.71"}
PROVINCE = {"in": "33", "out": "72"}
FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@dataclass
class World:
    users: dict[str, User | None] = field(default_factory=dict)
    objects: dict[tuple[str, str], Any] = field(default_factory=dict)

    def put(self, name: str, scope: str, obj: Any) -> None:
        self.objects[(name, scope)] = obj

    def get(self, name: str, scope: str = "in") -> Any:
        """The object called ``name``; national objects answer for both scopes."""
        if (name, scope) in self.objects:
            return self.objects[(name, scope)]
        return self.objects[(name, "in")]

    def fresh(self, name: str, scope: str = "in") -> Model:
        obj = self.get(name, scope)
        return type(obj).objects.get(pk=obj.pk)


def _person(username: str, role: Role, **scope: Any) -> User:
    user = UserFactory(username=username)
    role_grant(user=user, role=role, actor=None, **scope)
    return user


def _cast(world: World) -> tuple[dict[str, User], dict[str, User]]:
    """The matrix's roles (Salatiga / Jawa Tengah) and Palu's people who act there."""
    regencies = {s: Regency.objects.get(code=c) for s, c in REGENCY.items()}
    for scope, regency in regencies.items():
        agencies_create_from_template(regency=regency)
        world.put("regency", scope, regency)
        world.put("province", scope, Province.objects.get(code=PROVINCE[scope]))
        world.put("agency", scope, regency.agencies.get(agency_type__code="dinkes"))
    world.put("agencytype", "in", AgencyType.objects.get(code="dinkes"))
    world.put("kanwiloffice", "in", office_of(PROVINCE["in"]))
    world.put(
        "officecoverage", "in", OfficeCoverage.objects.get(province_id=PROVINCE["in"])
    )
    people = {
        "operator": _person(
            "opd_salatiga",
            Role.OPERATOR,
            regency=regencies["in"],
            agency=world.get("agency", "in"),
        ),
        "coordinator": _person(
            "koordinator_salatiga", Role.COORDINATOR, regency=regencies["in"]
        ),
        "verifier": _person(
            "kanwil_jateng", Role.VERIFIER, office=world.get("kanwiloffice", "in")
        ),
        "assessor": _person("penilai_pusat", Role.ASSESSOR),
        "administrator": _person("admin_pusat", Role.ADMINISTRATOR),
    }
    world.users = {"anonymous": None, **people}
    palu = {
        "coordinator": _person(
            "koordinator_palu", Role.COORDINATOR, regency=regencies["out"]
        ),
        "operator": _person(
            "opd_palu",
            Role.OPERATOR,
            regency=regencies["out"],
            agency=world.get("agency", "out"),
        ),
    }
    world.put("user", "in", people["coordinator"])
    world.put("user", "out", palu["coordinator"])
    for scope, user in (("in", people["coordinator"]), ("out", palu["coordinator"])):
        world.put("roleassignment", scope, RoleAssignment.objects.get(user=user))
    coordinators = {"in": people["coordinator"], "out": palu["coordinator"]}
    operators = {"in": people["operator"], "out": palu["operator"]}
    for scope, other in (("in", "out"), ("out", "in")):
        # Each coordinator invited the other kab/kota's operator: a pending request.
        world.put(
            "rolerequest",
            scope,
            RoleRequest.objects.create(
                user=operators[other],
                email=operators[other].email,
                full_name="Tamu",
                regency=regencies[scope],
                agency=world.get("agency", scope),
                requested_by=coordinators[scope],
            ),
        )
    return coordinators, {"in": people["operator"], "out": palu["operator"]}


def _catalogues(world: World) -> Any:
    outcome = catalogue_import_yaml(
        content=(FIXTURES / "catalogue_sample.yaml").read_bytes(), actor=None
    )
    assert outcome.ok, outcome.problems
    current = catalogue_open(catalogue=outcome.catalogue, actor=None)
    earlier = catalogue_copy_to_year(
        catalogue=current, year=current.year - 1, actor=None
    )
    earlier = catalogue_open(catalogue=earlier, actor=None)
    draft = catalogue_copy_to_year(catalogue=current, year=current.year + 1, actor=None)
    world.put("catalogue", "in", current)
    world.put("draft_catalogue", "in", draft)
    world.put("category", "in", current.categories.order_by("order").first())
    world.put("draft_category", "in", draft.categories.order_by("order").first())
    world.put("indicator", "in", current.indicators.order_by("code").first())
    world.put("draft_indicator", "in", draft.indicators.order_by("code").first())
    world.put(
        "indicatormapping",
        "in",
        IndicatorMapping.objects.create(
            target=draft.indicators.order_by("code").last(), source=None
        ),
    )
    return current, earlier


def _assessment(catalogue: Any, scope: str, coordinator: User) -> Assessment:
    assessment = Assessment.objects.get(regency_id=REGENCY[scope], catalogue=catalogue)
    answers_assign_by_type(assessment=assessment, actor=coordinator)
    return assessment


def _dinkes_answer(assessment: Assessment) -> Answer:
    return (
        assessment.answers.filter(
            agency__agency_type__code="dinkes", indicator__answer_kind="percentage"
        )
        .select_related("indicator")
        .order_by("pk")
        .first()
    )


def _reporting(world: World, coordinators: dict, operators: dict) -> None:
    current, earlier = _catalogues(world)
    deadline = timezone.now() + datetime.timedelta(days=30)
    codes = list(REGENCY.values())
    for catalogue in (current, earlier):
        assessments_open(
            catalogue=catalogue, deadline=deadline, actor=None, regency_codes=codes
        )
    for scope in SCOPES:
        draft = _assessment(current, scope, coordinators[scope])
        answer = _dinkes_answer(draft)
        evidence = evidence_attach(
            answer=answer,
            uploads=[upload("foto.png", png())],
            actor=operators[scope],
            effective_date=None,
        ).stored[0]
        answer = Answer.objects.get(pk=answer.pk)
        answer = answer_save(
            answer=answer,
            raw_value="50",
            note="",
            expected_version=answer.version,
            actor=operators[scope],
        ).answer
        approve(draft, coordinators[scope])
        world.put("assessment", scope, draft)
        world.put("answer", scope, answer)
        world.put("category_code", scope, answer.indicator.category.code)
        world.put("evidence", scope, evidence)
        world.put(
            "evidence_history", scope, evidence.history.order_by("-history_id").first()
        )
        world.put(
            "answer_history", scope, answer.history.order_by("-history_id").first()
        )
        sent = _assessment(earlier, scope, coordinators[scope])
        sent_answer = _dinkes_answer(sent)
        sent_evidence = evidence_attach(
            answer=sent_answer,
            uploads=[pdf_upload("bukti.pdf")],
            actor=operators[scope],
            effective_date=None,
        ).stored[0]
        approve(sent, coordinators[scope])
        sent = assessment_submit(assessment=sent, actor=coordinators[scope])
        world.put(
            "partial_upload",
            scope,
            partial_create(
                owner=operators[scope],
                purpose="reporting.evidence",
                target_id=answer.pk,
                name="pindaian.pdf",
                length=1000,
            ),
        )
        world.put(
            "sheet_token",
            scope,
            plan_keep(
                Plan(
                    assessment_id=draft.pk,
                    user_id=operators[scope].pk,
                    file_name="lembar.xlsx",
                )
            ),
        )
        world.put("submitted_assessment", scope, sent)
        world.put("submitted_answer", scope, sent_answer)
        world.put("submitted_evidence", scope, sent_evidence)
        world.put("approval", scope, sent.approvals.get())


def _aksiham(world: World, coordinators: dict) -> None:
    now = timezone.now()
    year = timezone.localtime(now).year
    plan = sample_plan_open(year)
    day = datetime.timedelta(days=1)
    # Every window dated from now, in order: B04 and B08 closed, B12 open, on any
    # date (in early January a window dated from 1 January would still be open).
    periods = periods_create(
        year=year,
        windows={
            "B04": (now - 60 * day, now - 50 * day, now - 47 * day),
            "B08": (now - 40 * day, now - 30 * day, now - 27 * day),
            "B12": (now - 10 * day, now + 10 * day, now + 13 * day),
        },
        actor=None,
    )
    closed, current = periods[0], periods[2]
    world.put("actionplan", "in", plan)
    world.put(
        "generation",
        "in",
        Generation.objects.create(
            name="RANHAM",
            regulation="CONTOH Perpres 1/2026",
            start_year=year,
            end_year=year + 4,
            is_sample=True,
        ),
    )
    world.put("action", "in", plan.actions.get(number=1))
    world.put("period", "in", current)
    admin = world.users["administrator"]
    for scope in SCOPES:
        regency = world.get("regency", scope)
        coordinator = coordinators[scope]
        # Action 1 is the operator's OPD's ("report"); action 2 is not theirs.
        ActionAssignment.objects.create(
            action=plan.actions.get(number=1),
            regency=regency,
            agency=world.get("agency", scope),
        )
        for number, name in ((1, "report"), (2, "submitted_report")):
            report = report_fill(
                action=plan.actions.get(number=number),
                period=current,
                regency=regency,
                actor=coordinator,
                achievement="Rancangan peraturan sudah dibahas",
                uploads=[pdf_upload(f"aksi{number}.pdf")],
                send=name == "submitted_report",
            )
            world.put(name, scope, report)
            world.put(f"{name}_evidence", scope, report.evidence.get())
        world.put(
            "periodextension",
            scope,
            extension_grant(
                period=current,
                regency=regency,
                until=now + 20 * day,
                reason="Bencana banjir",
                actor=admin,
            ),
        )
        world.put(
            "periodscore",
            scope,
            PeriodScore.objects.create(
                period=closed,
                regency=regency,
                plan=plan,
                substance=Decimal(80),
                administration=Decimal(70),
                score=Decimal(77),
                scored_by=world.users["assessor"],
            ),
        )
    assert not ActionReport.objects.filter(status="accepted").exists()


def _register(world: World, coordinators: dict) -> None:
    """Per kab/kota: an open case and one awaiting the Kanwil with a follow-up file;
    the current year's settings."""
    from reporting.models import ViolationCase, YearSettings
    from reporting.services.register import case_follow_up_add, case_register

    for scope in SCOPES:
        common = {
            "regency": world.get("regency", scope),
            "title": "Kasus contoh uji akses",
            "source": ViolationCase.Source.KOMNAS,
            "reported_on": datetime.date(world.get("catalogue").year, 1, 5),
            "actor": world.users["assessor"],
            "is_sample": True,
        }
        world.put("case", scope, case_register(reference=f"UJI-{scope}-1", **common))
        awaiting = case_register(reference=f"UJI-{scope}-2", **common)
        (follow_up,) = case_follow_up_add(
            case=awaiting,
            uploads=[pdf_upload("tindak-lanjut.pdf", scope.encode())],
            note="Mediasi",
            actor=coordinators[scope],
        )
        world.put("awaiting_case", scope, ViolationCase.objects.get(pk=awaiting.pk))
        world.put("case_follow_up", scope, follow_up)
    world.put(
        "yearsettings",
        "in",
        YearSettings.objects.create(catalogue=world.get("catalogue")),
    )


def _opendata(world: World) -> None:
    """A year published two years back (its decree only, no kab/kota), the current
    year's open-data settings and a partner token."""
    from opendata.models import DataSettings
    from opendata.services import token_issue
    from reporting.models import Publication

    current = world.get("catalogue")
    published = catalogue_open(
        catalogue=catalogue_copy_to_year(
            catalogue=current, year=current.year - 2, actor=None
        ),
        actor=None,
    )
    Publication.objects.create(
        catalogue=published,
        decree_number="UJI-AKSES/HAM",
        decree_date=datetime.date(published.year, 11, 15),
        published_by=world.users["assessor"],
    )
    world.put("published_catalogue", "in", published)
    world.put("datasettings", "in", DataSettings.objects.create(catalogue=current))
    token, _key = token_issue(
        name="Sistem mitra uji", actor=world.users["administrator"]
    )
    world.put("partnertoken", "in", token)


def _console(world: World) -> None:
    world.put("regency_type", "in", ContentType.objects.get_for_model(Regency))
    _axes(world)


def _axes(world: World) -> None:
    common = {"user_agent": "uji", "ip_address": "10.0.0.1", "username": "tamu"}
    attempt = AccessAttempt.objects.create(
        failures_since_start=1, get_data="", post_data="", **common
    )
    # django-axes deletes attempts older than the cool-off (15 minutes) at every
    # sign-in check; the matrix runs longer than that, so the world's attempt is
    # dated far ahead and stays for the whole module.
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=timezone.now() + datetime.timedelta(days=3650)
    )
    world.put("accessattempt", "in", attempt)
    world.put("accesslog", "in", AccessLog.objects.create(**common))
    world.put("accessfailurelog", "in", AccessFailureLog.objects.create(**common))


def _exports(world: World, coordinators: dict) -> None:
    """A finished and a failed scorecard export per kab/kota, asked by its coordinator."""
    from django.core.files.base import ContentFile

    from exports.models import ExportJob

    for scope in SCOPES:
        common = {
            "requested_by": coordinators[scope],
            "kind": "scorecard",
            "format": ExportJob.Format.PDF,
            "catalogue": world.get("catalogue"),
            "regency": world.get("regency", scope),
        }
        done = ExportJob(status=ExportJob.Status.DONE, progress=100, **common)
        done.file.save("kartu.pdf", ContentFile(b"%PDF-1.4 kartu nilai"), save=False)
        done.file_name = "kartu-nilai.pdf"
        done.save()
        world.put("export", scope, done)
        failed = ExportJob.objects.create(
            status=ExportJob.Status.FAILED, error="uji", **common
        )
        world.put("failed_export", scope, failed)


def build_world() -> World:
    """Everything the matrix visits; takes a few seconds, so modules share it."""
    regions_load()
    world = World()
    coordinators, operators = _cast(world)
    _reporting(world, coordinators, operators)
    _aksiham(world, coordinators)
    _exports(world, coordinators)
    _register(world, coordinators)
    _opendata(world)
    _console(world)
    assert Agency.objects.filter(regency_id__in=REGENCY.values()).exists()
    return world
