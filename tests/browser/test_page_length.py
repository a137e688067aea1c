"""How long the category page is, at desktop (1366×768) and phone (390 px) width.

The coordinator opens the sample year's fullest category (every answer of it is
theirs to see, so it holds the most cards) and the page, measured as Playwright's
full-page screenshot measures it, stays under a bound at both widths. With
``PORTAL_SCREENSHOTS`` set to a folder, the screenshots are saved there as
``category-<width>.png`` (README, "The category page").
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from reporting.models import Assessment
from tests.browser.helpers import open_sample_year, sign_in_home
from tests.chromium import DEFAULT_TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

COORDINATOR = "demo.koordinator.salatiga"
# Height bounds in CSS pixels (measured: README, "The category page").
WIDTHS = {1366: 6600, 390: 9400}


def _fullest_category(assessment: Assessment) -> str:
    from django.db.models import Count

    fullest = (
        assessment.answers.values(
            "indicator__category__code", "indicator__category__order"
        )
        .annotate(cards=Count("pk"))
        .order_by("-cards", "indicator__category__order")
        .first()
    )
    return fullest["indicator__category__code"]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_category_page_is_short(browser: Browser, live_server, width: int) -> None:
    assessment = open_sample_year(assigned=True)
    code = _fullest_category(assessment)
    height = 768 if width == 1366 else 844
    context = browser.new_context(
        locale="id-ID", viewport={"width": width, "height": height}
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        sign_in_home(page, live_server.url, COORDINATOR)
        page.goto(live_server.url + f"/penilaian/{assessment.pk}/kategori/{code}/")
        expect(page.locator("article[data-answer]")).to_have_count(
            assessment.answers.filter(indicator__category__code=code).count()
        )
        length = page.evaluate("document.documentElement.scrollHeight")
        print(f"category {code} at {width} px: {length} px")  # noqa: T201
        folder = os.environ.get("PORTAL_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{folder}/category-{width}.png", full_page=True)
        assert length <= WIDTHS[width], f"{length} px at {width} px wide"
    finally:
        context.close()
