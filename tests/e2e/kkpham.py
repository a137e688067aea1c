"""The KKPHAM year of the end-to-end run, one function per step (see test_whole_year.py).

Every function starts signed out and ends signed out; each leaves a screenshot.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from accounts.demo import DEMO_REGENCIES as REGENCIES
from accounts.models import User
from exports.models import ExportJob
from files.samples import text_pdf
from indicators.models import Catalogue, Indicator
from reporting.models import Answer, Assessment, Evidence, Score
from reporting.scoring import YearRules, assessment_inputs, compute
from reporting.selectors.scores import ranked_score
from tests.browser.helpers import (
    ARTIFACTS,
    admin_errors,
    admin_success,
    card,
    confirm_and_press,
    open_coordinator_review,
    open_own_assessment,
    send_to_kanwil,
    sign_in_home,
    sign_out,
    success,
)

REGENCY = "33.73"
REGENCY_NAME = "Kota Salatiga"
PROVINCE_NAME = "Jawa Tengah"
ADMIN = "demo.admin"
COORDINATOR = "demo.koordinator.salatiga"
OPERATOR = "demo.opd.salatiga"
VERIFIER = "demo.kanwil.jateng"
ASSESSOR = "demo.kementerian"
CATEGORY = "K06"
UPLOADED = "sk-dinkes-k06.pdf"
RETURN_REASON = "Kesalahan perhitungan"
RETURN_NOTE = "Persentase tidak sesuai dengan laporan tahunan Dinkes."
CORRECTED = "75,5"
WAIT_MS = 60_000

A = Assessment.Status
S = Answer.Status
K = Indicator.AnswerKind


def snap(page: Page, number: int, step: str) -> None:
    """Keep the page as tests/artifacts/e2e-<number>-<step>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"e2e-{number}-{step}.png"), full_page=True)


def user(username: str) -> User:
    return User.objects.get(username=username)


def decimal_shown(value: Decimal) -> str:
    """A score as the Indonesian pages and PDFs print it: 57,50."""
    return f"{value:.2f}".replace(".", ",")


@dataclass(frozen=True)
class Filled:
    """What the operator typed in the browser, by indicator code."""

    yes_no: Indicator
    choice: Indicator
    number: Indicator
    choice_label: str


# --- 1. the administrator opens the catalogue and the year -------------------------


def admin_opens_catalogue_and_year(page: Page, base: str, draft: Catalogue) -> None:
    sign_in_home(page, base, ADMIN)
    page.goto(base + "/admin/indicators/catalogue/")
    line = page.locator("#result_list tbody tr", has_text=str(draft.year))
    expect(line).to_have_count(1)
    line.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(value="open_catalogues")
    page.locator("button[name=index]").click()
    expect(admin_success(page)).to_contain_text(f"Katalog {draft.year} dibuka.")
    expect(admin_errors(page)).to_have_count(0)
    draft.refresh_from_db()
    assert draft.status == Catalogue.Status.OPEN

    page.goto(base + "/admin/reporting/assessment/")
    page.get_by_role("link", name="Buka penilaian untuk semua kabupaten/kota").click()
    page.get_by_label("Katalog yang dibuka").select_option(value=str(draft.pk))
    deadline = timezone.localtime() + datetime.timedelta(days=30)
    page.get_by_label("Batas pengiriman").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#content form [type=submit]").click()
    expect(admin_success(page)).to_contain_text(f"{len(REGENCIES)} penilaian dibuka.")
    snap(page, 1, "tahun-dibuka")
    assert Assessment.objects.filter(catalogue=draft, status=A.DRAFT).count() == len(
        REGENCIES
    )
    sign_out(page, base, from_home=True)


# --- 2. the region fills: a handful in the browser, the rest through services -------


def _pick(assessment: Assessment) -> Filled:
    dinkes = Indicator.objects.filter(
        catalogue_id=assessment.catalogue_id,
        category__code=CATEGORY,
        responsible_agency_type__code="dinkes",
    ).order_by("order")
    choice = dinkes.filter(answer_kind=K.CHOICE).first()
    number = dinkes.filter(answer_kind__in=[K.PERCENTAGE, K.NUMBER]).first()
    yes_no = dinkes.filter(answer_kind=K.YES_NO).first()
    assert choice and number and yes_no, "the sample K06 lost a dinkes indicator"
    return Filled(yes_no, choice, number, choice.options[-1]["label"])


def _autosaved(page: Page, answer: Answer) -> None:
    expect(page.locator(f"#status-{answer.pk}")).to_contain_text(
        "Tersimpan otomatis", timeout=WAIT_MS
    )


def region_fills(page: Page, base: str, assessment: Assessment, tmp: Path) -> Filled:
    # The coordinator hands every indicator to its responsible OPD.
    sign_in_home(page, base, COORDINATOR)
    page.locator('section[data-role="coordinator"]').get_by_role(
        "link", name="Penugasan OPD"
    ).click()
    page.get_by_role(
        "button", name="Tugaskan otomatis menurut OPD penanggung jawab"
    ).click()
    expect(success(page)).to_contain_text("indikator ditugaskan")
    sign_out(page, base, from_home=True)

    # The Dinas Kesehatan operator answers three K06 indicators; each card saves
    # itself on change (htmx), without pressing Simpan; then a PDF goes to one.
    filled = _pick(assessment)
    answers = {
        a.indicator_id: a
        for a in assessment.answers.filter(
            indicator__in=[filled.yes_no, filled.choice, filled.number]
        )
    }
    sign_in_home(page, base, OPERATOR)
    open_own_assessment(page, base, assessment)
    page.goto(base + f"/penilaian/{assessment.pk}/kategori/{CATEGORY}/")
    card(page, filled.yes_no.code).get_by_label("Ya", exact=True).check()
    _autosaved(page, answers[filled.yes_no.pk])
    card(page, filled.choice.code).get_by_label(filled.choice_label, exact=True).check()
    _autosaved(page, answers[filled.choice.pk])
    number = card(page, filled.number.code).get_by_label(re.compile(r"^\s*Nilai"))
    number.fill("60")
    number.press("Tab")  # "change" fires when the field loses focus
    _autosaved(page, answers[filled.number.pk])

    pdf = tmp / UPLOADED
    pdf.write_bytes(text_pdf("SK Dinas Kesehatan K06"))
    target = card(page, filled.yes_no.code)
    target.get_by_label(re.compile(r"^\s*Berkas data dukung")).set_input_files(str(pdf))
    target.get_by_role("button", name="Unggah", exact=True).click()
    expect(success(page).filter(has_text="diunggah")).to_contain_text(UPLOADED)
    snap(page, 2, "opd-mengisi")

    stored = {
        a.indicator_id: a
        for a in Answer.objects.filter(pk__in=[a.pk for a in answers.values()])
    }
    assert stored[filled.yes_no.pk].value is True
    assert stored[filled.choice.pk].raw_value == filled.choice_label
    assert stored[filled.number.pk].raw_value == "60"
    assert {a.updated_by.username for a in stored.values()} == {OPERATOR}
    assert (
        Evidence.objects.get(answer=stored[filled.yes_no.pk]).original_name == UPLOADED
    )
    sign_out(page, base, from_home=True)

    # The other ~117 answers and their files go in through the same services the
    # pages call (answer_save, evidence_attach), as the coordinator: typing them all
    # in the browser would only make the run slower, not prove anything more.
    _fill_the_rest(assessment)
    return filled


def _value_for(indicator: Indicator) -> str | None:
    if indicator.answer_kind == K.YES_NO:
        return "ya"
    if indicator.answer_kind == K.CHOICE:
        return indicator.options[0]["label"]
    if indicator.answer_kind in (K.NUMBER, K.PERCENTAGE):
        return "80"
    return None  # a document indicator is answered by its file


def _fill_the_rest(assessment: Assessment) -> None:
    from reporting.services.answers import answer_save
    from reporting.services.evidence import evidence_attach

    coordinator = user(COORDINATOR)
    for answer in assessment.answers.select_related("indicator").order_by("pk"):
        indicator = answer.indicator
        value = _value_for(indicator)
        if value is not None and answer.raw_value in ("", None):
            result = answer_save(
                answer=answer,
                raw_value=value,
                note="",
                expected_version=answer.version,
                actor=coordinator,
            )
            assert result.error is None, (indicator.code, result.error)
        if indicator.evidence_required and not answer.evidence.exists():
            name = f"data-dukung-{indicator.code}.pdf"
            outcome = evidence_attach(
                answer=answer,
                uploads=[SimpleUploadedFile(name, text_pdf(indicator.code))],
                actor=coordinator,
            )
            assert len(outcome.stored) == 1, (indicator.code, outcome.notes)


# --- 3. the coordinator records the approval and submits ---------------------------


def coordinator_submits(
    page: Page, base: str, assessment: Assessment, tmp: Path
) -> None:
    sign_in_home(page, base, COORDINATOR)
    open_coordinator_review(page, base, assessment)
    letter = tmp / "surat-persetujuan.pdf"
    letter.write_bytes(text_pdf("Persetujuan Wali Kota"))
    page.get_by_label(re.compile(r"^\s*Nama pejabat yang menyetujui")).fill(
        "Drs. Contoh Pejabat"
    )
    page.get_by_label(re.compile(r"^\s*Jabatan")).fill("Sekretaris Daerah")
    page.get_by_label(re.compile(r"^\s*Tanggal persetujuan")).fill(
        (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    )
    page.get_by_label(
        re.compile(r"^\s*Surat persetujuan yang ditandatangani")
    ).set_input_files(str(letter))
    page.get_by_role("button", name="Catat persetujuan", exact=True).click()
    expect(success(page)).to_contain_text("Persetujuan pimpinan daerah dicatat.")
    send_to_kanwil(page)
    snap(page, 3, "dikirim")
    assessment.refresh_from_db()
    assert assessment.status == A.SUBMITTED
    assert not assessment.answers.exclude(status=S.SUBMITTED).exists()
    sign_out(page, base, from_home=True)


# --- 4. the Kanwil returns one answer, the region fixes it, the Kanwil forwards ----


def _review(page: Page, base: str, assessment: Assessment) -> None:
    page.goto(base + "/admin/reporting/assessment/")
    queued = page.locator("#result_list tbody tr", has_text=REGENCY_NAME)
    expect(queued).to_have_count(1)
    queued.get_by_role("link", name="Buka", exact=True).click()
    expect(page).to_have_url(
        base + f"/admin/reporting/assessment/{assessment.pk}/verifikasi/"
    )


def _line(page: Page, answer: Answer) -> Locator:
    return page.locator(f'tr[id="jawaban-{answer.pk}"]')


def kanwil_returns_one(
    page: Page, base: str, assessment: Assessment, filled: Filled
) -> Answer:
    returned = assessment.answers.get(indicator=filled.number)
    code = filled.number.code
    total = assessment.answers.count()
    sign_in_home(page, base, VERIFIER)
    _review(page, base, assessment)
    line = _line(page, returned)
    line.get_by_text("Kembalikan…", exact=True).click()
    line.get_by_label(RETURN_REASON, exact=True).check()
    line.get_by_label("Catatan untuk daerah").fill(RETURN_NOTE)
    line.get_by_role("button", name=f"Kembalikan {code}", exact=True).click()
    expect(admin_success(page)).to_contain_text(f"{code} ditandai untuk dikembalikan.")

    boxes = page.locator("input[name=answer_ids]")
    expect(boxes).to_have_count(total - 1)
    for index in range(total - 1):
        boxes.nth(index).check()
    page.get_by_role("button", name="Terima semua yang dicentang", exact=True).click()
    expect(admin_success(page)).to_contain_text(f"{total - 1} jawaban diterima.")
    confirm_and_press(page, "Kembalikan ke daerah (1 jawaban)")
    expect(admin_success(page)).to_contain_text(
        "Jawaban yang perlu diperbaiki dikirim kembali ke daerah."
    )
    snap(page, 4, "kanwil-mengembalikan")
    assessment.refresh_from_db()
    assert assessment.status == A.RETURNED
    returned.refresh_from_db()
    assert returned.status == S.RETURNED and returned.review_note == RETURN_NOTE
    sign_out(page, base, from_home=True)
    return returned


def region_fixes_and_resubmits(
    page: Page, base: str, assessment: Assessment, returned: Answer
) -> None:
    code = returned.indicator.code
    sign_in_home(page, base, OPERATOR)
    open_own_assessment(page, base, assessment)
    page.goto(base + f"/penilaian/{assessment.pk}/kategori/{CATEGORY}/")
    target = card(page, code)
    expect(target.locator(".return-reason")).to_contain_text(RETURN_NOTE)
    target.get_by_label(re.compile(r"^\s*Nilai")).fill(CORRECTED)
    target.get_by_role("button", name="Simpan", exact=True).click()
    expect(success(page)).to_contain_text(f"{code}: tersimpan.")
    sign_out(page, base, from_home=True)

    sign_in_home(page, base, COORDINATOR)
    open_coordinator_review(page, base, assessment)
    send_to_kanwil(page)
    snap(page, 5, "dikirim-ulang")
    assessment.refresh_from_db()
    assert assessment.status == A.RESUBMITTED
    sign_out(page, base, from_home=True)


def kanwil_accepts_and_forwards(
    page: Page, base: str, assessment: Assessment, returned: Answer
) -> None:
    code = returned.indicator.code
    sign_in_home(page, base, VERIFIER)
    _review(page, base, assessment)
    line = _line(page, returned)
    expect(line.locator(".answer-value")).to_have_text(CORRECTED)
    line.get_by_role("button", name=f"Terima {code}", exact=True).click()
    expect(admin_success(page)).to_contain_text(f"{code} diterima.")
    confirm_and_press(page, "Teruskan ke Kementerian")
    expect(admin_success(page)).to_contain_text("Penilaian diteruskan ke Kementerian.")
    snap(page, 6, "diteruskan")
    assessment.refresh_from_db()
    assert assessment.status == A.VERIFIED
    assert not assessment.answers.exclude(status=S.ACCEPTED).exists()
    sign_out(page, base, from_home=True)


# --- 5. the ministry finalises; the worker scores; the ranking shows it ------------


def expected_total(assessment: Assessment) -> Decimal:
    """The score the rules give, computed here without storing anything."""
    rules = YearRules.load(assessment.catalogue)
    return compute(rules, *assessment_inputs(assessment)).total


def ministry_finalises_and_sees_the_score(
    page: Page, base: str, assessment: Assessment
) -> Decimal:
    sign_in_home(page, base, ASSESSOR)
    page.goto(base + f"/admin/reporting/assessment/{assessment.pk}/verifikasi/")
    finalised_at = timezone.now()
    page.get_by_role("button", name="Finalkan penilaian", exact=True).click()
    expect(admin_success(page)).to_contain_text("Penilaian difinalkan.")
    assessment.refresh_from_db()
    assert assessment.status == A.FINAL

    # Only the worker writes scores (the live server no longer runs tasks itself):
    # the finalisation queues a recompute, and the ranking page is read again until
    # a score computed after it is there, for at most a minute. ("final" on that
    # page means published by decree, which is not part of this run.)
    total = expected_total(assessment)
    shown = decimal_shown(total)
    ranking = base + f"/penilaian/peringkat/{assessment.catalogue.year}/"
    row = page.locator("#ranking tbody tr", has_text=REGENCY_NAME)
    scored = Score.objects.filter(assessment=assessment, computed_at__gte=finalised_at)
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        page.goto(ranking)
        if scored.exists() and row.count() == 1 and shown in row.inner_text():
            break
        assert time.monotonic() < deadline, (
            f"no score {shown} for {REGENCY_NAME} computed after the finalisation "
            f"within {WAIT_MS // 1000} s; stored: "
            f"{list(Score.objects.values_list('total', 'computed_at'))}"
        )
        time.sleep(1)
    expect(row.locator("td").nth(0)).to_have_text("1")
    expect(row).to_contain_text(PROVINCE_NAME)
    snap(page, 7, "peringkat")
    score = ranked_score(assessment.pk, assessment.catalogue)
    assert score.total == total and score.national_rank == 1
    assert Score.objects.count() == 1  # the two kab/kota still in draft have none
    return total


# --- 6. the ministry exports the national ranking as PDF ---------------------------


def ministry_exports_the_ranking(
    page: Page, base: str, assessment: Assessment, total: Decimal, tmp: Path
) -> str:
    """Still signed in as the ministry; returns the PDF's text."""
    year = assessment.catalogue.year
    page.locator("#exports form", has_text="Peringkat nasional").get_by_role(
        "button", name="PDF"
    ).click()
    expect(page).to_have_url(base + "/penilaian/ekspor/")
    expect(success(page)).to_contain_text("Ekspor dicatat")
    row = page.locator("#export-rows tr").first
    expect(row).to_contain_text("Peringkat nasional")
    download = row.get_by_role("link", name="Unduh")
    expect(download).to_be_visible(timeout=WAIT_MS)  # the list polls the worker's job
    expect(row).to_contain_text("Selesai")
    snap(page, 8, "ekspor")
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename == f"peringkat-nasional-{year}.pdf"
    path = tmp / "peringkat-nasional.pdf"
    info.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = rf"^1 {re.escape(REGENCY)} {REGENCY_NAME} {PROVINCE_NAME} .*{decimal_shown(total)}\b"
    assert re.search(line, text, re.M), text
    job = ExportJob.objects.get()
    assert job.status == "done" and job.requested_by.username == ASSESSOR
    sign_out(page, base, from_home=True)
    return text
