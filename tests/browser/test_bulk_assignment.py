"""The coordinator gives many indicators to one OPD in one step, in the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from reporting.models import Assessment
from tests.browser.helpers import open_sample_year, sign_in_home, success

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

COORDINATOR = "demo.koordinator.salatiga"


@pytest.fixture
def assessment(demo_cast) -> Assessment:
    return open_sample_year()


def test_tick_rows_choose_an_opd_and_assign_them_at_once(
    page: Page, live_server, assessment: Assessment
) -> None:
    base = live_server.url
    sign_in_home(page, base, COORDINATOR)
    page.goto(base + f"/penilaian/{assessment.pk}/penugasan/")
    rows = page.locator("input[name=bulk-answers]")
    total = assessment.answers.count()
    expect(rows).to_have_count(total)

    # "Centang semua" ticks every row and clears them again.
    every = page.get_by_label("Centang semua indikator")
    every.check()
    expect(page.locator("input[name=bulk-answers]:checked")).to_have_count(total)
    every.uncheck()
    expect(page.locator("input[name=bulk-answers]:checked")).to_have_count(0)

    chosen = list(assessment.answers.select_related("indicator")[:3])
    for answer in chosen:
        page.get_by_label(f"Centang {answer.indicator.code}", exact=True).check()
    target = assessment.regency.agencies.get(agency_type__code="dinsos")
    page.get_by_label("OPD tujuan").select_option(label=target.name)
    page.locator("#bulk-assign").get_by_role("button", name="Tugaskan").click()
    expect(success(page)).to_contain_text(
        f"3 indikator ditugaskan kepada {target.name}."
    )
    for answer in chosen:
        answer.refresh_from_db()
        assert answer.agency_id == target.pk
        expect(page.locator(f"#agency-{answer.pk}")).to_have_value(str(target.pk))

    # The invitation form is one click away from the top of the page.
    page.get_by_role("link", name="Undang staf OPD").first.click()
    expect(page.locator("#undang")).to_be_in_viewport()
