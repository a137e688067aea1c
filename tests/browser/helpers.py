"""Helpers shared by the browser tests: paths, signing in and out, locators, files.

Upload files that need no particular content come from ``tests/files.py``
(``PDF``, ``png()``, ``docx()``); journeys that need a PDF with text, whose bytes
differ with that text, take ``files.samples.text_pdf``.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import Locator, Page, expect

from accounts.demo import DEMO_PASSWORD

if TYPE_CHECKING:
    from aksiham.models import ActionPlan, Period
    from indicators.models import Catalogue
    from reporting.models import Answer, Assessment

LOGIN_PATH = "/akun/masuk/"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


# --- data ------------------------------------------------------------------------


def import_sample_catalogue() -> Catalogue:
    """The shipped sample catalogue, imported as a draft (it must import cleanly)."""
    from indicators.transfer import catalogue_import_yaml
    from tests.cast import SAMPLE_CATALOGUE

    outcome = catalogue_import_yaml(content=SAMPLE_CATALOGUE.read_bytes(), actor=None)
    assert outcome.ok, outcome.problems
    return outcome.catalogue


def open_sample_year(*, assigned: bool = False) -> Assessment:
    """The sample catalogue opened for Kota Salatiga, its deadline a month ahead;
    ``assigned``: every indicator given to its responsible OPD by the demo
    coordinator."""
    from django.utils import timezone

    from accounts.models import User
    from indicators.services import catalogue_open
    from reporting.models import Assessment
    from reporting.services.assessments import answers_assign_by_type, assessments_open

    catalogue = catalogue_open(catalogue=import_sample_catalogue(), actor=None)
    assessments_open(
        catalogue=catalogue,
        deadline=timezone.now() + datetime.timedelta(days=30),
        actor=None,
        regency_codes=["33.73"],
    )
    assessment = Assessment.objects.get(catalogue=catalogue, regency_id="33.73")
    if assigned:
        coordinator = User.objects.get(username="demo.koordinator.salatiga")
        answers_assign_by_type(assessment=assessment, actor=coordinator)
    return assessment


# --- browser ---------------------------------------------------------------------


def typed_answers_on_one_page(username: str) -> list[Answer]:
    """The sample year opened and assigned; the number and percentage answers of
    ``username``'s OPD that stand on one category page (at least two)."""
    from accounts.models import User

    assessment = open_sample_year(assigned=True)
    operator = User.objects.get(username=username)
    chosen = list(
        assessment.answers.filter(
            agency=operator.role_assignments.get().agency,
            indicator__answer_kind__in=["number", "percentage"],
        )
        .select_related("indicator__category")
        .order_by("indicator__category__order", "indicator__order")
    )
    category = chosen[0].indicator.category_id
    chosen = [a for a in chosen if a.indicator.category_id == category]
    assert len(chosen) >= 2, "the sample needs two such answers in one category"
    return chosen


def shot(page: Page, journey: str, step: int) -> None:
    """Save a full-page screenshot as tests/artifacts/<journey>-<step>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{journey}-{step}.png"), full_page=True)


def sign_in(
    page: Page, base_url: str, username: str, password: str = DEMO_PASSWORD
) -> None:
    """Fill in and submit the portal's login form; where it lands is not checked."""
    page.goto(base_url + LOGIN_PATH)
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()


def sign_in_home(page: Page, base_url: str, username: str) -> None:
    """Sign in with the demo password and expect the portal's home page."""
    sign_in(page, base_url, username)
    expect(page).to_have_url(base_url + "/")


def sign_out(page: Page, base_url: str, *, from_home: bool = False) -> None:
    """Press "Keluar" and expect the login page.

    ``from_home``: go to the portal's home page first (the admin pages have their
    own header, without the portal's "Keluar" button).
    """
    if from_home:
        page.goto(base_url + "/")
    page.get_by_role("button", name="Keluar", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(base_url + LOGIN_PATH)))


def success(page: Page) -> Locator:
    """The portal's success messages."""
    return page.locator("main .alert-success")


def admin_success(page: Page) -> Locator:
    """The admin's success messages."""
    return page.locator("ul.messagelist li.success")


def admin_errors(page: Page) -> Locator:
    """The admin's error messages."""
    return page.locator("ul.messagelist li.error")


def card(page: Page, code: str) -> Locator:
    """The answer card of one indicator on a category page."""
    return page.locator(f'article[id="indikator-{code}"]')


def open_own_assessment(page: Page, base_url: str, assessment: Assessment) -> None:
    """As an OPD operator on the home page: open the assessment's page."""
    page.get_by_role("link", name="Isi indikator OPD Anda").click()
    expect(page).to_have_url(base_url + f"/penilaian/{assessment.pk}/")


def open_coordinator_review(page: Page, base_url: str, assessment: Assessment) -> None:
    """As the coordinator on the home page: open the assessment, then its review."""
    page.locator('section[data-role="coordinator"]').get_by_role(
        "link", name="Buka penilaian"
    ).click()
    expect(page).to_have_url(base_url + f"/penilaian/{assessment.pk}/")
    page.get_by_role("link", name="Tinjau semua jawaban").click()
    expect(page).to_have_url(base_url + f"/penilaian/{assessment.pk}/tinjau/")


def send_to_kanwil(page: Page) -> None:
    """On the coordinator's review page: send the assessment and expect it sent."""
    page.get_by_label(
        "Saya sudah memeriksa ringkasan ini dan mengirim penilaian apa adanya."
    ).check()
    page.get_by_role("button", name="Kirim penilaian ke Kanwil", exact=True).click()
    expect(success(page)).to_contain_text(
        "Penilaian dikirim ke Kanwil. Semua isian kini terkunci."
    )


def open_plan_with_b04_open() -> tuple[ActionPlan, Period]:
    """The sample plan of this year, opened; B04 opened yesterday, closes in an hour."""
    from django.utils import timezone

    from aksiham.demo import sample_plan_open
    from aksiham.models import Period
    from aksiham.services.plans import periods_create

    now = timezone.now()
    plan = sample_plan_open(timezone.localdate().year)
    day = datetime.timedelta(days=1)
    closes = now + datetime.timedelta(hours=1)
    periods_create(
        year=plan.year,
        windows={
            "B04": (now - day, closes, closes),
            "B08": (now + 30 * day, now + 40 * day, now + 43 * day),
            "B12": (now + 60 * day, now + 70 * day, now + 70 * day),
        },
        actor=None,
    )
    b04 = Period.objects.get(year=plan.year, code="B04")
    assert b04.state() == Period.State.OPEN
    return plan, b04


def confirm_and_press(page: Page, button: str) -> None:
    """An irreversible console step: tick its summary's confirmation, then press it."""
    step = page.locator("form.confirm-step").filter(
        has=page.get_by_role("button", name=button, exact=True)
    )
    step.get_by_label("Saya sudah memeriksa ringkasan ini").check()
    step.get_by_role("button", name=button, exact=True).click()
