"""A Kanwil verifier works through Kota Salatiga's 120 answers in the console with
the keyboard: starts from the console's first page, filters to what is undecided,
accepts one answer and returns the next without a mouse, and watches the sticky
bar's counts follow; on a phone nothing is wider than the screen.

The page's height at 1366×768, unfiltered and filtered, is written to
tests/artifacts/review-heights.txt (README, "Verification and central review").
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from files.services.previews import previews_request
from reporting.models import Answer, Assessment, Evidence
from tests.browser.helpers import ARTIFACTS, admin_errors, admin_success, sign_in_home
from tests.browser.test_verification_journey import submitted  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

VERIFIER = "demo.kanwil.jateng"
WIDE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
MAX_TABS = 200
S = Answer.Status


def count(page: Page, name: str):
    return page.locator(f'.review-bar [data-count="{name}"] strong')


def height(page: Page) -> int:
    """The page's full height once every preview image has loaded (lazy ones too)."""
    return page.evaluate(
        """async () => { await Promise.all([...document.images].map(i => {
            i.loading = 'eager';
            return i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; });
        })); return document.scrollingElement.scrollHeight; }"""
    )


def focused(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => { const e = document.activeElement; return {
            label: e.getAttribute('aria-label') || '', tag: e.tagName,
            id: e.id || '', text: (e.innerText || '').trim(), value: e.value || '',
            outline: getComputedStyle(e).outlineStyle }; }"""
    )


def tab_to(page: Page, **wanted: str) -> dict:
    """Press Tab until the focused element is the one described (``label``, ``tag``,
    ``text``, ``value``); fail if it never is."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        now = focused(page)
        if all(now[key] == value for key, value in wanted.items()):
            return now
    raise AssertionError(f"Tab never reached {wanted}")


def no_overflow(page: Page) -> None:
    widths = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], widths


def test_verifier_filters_and_decides_with_the_keyboard(
    page: Page,
    live_server,
    submitted: Assessment,  # noqa: F811
) -> None:
    base = live_server.url
    assessment = submitted
    waiting = list(
        assessment.answers.select_related("indicator")
        .filter(status=S.SUBMITTED)
        .order_by("indicator__category__order", "indicator__order")
    )
    total = len(waiting)
    first, second = waiting[0], waiting[1]
    heights: dict[str, int] = {}
    # Every file's preview drawn, as after a few views of the page: heights compare.
    files = list(Evidence.objects.filter(answer__assessment=assessment))
    previews_request(files, limit=len(files))

    # The console's first page says where to start.
    page.set_viewport_size(WIDE)
    sign_in_home(page, base, VERIFIER)
    page.goto(base + "/admin/")
    hint = page.locator("section.start-hint")
    expect(hint).to_contain_text("1 kabupaten/kota menunggu verifikasi")
    page.screenshot(path=str(ARTIFACTS / "review-console-0.png"))
    hint.get_by_role("link", name=re.compile(r"^Verifikasi Kota Salatiga")).click()
    review_url = base + f"/admin/reporting/assessment/{assessment.pk}/verifikasi/"
    expect(page).to_have_url(review_url)
    expect(count(page, "undecided")).to_have_text(str(total))
    expect(count(page, "decided")).to_have_text("0")
    expect(page.locator("details.review-section")).to_have_count(10)
    heights["semua jawaban, tanpa saringan"] = height(page)
    page.screenshot(path=str(ARTIFACTS / "review-console-1.png"))

    # Filter to what is undecided, with the keyboard.
    page.get_by_label("Keputusan", exact=True).focus()
    page.keyboard.press("ArrowDown")  # Semua → Belum diputuskan
    expect(page.get_by_label("Keputusan", exact=True)).to_have_value("belum")
    tab_to(page, tag="INPUT", value="Terapkan")
    page.keyboard.press("Enter")
    expect(page).to_have_url(review_url + "?keputusan=belum&berkas=&tahun_lalu=")
    expect(page.locator("#shown-count")).to_have_attribute("data-shown", str(total))

    # Accept the first answer: Tab from the top of the page to its button, Enter.
    page.keyboard.press("Home")
    page.evaluate("document.activeElement.blur()")
    now = tab_to(page, label=f"Terima {first.indicator.code}")
    assert now["outline"] != "none", "the focused button shows no focus"
    page.keyboard.press("Enter")
    expect(admin_success(page)).to_contain_text(f"{first.indicator.code} diterima.")
    expect(admin_errors(page)).to_have_count(0)
    # Same filter, at the next waiting answer; the decided one has left the list.
    expect(page).to_have_url(f"{review_url}?keputusan=belum#jawaban-{second.pk}")
    expect(page.locator(f'tr[id="jawaban-{first.pk}"]')).to_have_count(0)
    expect(count(page, "undecided")).to_have_text(str(total - 1))
    expect(count(page, "decided")).to_have_text("1")

    # Return the next one: its controls come next in the keyboard order.
    code = second.indicator.code
    tab_to(page, label=f"Terima {code}")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Kembalikan…"
    page.keyboard.press("Enter")  # opens the return form
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first reason
    tab_to(page, tag="TEXTAREA")
    page.keyboard.type("Data dukung belum lengkap.")
    tab_to(page, label=f"Kembalikan {code}")
    page.keyboard.press("Enter")
    expect(admin_success(page)).to_contain_text(f"{code} ditandai untuk dikembalikan.")
    expect(count(page, "undecided")).to_have_text(str(total - 2))
    expect(count(page, "decided")).to_have_text("2")
    expect(count(page, "returned")).to_have_text("1")
    returned = Answer.objects.get(pk=second.pk)
    assert returned.status == S.RETURNED
    assert returned.review_note == "Data dukung belum lengkap."
    assert Answer.objects.get(pk=first.pk).status == S.ACCEPTED

    # The bar stays in view at the bottom of the list.
    page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    expect(page.locator(".review-bar")).to_be_in_viewport()
    box = page.locator(".review-bar").bounding_box()
    assert box is not None and abs(box["y"]) < 2, box
    heights["belum diputuskan"] = height(page)

    page.goto(review_url + "?keputusan=dikembalikan")
    expect(page.locator("tr[data-code]")).to_have_count(1)
    heights["dikembalikan"] = height(page)
    page.screenshot(path=str(ARTIFACTS / "review-console-2.png"), full_page=True)

    # A phone: no sideways scrolling on the review page, the first page, the queue.
    page.set_viewport_size(PHONE)
    for path in (
        review_url.removeprefix(base),
        "/admin/",
        "/admin/reporting/assessment/",
    ):
        page.goto(base + path)
        no_overflow(page)
    page.goto(review_url)
    no_overflow(page)
    page.screenshot(path=str(ARTIFACTS / "review-console-3.png"))

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "review-heights.txt").write_text(
        "".join(f"{name}: {px} px\n" for name, px in heights.items())
    )
    print(heights)  # noqa: T201
