"""A kab/kota fills its KKPHAM assessment in a real browser, from assignment to submission.

The journey, all in Kota Salatiga (33.73) on the sample catalogue:

1. The coordinator assigns every indicator to its responsible OPD automatically,
   then hands one K06 indicator to Dinas Kesehatan by hand.
2. The Dinas Kesehatan operator answers three K06 indicators of different kinds
   (yes/no, choice, percentage or number), each with a note, and uploads two files
   to one of them at once.
3. After a reload everything is still there, on the page and in the database.
4. The coordinator records the regional head's approval and sends the assessment
   to the Kanwil.
5. The operator finds the K06 cards locked: values as text, no save buttons.

Each step leaves a screenshot in tests/artifacts/reporting-<n>.png.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import Page, expect

from files.samples import text_pdf
from indicators.models import Catalogue, Indicator
from regions.models import Agency
from reporting.models import Answer, Approval, Assessment, Evidence
from tests.browser.helpers import (
    card,
    import_sample_catalogue,
    open_coordinator_review,
    open_own_assessment,
    send_to_kanwil,
    shot,
    sign_in_home,
    sign_out,
    success,
)
from tests.files import png

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

JOURNEY = "reporting"
REGENCY = "33.73"
COORDINATOR = "demo.koordinator.salatiga"
OPERATOR = "demo.opd.salatiga"
DINKES = "Dinas Kesehatan"
CATEGORY = "K06"
# Assigned by hand in step 1: the catalogue makes another OPD responsible for it.
HAND_ASSIGNED = "K06.S02"
NUMBER_TYPED = "87,5"
PDF_NAME = "sk-dinkes.pdf"
PNG_NAME = "foto-posyandu.png"
LETTER_NAME = "surat-persetujuan-sekda.pdf"
APPROVER = "Drs. Contoh Pejabat"
POSITION = "Sekretaris Daerah"


# --- setup -----------------------------------------------------------------------


@dataclass(frozen=True)
class Picks:
    """The three dinkes indicators of category K06 the operator answers."""

    yes_no: Indicator
    choice: Indicator
    number: Indicator
    choice_label: str

    @property
    def all(self) -> tuple[Indicator, Indicator, Indicator]:
        return (self.yes_no, self.choice, self.number)


@pytest.fixture
def assessment(demo_cast) -> Assessment:
    """The sample catalogue, opened, with assessments for every kab/kota: all unassigned."""
    from indicators.services import catalogue_open
    from reporting.services.assessments import assessments_open

    catalogue = catalogue_open(catalogue=import_sample_catalogue(), actor=None)
    assert catalogue.status == Catalogue.Status.OPEN
    created = assessments_open(
        catalogue=catalogue, deadline=timezone.now() + timedelta(days=30), actor=None
    )
    assert created > 0
    salatiga = Assessment.objects.get(catalogue=catalogue, regency_id=REGENCY)
    assert salatiga.answers.exists()
    assert not salatiga.answers.exclude(agency=None).exists()
    return salatiga


def pick_indicators(assessment: Assessment) -> Picks:
    """One K06 indicator per kind among those Dinas Kesehatan is responsible for."""
    dinkes = Indicator.objects.filter(
        catalogue_id=assessment.catalogue_id,
        category__code=CATEGORY,
        responsible_agency_type__code="dinkes",
    ).order_by("order")
    K = Indicator.AnswerKind

    def first(*kinds: str) -> Indicator:
        found = dinkes.filter(answer_kind__in=kinds).first()
        assert found is not None, f"no dinkes {kinds} indicator in {CATEGORY}"
        return found

    choice = first(K.CHOICE)
    assert len(choice.options) >= 2
    # Not the first option, so that a default could not pass for the answer.
    label = choice.options[-2]["label"]
    picks = Picks(
        yes_no=first(K.YES_NO),
        choice=choice,
        number=first(K.PERCENTAGE, K.NUMBER),
        choice_label=label,
    )
    assert HAND_ASSIGNED not in {i.code for i in picks.all}
    return picks


# --- browser helpers --------------------------------------------------------------


def open_category_as_operator(
    page: Page, base_url: str, assessment: Assessment
) -> None:
    open_own_assessment(page, base_url, assessment)
    page.locator(
        "main .list-group a", has_text=f"{CATEGORY} · Hak atas Kesehatan"
    ).click()
    expect(page).to_have_url(
        base_url + f"/penilaian/{assessment.pk}/kategori/{CATEGORY}/"
    )
    expect(
        page.get_by_role("heading", name=f"{CATEGORY} · Hak atas Kesehatan")
    ).to_be_visible()


def save_card(page: Page, code: str) -> None:
    """Press the card's own Simpan button and wait for the redirect's message."""
    card(page, code).get_by_role("button", name="Simpan", exact=True).click()
    expect(success(page)).to_contain_text(f"{code}: tersimpan.")


# --- the journey ------------------------------------------------------------------


def test_kabkota_fills_uploads_approves_and_submits(
    page: Page, live_server, assessment: Assessment, tmp_path: Path
) -> None:
    base = live_server.url
    picks = pick_indicators(assessment)
    dinkes = Agency.objects.get(regency_id=REGENCY, agency_type__code="dinkes")
    assert dinkes.name == DINKES
    note = {
        picks.yes_no.code: "Perwali jaminan kesehatan ditetapkan tahun lalu.",
        picks.choice.code: "Layanan jiwa tersedia di sebagian besar puskesmas.",
        picks.number.code: "Data dari laporan bulanan posyandu.",
    }

    # 1. The coordinator assigns automatically, then one indicator by hand.
    sign_in_home(page, base, COORDINATOR)
    page.locator('section[data-role="coordinator"]').get_by_role(
        "link", name="Penugasan OPD"
    ).click()
    expect(page).to_have_url(base + f"/penilaian/{assessment.pk}/penugasan/")
    page.get_by_role(
        "button", name="Tugaskan otomatis menurut OPD penanggung jawab"
    ).click()
    expect(success(page)).to_contain_text(
        "indikator ditugaskan menurut OPD penanggung jawabnya"
    )
    assigned = assessment.answers.exclude(agency=None).count()
    assert assigned > 0
    expect(success(page)).to_contain_text(f"{assigned} indikator ditugaskan")
    for indicator in picks.all:
        assert assessment.answers.get(indicator=indicator).agency_id == dinkes.pk

    hand = assessment.answers.get(indicator__code=HAND_ASSIGNED)
    assert hand.agency_id != dinkes.pk
    row = page.locator(f'tr[id="tugas-{HAND_ASSIGNED}"]')
    row.get_by_role("combobox").select_option(label=DINKES)
    row.get_by_role("button", name="Simpan", exact=True).click()
    expect(success(page)).to_contain_text(f"{HAND_ASSIGNED} ditugaskan.")
    expect(row.get_by_role("combobox")).to_have_value(str(dinkes.pk))
    hand.refresh_from_db()
    assert hand.agency_id == dinkes.pk
    shot(page, JOURNEY, 1)
    sign_out(page, base)

    # 2. The Dinas Kesehatan operator answers three indicators and uploads two files.
    sign_in_home(page, base, OPERATOR)
    open_category_as_operator(page, base, assessment)
    # The indicator handed over by hand is on the operator's page too.
    expect(card(page, HAND_ASSIGNED)).to_be_visible()

    # The note first, then the value, then Simpan at once: every autosave that may
    # fire meanwhile carries what the Simpan carries, so none of them conflicts.
    yes_no = card(page, picks.yes_no.code)
    yes_no.get_by_label("Keterangan", exact=True).fill(note[picks.yes_no.code])
    yes_no.get_by_label("Ya", exact=True).check()
    save_card(page, picks.yes_no.code)

    choice = card(page, picks.choice.code)
    choice.get_by_label("Keterangan", exact=True).fill(note[picks.choice.code])
    choice.get_by_label(picks.choice_label, exact=True).check()
    save_card(page, picks.choice.code)

    number = card(page, picks.number.code)
    number.get_by_label("Keterangan", exact=True).fill(note[picks.number.code])
    number.get_by_label(re.compile(r"^\s*Nilai")).fill(NUMBER_TYPED)
    save_card(page, picks.number.code)

    pdf = tmp_path / PDF_NAME
    pdf.write_bytes(text_pdf("SK Dinas Kesehatan"))
    image = tmp_path / PNG_NAME
    image.write_bytes(png())
    target = card(page, picks.yes_no.code)
    target.get_by_label(re.compile(r"^\s*Berkas data dukung")).set_input_files(
        [str(pdf), str(image)]
    )
    target.get_by_role("button", name="Unggah", exact=True).click()
    uploaded = success(page).filter(has_text="diunggah")
    expect(uploaded).to_contain_text(picks.yes_no.code)
    expect(uploaded).to_contain_text(PDF_NAME)
    expect(uploaded).to_contain_text(PNG_NAME)
    expect(page.locator("main .alert-danger")).to_have_count(0)
    shot(page, JOURNEY, 2)

    # 3. After a reload, everything is still there.
    page.reload()
    yes_no = card(page, picks.yes_no.code)
    expect(yes_no.get_by_label("Ya", exact=True)).to_be_checked()
    expect(yes_no.get_by_label("Tidak", exact=True)).not_to_be_checked()
    expect(yes_no.get_by_label("Keterangan", exact=True)).to_have_value(
        note[picks.yes_no.code]
    )
    evidence = yes_no.locator("ul.evidence-list")
    expect(evidence.get_by_role("link", name=PDF_NAME, exact=True)).to_be_visible()
    expect(evidence.get_by_role("link", name=PNG_NAME, exact=True)).to_be_visible()
    expect(evidence.locator("li")).to_have_count(2)

    choice = card(page, picks.choice.code)
    expect(choice.get_by_label(picks.choice_label, exact=True)).to_be_checked()
    expect(choice.get_by_label("Keterangan", exact=True)).to_have_value(
        note[picks.choice.code]
    )

    number = card(page, picks.number.code)
    expect(number.get_by_label(re.compile(r"^\s*Nilai"))).to_have_value(NUMBER_TYPED)
    expect(number.get_by_label("Keterangan", exact=True)).to_have_value(
        note[picks.number.code]
    )

    answers = {
        a.indicator.code: a
        for a in assessment.answers.filter(indicator__in=picks.all).select_related(
            "indicator"
        )
    }
    assert len(answers) == 3
    for code, answer in answers.items():
        assert answer.value is not None, code
        assert answer.note == note[code]
    assert answers[picks.yes_no.code].value is True
    assert answers[picks.choice.code].raw_value == picks.choice_label
    assert answers[picks.number.code].raw_value == NUMBER_TYPED
    stored = Evidence.objects.filter(answer=answers[picks.yes_no.code])
    assert stored.count() == 2
    assert sorted(stored.values_list("original_name", flat=True)) == sorted(
        [PDF_NAME, PNG_NAME]
    )
    assert sorted(stored.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]
    shot(page, JOURNEY, 3)
    sign_out(page, base)

    # 4. The coordinator records the approval and sends the assessment to the Kanwil.
    sign_in_home(page, base, COORDINATOR)
    open_coordinator_review(page, base, assessment)

    approved_on = timezone.localdate() - timedelta(days=1)
    letter = tmp_path / LETTER_NAME
    letter.write_bytes(text_pdf("Persetujuan Sekretaris Daerah"))
    page.get_by_label(re.compile(r"^\s*Nama pejabat yang menyetujui")).fill(APPROVER)
    page.get_by_label(re.compile(r"^\s*Jabatan")).fill(POSITION)
    page.get_by_label(re.compile(r"^\s*Tanggal persetujuan")).fill(
        approved_on.isoformat()
    )
    page.get_by_label(
        re.compile(r"^\s*Surat persetujuan yang ditandatangani")
    ).set_input_files(str(letter))
    page.get_by_role("button", name="Catat persetujuan", exact=True).click()

    expect(page).to_have_url(base + f"/penilaian/{assessment.pk}/tinjau/")
    expect(success(page)).to_contain_text("Persetujuan pimpinan daerah dicatat.")
    approvals = page.locator('section[aria-labelledby="approval-heading"]')
    with translation.override("id"):
        shown_date = formats.date_format(approved_on, "DATE_FORMAT")
    expect(approvals).to_contain_text(f"{APPROVER}, {POSITION} — {shown_date}")
    expect(approvals.get_by_role("link", name=LETTER_NAME, exact=True)).to_be_visible()
    record = Approval.objects.get(assessment=assessment)
    assert (record.approver_name, record.approver_position, record.approved_on) == (
        APPROVER,
        POSITION,
        approved_on,
    )

    send_to_kanwil(page)
    badge = page.locator("main h1 .badge[data-status]")
    expect(badge).to_have_text("Dikirim ke Kanwil")
    expect(badge).to_have_attribute("data-status", Assessment.Status.SUBMITTED)
    expect(
        page.get_by_role("button", name="Kirim penilaian ke Kanwil", exact=True)
    ).to_have_count(0)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    assert not assessment.answers.exclude(status=Answer.Status.SUBMITTED).exists()
    shot(page, JOURNEY, 4)
    sign_out(page, base)

    # 5. The operator finds the K06 cards locked.
    sign_in_home(page, base, OPERATOR)
    open_category_as_operator(page, base, assessment)
    expect(page.locator("main form.answer-form")).to_have_count(0)
    expect(page.locator("main form.evidence-form")).to_have_count(0)
    shown = {
        picks.yes_no.code: "Ya",
        picks.choice.code: picks.choice_label,
        picks.number.code: NUMBER_TYPED,
    }
    for code, value in shown.items():
        locked = card(page, code)
        expect(locked.get_by_role("button", name="Simpan", exact=True)).to_have_count(0)
        expect(locked.get_by_role("textbox")).to_have_count(0)
        expect(locked.get_by_role("radio")).to_have_count(0)
        expect(locked.locator(".read-only-note")).to_be_visible()
        expect(locked.locator(".read-only-note")).to_contain_text("isian terkunci")
        expect(locked.locator("dd.answer-value")).to_have_text(value)
        expect(locked).to_contain_text(note[code])
    locked_files = card(page, picks.yes_no.code).locator("ul.evidence-list")
    expect(locked_files.get_by_role("link", name=PDF_NAME, exact=True)).to_be_visible()
    expect(locked_files.get_by_role("link", name=PNG_NAME, exact=True)).to_be_visible()
    expect(
        card(page, picks.yes_no.code).get_by_role("button", name="Unggah")
    ).to_have_count(0)
    shot(page, JOURNEY, 5)
