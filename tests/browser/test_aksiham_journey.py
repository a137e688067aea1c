"""A kab/kota reports RANHAM Aksi HAM in a real browser, through a return and a late extension.

The journey, all in Kota Salatiga (33.73) on the sample plan of the current year,
with B04 open now (it opened a day ago and closes in an hour, no grace):

1. The coordinator fills actions 1 and 2 for B04, uploads a PDF to each and sends
   both to the Kanwil; action 3 is started as a draft with its file, but not sent.
2. The Kanwil verifier of Jawa Tengah accepts action 1 and returns action 2 with a
   common reason and a note.
3. The coordinator reads the reason on action 2, corrects the achievement, saves
   and sends it again; the grid shows accepted, resubmitted and draft.
4. The clock moves past the close (the period's times are moved into the past):
   action 3 is refused, on the page (no forms, the window message) and on the
   server (a forged send is answered with the same message).
5. The administrator grants Kota Salatiga an extension in the staff console,
   picking the kab/kota through the autocomplete box.
6. The coordinator sends action 3; it is accepted as late, with the extension.

Along the way the screens are checked for untranslated words (English field names,
internal status codes); those findings are asserted last, so that a failure names
every leak at once after every step above has been checked.

Screenshots: tests/artifacts/aksiham-1.png … aksiham-6.png.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from accounts.models import User
from aksiham.models import (
    Action,
    ActionPlan,
    ActionReport,
    Period,
    PeriodExtension,
    ReportEvent,
)
from tests.browser.helpers import (
    admin_errors,
    admin_success,
    open_plan_with_b04_open,
    shot,
    sign_in,
    sign_out,
    success,
)
from tests.cast import PASSWORD
from tests.files import PDF

pytestmark = pytest.mark.browser

JOURNEY = "aksiham"
REGENCY = "33.73"
REGENCY_NAME = "Kota Salatiga"
QUEUE_PATH = "/admin/aksiham/actionreport/"
EXTENSION_ADD_PATH = "/admin/aksiham/periodextension/add/"
RETURN_REASON = "Data tidak lengkap"
RETURN_NOTE = "Rekap bulan April belum ditandatangani kepala DP3A."
CORRECTED = "Rekap Januari–April lengkap dan ditandatangani kepala DP3A"
EXTENSION_REASON = "Server Pemda padam saat batas waktu (surat Sekda 12/2026)."

S = ActionReport.Status


# --- setup -----------------------------------------------------------------------


@pytest.fixture
def plan(transactional_db, regions) -> ActionPlan:
    """The sample plan for the current year, opened, with B04 open right now."""
    return open_plan_with_b04_open()[0]


@pytest.fixture
def b04(plan) -> Period:
    period = Period.objects.get(year=plan.year, code="B04")
    assert period.state() == Period.State.OPEN
    return period


@pytest.fixture
def evidence_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "rekap-capaian-b04.pdf"
    path.write_bytes(PDF)
    return path


def report_of(action: Action, period: Period) -> ActionReport:
    return ActionReport.objects.get(action=action, period=period, regency_id=REGENCY)


# --- browser helpers --------------------------------------------------------------


def log_in(page: Page, base: str, user: User) -> None:
    sign_in(page, base, user.username, PASSWORD)
    expect(page).to_have_url(base + "/")


def cell(page: Page, number: int, period: str = "B04") -> Locator:
    return page.locator(
        f'#aksi-grid td[data-action="{number}"][data-period="{period}"]'
    )


def open_grid(page: Page, base: str, plan: ActionPlan) -> None:
    """The coordinator's Aksi HAM entry leads straight to the kab/kota's grid."""
    page.goto(base + "/aksi-ham/")
    expect(page).to_have_url(base + f"/aksi-ham/{plan.year}/{REGENCY}/")
    expect(page.locator("main h1")).to_contain_text(REGENCY_NAME)
    expect(page.locator(".sample-notice")).to_contain_text("CONTOH")


def open_report(
    page: Page, base: str, plan: ActionPlan, action: Action, period: Period
) -> None:
    open_grid(page, base, plan)
    cell(page, action.number).get_by_role("link").click()
    expect(page).to_have_url(
        base + f"/aksi-ham/{REGENCY}/periode/{period.pk}/aksi/{action.pk}/"
    )
    expect(page.locator("main h1")).to_contain_text(f"{action.number}.")


def fill_and_save(page: Page, achievement: str, percent: str, narrative: str) -> None:
    form = page.locator("#report-form")
    form.get_by_label("Capaian terhadap ukuran keberhasilan").fill(achievement)
    form.get_by_label("Capaian (%)").fill(percent)
    form.get_by_label("Uraian pelaksanaan").fill(narrative)
    form.get_by_role("button", name="Simpan draf", exact=True).click()
    expect(success(page)).to_contain_text("Laporan disimpan.")


def upload(page: Page, path: Path) -> None:
    form = page.locator("#upload-form")
    form.locator("input[type=file]").set_input_files(str(path))
    form.get_by_role("button", name="Unggah", exact=True).click()
    expect(success(page)).to_contain_text("1 berkas diunggah.")
    expect(page.locator("#evidence")).to_contain_text(path.name)


def send(page: Page, label: str = "Kirim ke Kanwil") -> None:
    page.locator("#submit-form").get_by_role("button", name=label, exact=True).click()


def queue_row(page: Page, number: int) -> Locator:
    return page.locator("#result_list tbody tr").filter(
        has=page.locator("td.field-action_number", has_text=re.compile(rf"^{number}$"))
    )


def review(page: Page, base: str, report: ActionReport) -> None:
    """From the Kanwil's list of Aksi HAM reports, the report's "Periksa" link."""
    page.goto(base + QUEUE_PATH)
    row = queue_row(page, report.action.number)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(REGENCY_NAME)
    row.get_by_role("link", name="Periksa", exact=True).click()
    expect(page).to_have_url(base + f"{QUEUE_PATH}{report.pk}/verifikasi/")
    expect(page.locator("#report-status")).to_have_attribute("data-status", S.SUBMITTED)


def pick_autocomplete(
    page: Page, field: str, typed: str, option: str, value: str
) -> None:
    """Open the admin's select2 box of ``field``, type, pick the matching option."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).click()
    expect(page.locator(f"#id_{field}")).to_have_value(value)


def english_leaks(where: str, locator: Locator, words: list[str]) -> list[str]:
    """Words of the English/internal vocabulary showing in an Indonesian screen."""
    text = locator.text_content() or ""
    return [f"{where}: {word!r}" for word in words if re.search(rf"\b{word}\b", text)]


# --- the journey ------------------------------------------------------------------


def test_coordinator_reports_kanwil_returns_late_report_needs_extension(
    page: Page,
    live_server,
    plan: ActionPlan,
    b04: Period,
    regency_staff: User,
    verifier: User,
    administrator: User,
    evidence_pdf: Path,
) -> None:
    base = live_server.url
    leaks: list[str] = []  # untranslated words seen on the way; checked last
    action1, action2, action3 = (plan.actions.get(number=n) for n in (1, 2, 3))

    # 1. The coordinator reports actions 1 and 2 with evidence and sends both.
    log_in(page, base, regency_staff)
    open_grid(page, base, plan)
    for number in (1, 2, 3):
        expect(cell(page, number)).to_have_attribute("data-status", "none")
        expect(cell(page, number)).to_contain_text("Isi laporan")
    for action, percent in ((action1, "60"), (action2, "87,5")):
        open_report(page, base, plan, action, b04)
        expect(page.locator("#report-status")).to_have_attribute("data-status", "none")
        expect(page.locator("#window-message")).to_have_count(0)
        fill_and_save(
            page,
            f"Capaian aksi {action.number} sesuai ukuran keberhasilan",
            percent,
            "Kegiatan berjalan sesuai jadwal B04.",
        )
        upload(page, evidence_pdf)
        send(page)
        expect(page).to_have_url(base + f"/aksi-ham/{plan.year}/{REGENCY}/")
        expect(success(page)).to_contain_text("Laporan dikirim ke Kanwil.")
        expect(cell(page, action.number)).to_have_attribute("data-status", S.SUBMITTED)
        expect(cell(page, action.number)).to_contain_text("1 berkas")
        expect(cell(page, action.number)).not_to_contain_text("terlambat")

    # Action 3 is prepared, with its file, but not sent before the close.
    open_report(page, base, plan, action3, b04)
    fill_and_save(page, "Cakupan akta kelahiran 91%", "91", "Data Dukcapil B04.")
    upload(page, evidence_pdf)
    expect(page.locator("#submit-form")).to_be_visible()
    open_grid(page, base, plan)
    expect(cell(page, 3)).to_have_attribute("data-status", S.DRAFT)
    for action in (action1, action2):
        report = report_of(action, b04)
        assert report.status == S.SUBMITTED
        assert not report.is_late
        assert report.evidence.count() == 1
        assert report.evidence.get().original_name == evidence_pdf.name
    assert report_of(action2, b04).achievement_percent == Decimal("87.5")
    shot(page, JOURNEY, 1)
    sign_out(page, base, from_home=True)

    # 2. The Kanwil accepts action 1 and returns action 2 with a reason.
    log_in(page, base, verifier)
    page.goto(base + QUEUE_PATH)
    # Drafts are the region's unsent work: the console lists only what was sent.
    expect(queue_row(page, 3)).to_have_count(0)
    leaks += english_leaks(
        "daftar laporan",
        page.locator("#result_list thead"),
        ["Regency", "Period"],
    )
    review(page, base, report_of(action1, b04))
    expect(page.locator("#evidence")).to_contain_text(evidence_pdf.name)
    page.get_by_role("button", name="Terima", exact=True).click()
    expect(admin_success(page)).to_contain_text("Laporan diterima.")
    # On to the period's next report waiting: action 2, without the list.
    second = report_of(action2, b04)
    expect(page).to_have_url(base + f"{QUEUE_PATH}{second.pk}/verifikasi/")
    expect(page.locator("#report-status")).to_have_attribute("data-status", S.SUBMITTED)
    page.get_by_label(RETURN_REASON, exact=True).check()
    page.get_by_label("Catatan", exact=True).fill(RETURN_NOTE)
    page.get_by_role("button", name="Kembalikan dengan alasan", exact=True).click()
    expect(admin_success(page)).to_contain_text("Laporan dikembalikan ke daerah.")
    expect(admin_errors(page)).to_have_count(0)
    # Nothing of B04 waits any more: the period's list says so.
    expect(page).to_have_url(base + f"{QUEUE_PATH}?period__id__exact={b04.pk}")
    expect(page.locator("ul.messagelist li.info")).to_contain_text(
        "Tidak ada lagi laporan"
    )
    page.goto(base + f"{QUEUE_PATH}{report_of(action1, b04).pk}/verifikasi/")
    expect(page.locator("#report-status")).to_have_attribute("data-status", S.ACCEPTED)
    expect(page.locator("#decision-form")).to_have_count(0)
    page.goto(base + f"{QUEUE_PATH}{second.pk}/verifikasi/")
    expect(page.locator("#report-status")).to_have_attribute("data-status", S.RETURNED)
    expect(page.locator("#content")).to_contain_text(RETURN_NOTE)
    returned = report_of(action2, b04)
    assert returned.status == S.RETURNED
    assert returned.review_reasons == ["incomplete"]
    assert returned.review_note == RETURN_NOTE
    assert returned.reviewed_by == verifier
    assert report_of(action1, b04).status == S.ACCEPTED
    shot(page, JOURNEY, 2)
    sign_out(page, base, from_home=True)

    # 3. The coordinator reads the reason, corrects, and sends again.
    log_in(page, base, regency_staff)
    open_grid(page, base, plan)
    expect(cell(page, 1)).to_have_attribute("data-status", S.ACCEPTED)
    expect(cell(page, 2)).to_have_attribute("data-status", S.RETURNED)
    open_report(page, base, plan, action2, b04)
    reason = page.locator("#return-reason")
    expect(reason).to_contain_text("Dikembalikan Kanwil")
    expect(reason).to_contain_text(RETURN_REASON)
    expect(reason).to_contain_text(RETURN_NOTE)
    achievement = page.get_by_label("Capaian terhadap ukuran keberhasilan")
    expect(achievement).to_have_value("Capaian aksi 2 sesuai ukuran keberhasilan")
    fill_and_save(page, CORRECTED, "92,5", "Rekap dilengkapi dan ditandatangani.")
    expect(page.locator("#return-reason")).to_contain_text(RETURN_NOTE)
    send(page, "Kirim ulang ke Kanwil")
    expect(success(page)).to_contain_text("Laporan dikirim ke Kanwil.")
    expect(cell(page, 1)).to_have_attribute("data-status", S.ACCEPTED)
    expect(cell(page, 2)).to_have_attribute("data-status", S.RESUBMITTED)
    expect(cell(page, 3)).to_have_attribute("data-status", S.DRAFT)
    resubmitted = report_of(action2, b04)
    assert resubmitted.status == S.RESUBMITTED
    assert resubmitted.achievement == CORRECTED
    assert resubmitted.achievement_percent == Decimal("92.5")
    assert not resubmitted.is_late
    assert list(resubmitted.events.values_list("from_status", "to_status")) == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.RETURNED),
        (S.RETURNED, S.RESUBMITTED),
    ]
    shot(page, JOURNEY, 3)

    # 4. The clock passes the close: B04 closed an hour ago, no grace.
    now = timezone.now()
    Period.objects.filter(pk=b04.pk).update(
        closes_at=now - datetime.timedelta(hours=2),
        grace_until=now - datetime.timedelta(hours=1),
    )
    assert Period.objects.get(pk=b04.pk).state() == Period.State.CLOSED
    open_grid(page, base, plan)
    expect(page.locator('[data-period-state="closed"]')).to_have_count(1)
    open_report(page, base, plan, action3, b04)
    closed = page.locator("#window-message")
    expect(closed).to_contain_text("ditutup")
    expect(closed).to_contain_text("perpanjangan")
    for form in ("#submit-form", "#report-form", "#upload-form"):
        expect(page.locator(form)).to_have_count(0)
    leaks += english_leaks(
        "halaman laporan", page.locator("main dl"), ["open", "closed", "grace"]
    )
    shot(page, JOURNEY, 4)

    # The server refuses too: a send forged from the page gets the same message.
    page.evaluate(
        """([action]) => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = action;
            const token = document.querySelector("input[name=csrfmiddlewaretoken]");
            form.appendChild(token.cloneNode());
            document.body.appendChild(form);
            form.submit();
        }""",
        [f"/aksi-ham/{REGENCY}/periode/{b04.pk}/aksi/{action3.pk}/kirim/"],
    )
    refused = page.locator("main .alert-danger")
    expect(refused).to_contain_text("ditutup")
    expect(refused).to_contain_text("mintalah perpanjangan kepada administrator")
    expect(page.locator("#submit-form")).to_have_count(0)
    assert report_of(action3, b04).status == S.DRAFT
    sign_out(page, base, from_home=True)

    # 5. The administrator extends B04 for Kota Salatiga in the staff console.
    log_in(page, base, administrator)
    page.goto(base + EXTENSION_ADD_PATH)
    page.locator("#id_period").select_option(label=str(b04))
    pick_autocomplete(page, "regency", "Salatiga", REGENCY_NAME, REGENCY)
    until = timezone.localtime(now + datetime.timedelta(days=3))
    page.locator("#id_until_0").fill(until.strftime("%d/%m/%Y"))
    page.locator("#id_until_1").fill("16:00:00")
    page.locator("#id_reason").fill(EXTENSION_REASON)
    leaks += english_leaks(
        "formulir perpanjangan",
        page.locator("#periodextension_form"),
        ["Period", "Regency"],
    )
    shot(page, JOURNEY, 5)
    page.locator("input[name=_save]").click()
    expect(admin_errors(page)).to_have_count(0)
    expect(page.locator(".errornote")).to_have_count(0)
    expect(admin_success(page)).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/admin/aksiham/periodextension/(\?.*)?$"))
    extension = PeriodExtension.objects.get(period=b04, regency_id=REGENCY)
    assert extension.granted_by == administrator
    assert extension.reason == EXTENSION_REASON
    assert timezone.localtime(extension.until) == until.replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    # Every B04 report of the kab/kota records why the period was extended.
    noted = ReportEvent.objects.filter(
        report__period=b04, report__regency_id=REGENCY, note__contains=EXTENSION_REASON
    )
    assert noted.count() == 3
    sign_out(page, base, from_home=True)

    # 6. The coordinator sends action 3: accepted, flagged late with the extension.
    log_in(page, base, regency_staff)
    open_report(page, base, plan, action3, b04)
    expect(page.locator("#window-message")).to_contain_text("diperpanjang")
    expect(page.locator("#refusal")).to_have_count(0)
    send(page)
    expect(page).to_have_url(base + f"/aksi-ham/{plan.year}/{REGENCY}/")
    expect(
        page.locator("main .alert-warning", has_text="ditandai terlambat")
    ).to_have_count(1)
    expect(cell(page, 3)).to_have_attribute("data-status", S.SUBMITTED)
    expect(cell(page, 3)).to_contain_text("terlambat")
    expect(cell(page, 1)).not_to_contain_text("terlambat")
    expect(cell(page, 2)).not_to_contain_text("terlambat")
    late = report_of(action3, b04)
    assert late.status == S.SUBMITTED
    assert late.is_late
    assert late.extended
    assert late.achievement == "Cakupan akta kelahiran 91%"
    cell(page, 3).get_by_role("link").click()
    expect(page.locator("#report-status")).to_contain_text(
        "terlambat (dengan perpanjangan)"
    )
    leaks += english_leaks(
        "riwayat laporan", page.locator("main ol.small"), ["draft", "submitted"]
    )
    shot(page, JOURNEY, 6)

    # No English field names or raw status codes on the Indonesian screens.
    assert leaks == [], "Kata bahasa Inggris/kode di layar: " + "; ".join(leaks)
