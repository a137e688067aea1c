"""The Aksi HAM period of the end-to-end run (see test_whole_year.py).

The browser steps reuse the Aksi HAM journey's helpers (tests/browser), which speak
of the same kab/kota, Kota Salatiga.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from aksiham.models import ActionPlan, ActionReport, Period, PeriodScore
from tests.browser.helpers import (
    admin_errors,
    admin_success,
    sign_in_home,
    sign_out,
    success,
)
from tests.browser.test_aksiham_journey import (
    cell,
    fill_and_save,
    open_grid,
    open_report,
    pick_autocomplete,
    review,
    send,
    upload,
)
from tests.e2e.kkpham import (
    ASSESSOR,
    COORDINATOR,
    REGENCY,
    REGENCY_NAME,
    VERIFIER,
    snap,
)
from tests.files import PDF

SUBSTANCE = "80"
ADMINISTRATION = "90"
PERIOD_SCORE = Decimal("85.00")  # the sample plan weighs substance at 50 %

S = ActionReport.Status


def coordinator_reports_action(
    page: Page, base: str, plan: ActionPlan, b04: Period, tmp: Path
) -> ActionReport:
    action = plan.actions.get(number=1)
    evidence = tmp / "rekap-aksi-1-b04.pdf"
    evidence.write_bytes(PDF)
    sign_in_home(page, base, COORDINATOR)
    open_report(page, base, plan, action, b04)
    fill_and_save(page, "Perwali RAN HAM ditetapkan", "100", "Kegiatan sesuai jadwal.")
    upload(page, evidence)
    send(page)
    expect(success(page)).to_contain_text("Laporan dikirim ke Kanwil.")
    expect(cell(page, 1)).to_have_attribute("data-status", S.SUBMITTED)
    snap(page, 9, "aksi-ham-dikirim")
    report = ActionReport.objects.get(action=action, period=b04, regency_id=REGENCY)
    assert report.status == S.SUBMITTED and report.evidence.count() == 1
    sign_out(page, base, from_home=True)
    return report


def kanwil_accepts(page: Page, base: str, report: ActionReport) -> None:
    sign_in_home(page, base, VERIFIER)
    review(page, base, report)
    expect(page.locator("#evidence")).to_contain_text("rekap-aksi-1-b04.pdf")
    page.get_by_role("button", name="Terima", exact=True).click()
    expect(admin_success(page)).to_contain_text("Laporan diterima.")
    snap(page, 10, "aksi-ham-diterima")
    report.refresh_from_db()
    assert report.status == S.ACCEPTED
    sign_out(page, base, from_home=True)


def ministry_scores_the_period(page: Page, base: str, b04: Period) -> None:
    # The clock passes the close: B04 closed two hours ago, its grace one hour ago.
    now = timezone.now()
    Period.objects.filter(pk=b04.pk).update(
        closes_at=now - datetime.timedelta(hours=2),
        grace_until=now - datetime.timedelta(hours=1),
    )
    b04.refresh_from_db()
    assert b04.state() == Period.State.CLOSED

    sign_in_home(page, base, ASSESSOR)
    page.goto(base + "/admin/aksiham/periodscore/add/")
    page.locator("#id_period").select_option(label=str(b04))
    pick_autocomplete(page, "regency", "Salatiga", REGENCY_NAME, REGENCY)
    page.locator("#id_substance").fill(SUBSTANCE)
    page.locator("#id_administration").fill(ADMINISTRATION)
    page.locator("#id_note").fill("Laporan B04 lengkap dan tepat waktu.")
    page.locator("input[name=_save]").click()
    expect(page.locator(".errornote")).to_have_count(0)
    expect(admin_errors(page)).to_have_count(0)
    expect(admin_success(page)).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/admin/aksiham/periodscore/(\?.*)?$"))
    snap(page, 11, "aksi-ham-dinilai")
    recorded = PeriodScore.objects.get(period=b04, regency_id=REGENCY)
    assert recorded.score == PERIOD_SCORE
    assert recorded.scored_by.username == ASSESSOR
    sign_out(page, base, from_home=True)


def grid_shows_the_period_score(page: Page, base: str, plan: ActionPlan) -> None:
    sign_in_home(page, base, COORDINATOR)
    open_grid(page, base, plan)
    scores = page.locator("#period-scores td")
    expect(scores.nth(0)).to_have_text("85,00")  # B04
    expect(scores.nth(1)).to_have_text("—")  # B08, not scored yet
    # The sample plan counts a period without a score as zero: 85 / 3.
    expect(page.locator("#yearly-score")).to_contain_text("28,33 (sementara)")
    expect(cell(page, 1)).to_have_attribute("data-status", S.ACCEPTED)
    snap(page, 12, "aksi-ham-nilai-periode")
    sign_out(page, base, from_home=True)
