"""The Content-Security-Policy breaks nothing: a real Chromium reports no violation
while htmx autosaves, the language switcher submits itself and the console renders."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from reporting.models import Answer, Assessment
from tests.browser.helpers import card, open_sample_year, sign_in_home, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

# Runs before any page script; CSP does not apply to scripts the browser injects.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations")


@pytest.fixture
def salatiga(demo_cast) -> Assessment:
    return open_sample_year(assigned=True)


def test_portal_pages_run_under_the_policy_without_violations(
    page: Page, live_server, salatiga: Assessment
) -> None:
    page.context.add_init_script(WATCH)
    base = live_server.url
    answer = (
        salatiga.answers.filter(
            agency__agency_type__code="dinkes", indicator__answer_kind="number"
        )
        .select_related("indicator__category")
        .first()
        or salatiga.answers.filter(
            agency__agency_type__code="dinkes", indicator__answer_kind="percentage"
        )
        .select_related("indicator__category")
        .first()
    )
    sign_in_home(page, base, "demo.opd.salatiga")
    assert violations(page) == []
    page.goto(
        base + f"/penilaian/{salatiga.pk}/kategori/{answer.indicator.category.code}/"
    )
    field = card(page, answer.indicator.code).locator("input[name$='raw_value']")
    field.fill("42")
    field.dispatch_event("change")
    # htmx posts the form by itself and swaps in the status fragment.
    expect(page.locator(f"#status-{answer.pk}")).to_contain_text(
        "Tersimpan", timeout=10_000
    )
    assert Answer.objects.get(pk=answer.pk).raw_value == "42"
    assert violations(page) == []  # checked per page: a navigation starts a new list
    page.goto(base + f"/penilaian/{salatiga.pk}/")
    # The language switcher submits itself from static/js/portal.js.
    page.locator("#bahasa").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert violations(page) == []
    page.locator("#bahasa").select_option("id")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    assert violations(page) == []
    sign_out(page, base, from_home=True)


def test_staff_console_runs_under_the_policy_without_violations(
    page: Page, live_server, salatiga: Assessment
) -> None:
    page.context.add_init_script(WATCH)
    base = live_server.url
    sign_in_home(page, base, "demo.admin")
    for path in (
        reverse("admin:index"),
        reverse("admin:reporting_assessment_changelist"),
        reverse("admin:reporting_assessment_review", args=[salatiga.pk]),
        reverse("admin:indicators_indicator_import"),
    ):
        page.goto(base + path)
        expect(page.locator("#content")).to_be_visible()
        assert violations(page) == [], path
