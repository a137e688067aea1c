"""A Kanwil verifies a submitted kab/kota in a real browser, through to the ministry's final.

The journey, all in Kota Salatiga (33.73) on the sample catalogue (bonus limit 5):

0. Set up through the services (not the browser): the coordinator fills every
   indicator, attaches one PDF to each, records the approval and submits.
1. The Kanwil verifier of Jawa Tengah finds Kota Salatiga in the queue and opens it.
2. The verifier returns two Dinas Kesehatan answers with reasons and a note, accepts
   all the rest with the bulk form, and sends the returned ones back to the region.
3. The Dinas Kesehatan operator sees the two returned indicators first, reads the
   verifier's reasons on each card and corrects both; the other cards stay locked.
4. The coordinator sends the corrections to the Kanwil again.
5. The verifier accepts both corrections and forwards the kab/kota to the ministry.
6. The ministry assessor records a bonus with its basis and finalises.
7. Every event left a notice for the right people, each of them e-mailed.

Screenshots: tests/artifacts/verification-1.png … verification-7.png (step 3 has two).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from accounts.models import User
from files.samples import text_pdf
from indicators.models import Catalogue, Indicator
from notices.models import Notification
from reporting.models import Adjustment, Answer, Assessment
from tests.browser.helpers import (
    admin_errors,
    admin_success,
    card,
    confirm_and_press,
    import_sample_catalogue,
    open_coordinator_review,
    open_own_assessment,
    send_to_kanwil,
    shot,
    sign_in_home,
    sign_out,
    success,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

JOURNEY = "verification"
QUEUE_PATH = "/admin/reporting/assessment/"
REGENCY = "33.73"
REGENCY_NAME = "Kota Salatiga"
VERIFIER = "demo.kanwil.jateng"
ASSESSOR = "demo.kementerian"
COORDINATOR = "demo.koordinator.salatiga"
OPERATOR = "demo.opd.salatiga"
BONUS_MAX = Decimal("5")
BONUS_TYPED = "2,5"
BONUS_BASIS = "Nilai Aksi HAM 2025 sebesar 86"

A = Assessment.Status
S = Answer.Status
K = Indicator.AnswerKind


# --- setup -----------------------------------------------------------------------


def user(username: str) -> User:
    return User.objects.get(username=username)


def valid_value(indicator: Indicator) -> str | None:
    """What the coordinator types for each kind; None: nothing to type (document)."""
    if indicator.answer_kind == K.YES_NO:
        return "ya"
    if indicator.answer_kind == K.CHOICE:
        return indicator.options[0]["label"]
    if indicator.answer_kind in (K.NUMBER, K.PERCENTAGE):
        return "10"
    return None


@pytest.fixture
def submitted(demo_cast) -> Assessment:
    """Kota Salatiga, every indicator filled and evidenced by the coordinator, submitted."""
    from indicators.services import catalogue_open
    from reporting.services.answers import answer_save
    from reporting.services.assessments import (
        answers_assign_by_type,
        approval_record,
        assessments_open,
    )
    from reporting.services.evidence import evidence_attach
    from reporting.services.workflow import assessment_submit

    draft = import_sample_catalogue()
    Catalogue.objects.filter(pk=draft.pk).update(bonus_max=BONUS_MAX)
    catalogue = catalogue_open(catalogue=draft, actor=None)
    assert catalogue.status == Catalogue.Status.OPEN
    assert catalogue.bonus_max == BONUS_MAX
    created = assessments_open(
        catalogue=catalogue,
        deadline=timezone.now() + datetime.timedelta(days=30),
        actor=None,
        regency_codes=[REGENCY],
    )
    assert created == 1
    assessment = Assessment.objects.get(catalogue=catalogue, regency_id=REGENCY)
    coordinator = user(COORDINATOR)
    assigned, unmatched = answers_assign_by_type(
        assessment=assessment, actor=coordinator
    )
    assert assigned > 0
    assert unmatched == 0

    answers = assessment.answers.select_related("indicator").order_by("pk")
    for answer in answers:
        indicator = answer.indicator
        value = valid_value(indicator)
        if value is not None:
            result = answer_save(
                answer=answer,
                raw_value=value,
                note="",
                expected_version=answer.version,
                actor=coordinator,
            )
            assert result.error is None, (indicator.code, result.error)
        if indicator.evidence_required:
            name = f"data-dukung-{indicator.code}.pdf"
            evidence_attach(
                answer=answer,
                uploads=[SimpleUploadedFile(name, text_pdf(indicator.code))],
                actor=coordinator,
            )
    approval_record(
        assessment=assessment,
        approver_name="Drs. Contoh Pejabat",
        approver_position="Sekretaris Daerah",
        approved_on=timezone.localdate() - datetime.timedelta(days=1),
        letter=SimpleUploadedFile("surat-persetujuan.pdf", text_pdf("Persetujuan")),
        actor=coordinator,
    )
    assessment = assessment_submit(assessment=assessment, actor=coordinator)
    assert assessment.status == A.SUBMITTED
    assert not assessment.answers.exclude(status=S.SUBMITTED).exists()
    missing = [
        a.indicator.code
        for a in assessment.answers.select_related("indicator")
        if a.indicator.kind.value_missing(a.value)
    ]
    assert not missing, missing
    return assessment


@dataclass(frozen=True)
class Returned:
    """One Dinas Kesehatan answer the verifier sends back, and what the operator types."""

    answer: Answer
    reason: str
    note: str
    corrected: str  # what the operator types or picks
    stored: str  # raw_value afterwards

    @property
    def code(self) -> str:
        return self.answer.indicator.code


def pick_returned(assessment: Assessment) -> tuple[Returned, Returned, Answer]:
    """A yes/no and a numeric Dinas Kesehatan answer of one category, plus a third
    Dinas Kesehatan answer of that category that stays accepted."""
    dinkes = (
        assessment.answers.filter(agency__agency_type__code="dinkes")
        .select_related("indicator__category")
        .order_by("indicator__category__order", "indicator__order")
    )
    yes_no = dinkes.filter(indicator__answer_kind=K.YES_NO).first()
    assert yes_no is not None, "no dinkes yes/no indicator"
    same_category = dinkes.filter(indicator__category=yes_no.indicator.category)
    number = same_category.filter(
        indicator__answer_kind__in=[K.PERCENTAGE, K.NUMBER]
    ).first()
    assert number is not None, "no dinkes number/percentage next to the yes/no one"
    untouched = same_category.exclude(pk__in=[yes_no.pk, number.pk]).first()
    assert untouched is not None
    return (
        Returned(
            answer=yes_no,
            reason="Data dukung belum ditandatangani",
            note="SK yang diunggah belum ditandatangani Wali Kota.",
            corrected="Tidak",
            stored="tidak",
        ),
        Returned(
            answer=number,
            reason="Kesalahan perhitungan",
            note="Persentase tidak sesuai dengan laporan tahunan Dinkes.",
            corrected="75,5",
            stored="75,5",
        ),
        untouched,
    )


# --- browser helpers --------------------------------------------------------------


def row(page: Page, answer: Answer) -> Locator:
    return page.locator(f'tr[id="jawaban-{answer.pk}"]')


def status(page: Page) -> Locator:
    return page.locator("#assessment-status")


def open_review(page: Page, base_url: str, assessment: Assessment) -> None:
    """Through the queue: the kab/kota's row, then its "Buka" link."""
    page.goto(base_url + QUEUE_PATH)
    queued = page.locator("#result_list tbody tr", has_text=REGENCY_NAME)
    expect(queued).to_have_count(1)
    queued.get_by_role("link", name="Buka", exact=True).click()
    expect(page).to_have_url(base_url + f"{QUEUE_PATH}{assessment.pk}/verifikasi/")
    expect(page.locator("#content")).to_contain_text(REGENCY_NAME)


def statuses(assessment: Assessment) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in assessment.answers.values_list("status", flat=True):
        counts[value] = counts.get(value, 0) + 1
    return counts


# --- the journey ------------------------------------------------------------------


def test_kanwil_returns_region_corrects_kanwil_forwards_ministry_finalises(
    page: Page, live_server, submitted: Assessment
) -> None:
    base = live_server.url
    assessment = submitted
    total = assessment.answers.count()
    first, second, untouched = pick_returned(assessment)
    returned = (first, second)

    # 1. The verifier finds Kota Salatiga in the queue and opens its page.
    sign_in_home(page, base, VERIFIER)
    open_review(page, base, assessment)
    expect(status(page)).to_have_attribute("data-status", A.SUBMITTED)
    expect(page.locator("tr[data-code]")).to_have_count(total)
    expect(page.locator("input[name=answer_ids]")).to_have_count(total)
    shot(page, JOURNEY, 1)

    # 2. Two answers go back with reasons; the rest are accepted in one go.
    for item in returned:
        line = row(page, item.answer)
        expect(line).to_have_attribute("data-code", item.code)
        line.get_by_text("Kembalikan…", exact=True).click()
        line.get_by_label(item.reason, exact=True).check()
        line.get_by_label("Catatan untuk daerah").fill(item.note)
        line.get_by_role("button", name=f"Kembalikan {item.code}", exact=True).click()
        expect(admin_success(page)).to_contain_text(
            f"{item.code} ditandai untuk dikembalikan."
        )
        expect(admin_errors(page)).to_have_count(0)
        decided = row(page, item.answer)
        expect(decided.locator("td[data-status]")).to_have_attribute(
            "data-status", S.RETURNED
        )
        expect(decided).to_contain_text(item.reason)
        expect(decided).to_contain_text(item.note)
        expect(decided.locator("input[name=answer_ids]")).to_have_count(0)
    expect(status(page)).to_have_attribute("data-status", A.IN_VERIFICATION)

    boxes = page.locator("input[name=answer_ids]")
    expect(boxes).to_have_count(total - 2)
    for index in range(total - 2):
        boxes.nth(index).check()
    page.get_by_role("button", name="Terima semua yang dicentang", exact=True).click()
    expect(admin_success(page)).to_contain_text(f"{total - 2} jawaban diterima.")
    expect(admin_errors(page)).to_have_count(0)
    expect(page.locator("input[name=answer_ids]")).to_have_count(0)
    assert statuses(assessment) == {S.ACCEPTED: total - 2, S.RETURNED: 2}

    confirm_and_press(page, "Kembalikan ke daerah (2 jawaban)")
    expect(admin_success(page)).to_contain_text(
        "Jawaban yang perlu diperbaiki dikirim kembali ke daerah."
    )
    expect(status(page)).to_have_attribute("data-status", A.RETURNED)
    assessment.refresh_from_db()
    assert assessment.status == A.RETURNED
    for item in returned:
        stored = Answer.objects.get(pk=item.answer.pk)
        assert stored.status == S.RETURNED
        assert stored.review_note == item.note
        assert item.reason in stored.review_reason_labels()
        assert stored.reviewed_by == user(VERIFIER)
    shot(page, JOURNEY, 2)
    sign_out(page, base, from_home=True)

    # 3. The operator finds the two returned indicators first and corrects them.
    sign_in_home(page, base, OPERATOR)
    open_own_assessment(page, base, assessment)
    mine = page.locator('section[aria-labelledby="mine"]')
    expect(mine.get_by_role("heading", name="Indikator OPD Anda")).to_be_visible()
    lines = mine.locator("tbody tr")
    dinkes_total = assessment.answers.filter(agency__agency_type__code="dinkes").count()
    expect(lines).to_have_count(dinkes_total)
    top_codes = {lines.nth(0).locator("td").first.inner_text().strip()}
    top_codes.add(lines.nth(1).locator("td").first.inner_text().strip())
    assert top_codes == {first.code, second.code}
    for index in (0, 1):
        expect(lines.nth(index)).to_have_class(re.compile(r"\btable-warning\b"))
        expect(lines.nth(index).locator("td[data-status]")).to_have_attribute(
            "data-status", S.RETURNED
        )
    expect(lines.nth(2)).not_to_have_class(re.compile(r"\btable-warning\b"))
    expect(mine.locator("tr.table-warning")).to_have_count(2)
    shot(page, JOURNEY, 3)

    for item in returned:
        page.goto(base + f"/penilaian/{assessment.pk}/")
        page.locator('section[aria-labelledby="mine"]').get_by_role(
            "link", name=item.code, exact=True
        ).click()
        category = item.answer.indicator.category.code
        expect(page).to_have_url(
            base
            + f"/penilaian/{assessment.pk}/kategori/{category}/#indikator-{item.code}"
        )
        target = card(page, item.code)
        reason = target.locator(".return-reason")
        expect(reason).to_be_visible()
        expect(reason).to_contain_text("Dikembalikan Kanwil")
        expect(reason).to_contain_text(item.reason)
        expect(reason).to_contain_text(item.note)
        expect(target.locator(".read-only-note")).to_have_count(0)
        if item.answer.indicator.answer_kind == K.YES_NO:
            expect(target.get_by_label("Ya", exact=True)).to_be_checked()
            target.get_by_label(item.corrected, exact=True).check()
        else:
            field = target.get_by_label(re.compile(r"^\s*Nilai"))
            expect(field).to_have_value("10")
            field.fill(item.corrected)
        target.get_by_role("button", name="Simpan", exact=True).click()
        expect(success(page)).to_contain_text(f"{item.code}: tersimpan.")
        expect(page.locator("main .alert-danger")).to_have_count(0)
        saved = card(page, item.code)
        expect(saved.locator(".badge[data-status]")).to_have_attribute(
            "data-status", S.REVISED
        )
        # The reason stays in view while the answer is being revised.
        expect(saved.locator(".return-reason")).to_contain_text(item.note)

    # Only the returned cards are editable; an accepted Dinas Kesehatan card is not.
    assert untouched.indicator.category_id == first.answer.indicator.category_id
    locked = card(page, untouched.indicator.code)
    expect(locked.locator(".read-only-note")).to_be_visible()
    expect(locked.get_by_role("button", name="Simpan", exact=True)).to_have_count(0)
    expect(locked.locator(".return-reason")).to_have_count(0)
    expect(page.locator("main form.answer-form")).to_have_count(2)
    for item in returned:
        stored = Answer.objects.get(pk=item.answer.pk)
        assert stored.status == S.REVISED
        assert stored.raw_value == item.stored
        assert stored.updated_by == user(OPERATOR)
    shot(page, JOURNEY, 4)
    sign_out(page, base, from_home=True)

    # 4. The coordinator sends the corrections to the Kanwil again.
    sign_in_home(page, base, COORDINATOR)
    open_coordinator_review(page, base, assessment)
    send_to_kanwil(page)
    badge = page.locator("main h1 .badge[data-status]")
    expect(badge).to_have_attribute("data-status", A.RESUBMITTED)
    assessment.refresh_from_db()
    assert assessment.status == A.RESUBMITTED
    assert statuses(assessment) == {S.ACCEPTED: total - 2, S.SUBMITTED: 2}
    shot(page, JOURNEY, 5)
    sign_out(page, base, from_home=True)

    # 5. The verifier accepts both corrections and forwards to the ministry.
    sign_in_home(page, base, VERIFIER)
    open_review(page, base, assessment)
    expect(status(page)).to_have_attribute("data-status", A.RESUBMITTED)
    expect(page.locator("input[name=answer_ids]")).to_have_count(2)
    for item in returned:
        line = row(page, item.answer)
        decision = line.locator("td[data-status]")
        expect(decision).to_have_attribute("data-status", S.SUBMITTED)
        expect(decision.locator("strong")).to_have_text("Dikirim")
        expect(line.locator(".answer-value")).to_have_text(item.stored)
        expect(
            line.get_by_role("button", name=f"Terima {item.code}", exact=True)
        ).to_be_visible()
    for item in returned:
        row(page, item.answer).get_by_role(
            "button", name=f"Terima {item.code}", exact=True
        ).click()
        expect(admin_success(page)).to_contain_text(f"{item.code} diterima.")
        expect(admin_errors(page)).to_have_count(0)
        expect(row(page, item.answer).locator("td[data-status]")).to_have_attribute(
            "data-status", S.ACCEPTED
        )
    confirm_and_press(page, "Teruskan ke Kementerian")
    expect(admin_success(page)).to_contain_text("Penilaian diteruskan ke Kementerian.")
    expect(admin_errors(page)).to_have_count(0)
    expect(status(page)).to_have_attribute("data-status", A.VERIFIED)
    assessment.refresh_from_db()
    assert assessment.status == A.VERIFIED
    assert statuses(assessment) == {S.ACCEPTED: total}
    shot(page, JOURNEY, 6)
    sign_out(page, base, from_home=True)

    # 6. The ministry assessor records a bonus and finalises.
    sign_in_home(page, base, ASSESSOR)
    page.goto(base + f"{QUEUE_PATH}{assessment.pk}/verifikasi/")
    expect(status(page)).to_have_attribute("data-status", A.VERIFIED)
    # National scope, but no Kanwil decisions for the ministry.
    expect(page.locator("input[name=answer_ids]")).to_have_count(0)
    expect(
        page.get_by_role("button", name="Teruskan ke Kementerian", exact=True)
    ).to_have_count(0)
    page.get_by_label("Jenis", exact=True).select_option(label="Bonus")
    page.get_by_label("Nilai", exact=True).fill(BONUS_TYPED)
    page.get_by_label("Dasar", exact=True).fill(BONUS_BASIS)
    page.get_by_role("button", name="Catat", exact=True).click()
    expect(admin_success(page)).to_contain_text("Penyesuaian dicatat.")
    expect(admin_errors(page)).to_have_count(0)
    listed = page.locator("h2#penyesuaian + ul li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text(re.compile(r"Bonus 2[,.]50"))
    expect(listed).to_contain_text(BONUS_BASIS)
    page.get_by_role("button", name="Finalkan penilaian", exact=True).click()
    expect(admin_success(page)).to_contain_text("Penilaian difinalkan.")
    expect(status(page)).to_have_attribute("data-status", A.FINAL)
    expect(
        page.get_by_role("button", name="Finalkan penilaian", exact=True)
    ).to_have_count(0)
    shot(page, JOURNEY, 7)

    assessment.refresh_from_db()
    assert assessment.status == A.FINAL
    adjustment = Adjustment.objects.get(assessment=assessment)
    assert adjustment.kind == Adjustment.Kind.BONUS
    assert adjustment.points == Decimal("2.50")
    assert adjustment.basis == BONUS_BASIS
    assert adjustment.created_by == user(ASSESSOR)

    # 7. Each event told the right people, and each notice was e-mailed (tasks run
    # eagerly inside the live server; its locmem outbox is not this test's business).
    notices = Notification.objects.filter(
        about_id=assessment.pk, about_type__model="assessment"
    )

    def recipients(kind: str) -> set[str]:
        return set(
            notices.filter(event_key__startswith=f"{kind}:").values_list(
                "recipient__username", flat=True
            )
        )

    assert recipients("submitted") == {VERIFIER}
    assert recipients("returned") == {OPERATOR, COORDINATOR}
    assert recipients("resubmitted") == {VERIFIER}
    assert recipients("forwarded") == {ASSESSOR}
    assert notices.count() == 5
    assert not notices.filter(emailed_at=None).exists(), list(
        notices.filter(emailed_at=None).values_list("event_key", "recipient__username")
    )
    for notice in notices.filter(event_key__startswith="returned:"):
        assert notice.url.endswith(f"/penilaian/{assessment.pk}/")
    for notice in notices.exclude(event_key__startswith="returned:"):
        assert notice.url.endswith(f"{QUEUE_PATH}{assessment.pk}/verifikasi/")
