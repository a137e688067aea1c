"""The world the accessibility tests visit, and each role's main pages in it.

``world_build`` makes, through the services: the demo cast; the sample catalogue
opened for four kab/kota with its indicators assigned; Kabupaten Banyumas approved
and sent to its Kanwil; the demo's past years (scores, rankings, streaks); the Aksi
HAM sample plan with its periods, and Kota Salatiga's first action sent in the period
open today, so that the Kanwil has a report to examine on any date. The page lists
are functions: they look their ids up in the replayed world.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.browser.helpers import LOGIN_PATH

TRACKED = ("33.73", "33.02", "72.71", "18.72")


def world_build() -> None:
    from accounts.demo import demo_load
    from accounts.models import Role, User
    from indicators.services import catalogue_open
    from regions.models import Regency
    from regions.services import agencies_create_from_template
    from reporting.demo_history import demo_history_load
    from reporting.models import Assessment
    from reporting.services.assessments import answers_assign_by_type, assessments_open
    from reporting.services.workflow import assessment_submit
    from tests.cast import approve, person
    from tests.plugin import sample_catalogue_import

    demo_load()
    catalogue = catalogue_open(catalogue=sample_catalogue_import(), actor=None)
    assessments_open(
        catalogue=catalogue,
        deadline=timezone.now() + datetime.timedelta(days=30),
        actor=None,
        regency_codes=list(TRACKED),
    )
    banyumas = Regency.objects.get(code="33.02")
    if not banyumas.agencies.exists():
        agencies_create_from_template(regency=banyumas)
    coordinators = {
        "33.73": User.objects.get(username="demo.koordinator.salatiga"),
        "72.71": User.objects.get(username="demo.koordinator.palu"),
        "33.02": person("koordinator_banyumas", Role.COORDINATOR, regency=banyumas),
    }
    for code, coordinator in coordinators.items():
        assessment = Assessment.objects.get(regency_id=code, catalogue=catalogue)
        answers_assign_by_type(assessment=assessment, actor=coordinator)
    sent = Assessment.objects.get(regency_id="33.02", catalogue=catalogue)
    approve(sent, coordinators["33.02"])
    assessment_submit(assessment=sent, actor=coordinators["33.02"])
    demo_history_load(publisher=User.objects.get(username="demo.kementerian"))
    _aksiham_build(coordinators["33.73"])
    from reporting.demo import demo_case_load

    demo_case_load(registrar=User.objects.get(username="demo.kementerian"))


def _aksiham_build(coordinator) -> None:
    from aksiham.demo import demo_aksiham_load
    from aksiham.models import ActionReport
    from aksiham.services.reports import (
        report_evidence_attach,
        report_for,
        report_save,
        report_submit,
    )
    from regions.models import Regency
    from tests.files import pdf_upload

    plan = demo_aksiham_load()
    report, _ = report_for(
        action=plan.actions.order_by("number").first(),
        period=open_period(),
        regency=Regency.objects.get(code="33.73"),
        actor=coordinator,
    )
    report = report_save(
        report=report,
        actor=coordinator,
        achievement="Capaian sesuai ukuran keberhasilan",
        narrative="Uraian pelaksanaan aksi.",
        achievement_percent=None,
        version=report.version,
    )
    report_evidence_attach(
        report=report, uploads=[pdf_upload("laporan-aksi.pdf")], actor=coordinator
    )
    report_submit(report=ActionReport.objects.get(pk=report.pk), actor=coordinator)


# --- looking the world up -----------------------------------------------------------


def open_period():
    """The Aksi HAM period open now (the demo opens the one of today's block)."""
    from aksiham.models import Period

    year = timezone.localdate().year
    return next(
        p for p in Period.objects.filter(year=year) if p.state() == Period.State.OPEN
    )


def _action(number: int):
    from aksiham.models import Action

    period = open_period()
    return Action.objects.get(plan__year=period.year, number=number)


def _report_path(number: int) -> str:
    """Kota Salatiga's report form of action ``number`` in the open period."""
    kwargs = {"regency": "33.73", "period": open_period().pk}
    return reverse("aksiham:report", kwargs=kwargs | {"action": _action(number).pk})


def _salatiga():
    from reporting.models import Assessment

    return Assessment.objects.select_related("catalogue").get(
        regency_id="33.73", catalogue__is_sample=True, catalogue__status="open"
    )


def _category(assessment) -> str:
    """The first category holding one of Dinas Kesehatan's indicators."""
    answer = (
        assessment.answers.filter(agency__agency_type__code="dinkes")
        .select_related("indicator__category")
        .order_by("indicator__category__order")
        .first()
    )
    return reverse(
        "reporting:category", args=[assessment.pk, answer.indicator.category.code]
    )


# --- each role's main pages -----------------------------------------------------------


def anonymous_pages() -> list[str]:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from accounts.models import User

    user = User.objects.get(username="demo.opd.salatiga")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return [
        LOGIN_PATH,
        reverse("accounts:password-reset"),
        reverse("accounts:password-reset-done"),
        # A valid link from the e-mail: the form that sets a new password.
        reverse("accounts:password-reset-confirm", args=[uid, token]),
        # The open data page (the demo's published years and their downloads).
        reverse("opendata:index"),
        *public_pages(),
    ]


def public_pages() -> list[str]:
    """The public results of the newest published (demo history) year."""
    from reporting.models import Publication

    year = Publication.objects.order_by("-catalogue__year").first().catalogue.year
    return [
        reverse("public:years"),
        reverse("public:year", args=[year]),
        reverse("public:year", args=[year]) + "?warna=nilai",
        reverse("public:province", args=[year, "33"]),
        reverse("public:regency", args=[year, "33.73"]),
    ]


def operator_pages() -> list[str]:
    assessment = _salatiga()
    answer = assessment.answers.filter(agency__agency_type__code="dinkes").first()
    return [
        "/",
        reverse("reporting:assessment-detail", args=[assessment.pk]),
        _category(assessment),
        reverse("portal:onboarding"),
        reverse("reporting:large-upload", args=[answer.pk]),
        reverse("reporting:sheet-upload", args=[assessment.pk]),
        reverse("reporting:sheet-preview", args=[assessment.pk, _sheet_plan(answer)]),
        reverse("notices:list"),
        reverse("accounts:profile"),
    ]


def _sheet_plan(answer) -> str:
    """A kept answer-sheet preview with every section: a change, a conflict, a
    locked answer and a wrong cell."""
    from accounts.models import User
    from reporting.services import answer_sheets as sheets

    code = answer.indicator.code
    plan = sheets.Plan(
        assessment_id=answer.assessment_id,
        user_id=User.objects.get(username="demo.opd.salatiga").pk,
        file_name="lembar-isian.xlsx",
        changes=[sheets.Change(answer.pk, code, 2, answer.version, "", "75", "", "SK")],
        conflicts=[sheets.Conflict(code, 3, "60", "", "70", "", "Sri", "1 Mar 2026")],
        locked=[sheets.Locked(code, 4, "Jawaban berstatus Diterima dan terkunci.")],
        problems=[sheets.Problem(5, "F (Nilai)", "Persentase harus antara 0 dan 100.")],
    )
    return sheets.plan_keep(plan)


def coordinator_pages() -> list[str]:
    assessment = _salatiga()
    return [
        "/",
        reverse("reporting:assessment-detail", args=[assessment.pk]),
        _category(assessment),
        reverse("reporting:assignment", args=[assessment.pk]),
        reverse("reporting:review", args=[assessment.pk]),
        reverse("reporting:timeline", args=[assessment.pk]),
        reverse("reporting:carry-forward", args=[assessment.pk]),
        reverse("portal:handover", args=["33.73"]),
        reverse("aksiham:home"),
        reverse("aksiham:grid", args=[open_period().year, "33.73"]),
        _report_path(1),  # sent, waiting for the Kanwil
        _report_path(2),  # not started: the empty form
        reverse("portal:dashboard-regency", args=["33.73"]),
        reverse("reporting:cases", args=["33.73"]),
        reverse("notices:list"),
        reverse("exports:list"),
    ]


def _sample_case():
    from reporting.models import ViolationCase

    return ViolationCase.objects.get(is_sample=True)


def verifier_pages() -> list[str]:
    from aksiham.models import ActionReport
    from reporting.models import Assessment

    sent = Assessment.objects.get(regency_id="33.02", status="submitted")
    waiting = ActionReport.objects.get(
        regency_id="33.73", period=open_period(), action=_action(1)
    )
    return [
        "/",
        reverse("portal:dashboard-province", args=["33"]),
        reverse("regions:province-detail", args=["33"]),
        reverse("admin:index"),
        reverse("admin:reporting_assessment_changelist"),
        reverse("admin:reporting_assessment_change", args=[sent.pk]),
        reverse("admin:reporting_assessment_review", args=[sent.pk]),
        reverse("admin:reporting_assessment_review", args=[sent.pk])
        + "?keputusan=belum&berkas=tanpa",
        reverse("admin:aksiham_actionreport_changelist"),
        reverse("admin:aksiham_actionreport_review", args=[waiting.pk]),
        reverse("admin:reporting_violationcase_change", args=[_sample_case().pk]),
        reverse("notices:list"),
        reverse("exports:list"),
    ]


def ministry_pages() -> list[str]:
    from reporting.models import Assessment

    scored = (
        Assessment.objects.filter(regency_id="33.73", catalogue__status="closed")
        .order_by("-catalogue__year")
        .first()
    )
    return [
        "/",
        reverse("portal:dashboard-national"),
        reverse("reporting:ranking-latest"),
        reverse("reporting:score-explain", args=[scored.pk]),
        reverse("portal:best-regions", args=[scored.catalogue.year]),
        reverse("admin:reporting_violationcase_deduction", args=[_salatiga().pk]),
        reverse("aksiham:home"),
        reverse("aksiham:rates", args=[open_period().year]),
        reverse("indicators:catalogue-list"),
        reverse("indicators:catalogue-detail", args=[_salatiga().catalogue.year]),
        reverse("notices:list"),
        reverse("exports:list"),
    ]


def administrator_pages() -> list[str]:
    return [
        "/",
        reverse("regions:regency-list"),
        reverse("regions:regency-detail", args=["33.73"]),
        reverse("indicators:catalogue-list"),
        reverse("admin:index"),
        reverse("admin:indicators_catalogue_changelist"),
        reverse("admin:accounts_user_changelist"),
        reverse("exports:list"),
    ]
