"""On the category page, an action on one answer changes that answer's card only.

An OPD operator types in answer A while its save cannot get through, then works on
answer B: presses "Tandai siap dikirim" too early (refused in B's card), fills B,
uploads a file to B, marks B ready, types a note in B's new card and removes the
file. The page never reloads (a marker set on the window survives), each outcome
shows in B's card and in the page's live region with focus on it, and A's unsaved
typing stays in its field and is saved once the connection is back. The help of an
indicator opens and closes with the keyboard.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from reporting.models import Answer
from tests.browser.helpers import card, sign_in_home, typed_answers_on_one_page
from tests.files import PDF

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

OPERATOR = "demo.opd.salatiga"


@pytest.fixture
def answers(demo_cast) -> list[Answer]:
    """Two of Salatiga's Dinas Kesehatan number/percentage answers on one page."""
    chosen = typed_answers_on_one_page(OPERATOR)
    return chosen[:2]


def _eventually(check: Callable[[], bool], page: Page, seconds: float = 10) -> bool:
    for _ in range(int(seconds * 10)):
        if check():
            return True
        page.wait_for_timeout(100)
    return check()


def _value(page: Page, code: str):
    return card(page, code).get_by_label(re.compile(r"^\s*Nilai"))


def test_actions_on_one_answer_leave_the_others_typing_alone(
    page: Page, live_server, answers: list[Answer], tmp_path
) -> None:
    a, b = answers
    base = live_server.url
    sign_in_home(page, base, OPERATOR)
    page.goto(
        base + f"/penilaian/{a.assessment_id}/kategori/{a.indicator.category.code}/"
    )
    page.evaluate("window.__notReloaded = true")
    news = page.locator("#card-news")

    # A's typing cannot be saved for now: it stays in the field only.
    page.route(f"**/jawaban/{a.pk}/simpan/", lambda route: route.abort())
    _value(page, a.indicator.code).press_sequentially("61", delay=30)
    expect(page.locator(f"#status-{a.pk}")).to_have_text("Belum tersimpan…")

    # B marked ready while empty: refused in B's card, nothing changes.
    box = card(page, b.indicator.code)
    box.get_by_role("button", name="Tandai siap dikirim").click()
    told = box.locator("[data-card-outcome]")
    expect(told.locator(".alert-danger")).to_contain_text("belum diisi")
    expect(told).to_be_focused()
    expect(news).to_contain_text("belum diisi")
    assert Answer.objects.get(pk=b.pk).status == Answer.Status.DRAFT

    # B filled, a file uploaded to it: the card lists the file.
    _value(page, b.indicator.code).fill("72")
    expect(page.locator(f"#status-{b.pk}")).to_contain_text("Tersimpan otomatis")
    pdf = tmp_path / "sk-dinkes.pdf"
    pdf.write_bytes(PDF)
    box.get_by_label(re.compile(r"^\s*Berkas data dukung")).set_input_files(str(pdf))
    box.get_by_role("button", name="Unggah", exact=True).click()
    expect(told.locator(".alert-success")).to_contain_text(
        f"{b.indicator.code}: diunggah sk-dinkes.pdf."
    )
    expect(told).to_be_focused()
    expect(news).to_contain_text("diunggah sk-dinkes.pdf")
    expect(box.locator("ul.evidence-list").get_by_role("link")).to_have_text(
        ["sk-dinkes.pdf"]
    )

    # B marked ready: its card shows the new state.
    box.get_by_role("button", name="Tandai siap dikirim").click()
    expect(told.locator(".alert-success")).to_contain_text("ditandai siap dikirim")
    expect(box.locator("[data-status]")).to_have_attribute("data-status", "ready")
    expect(box.get_by_role("button", name="Tandai siap dikirim")).to_have_count(0)
    assert Answer.objects.get(pk=b.pk).status == Answer.Status.READY

    # Autosave still works in B's new card.
    box.get_by_label("Keterangan", exact=True).fill("Sumber: profil kesehatan")
    expect(page.locator(f"#status-{b.pk}")).to_contain_text("Tersimpan otomatis")
    assert Answer.objects.get(pk=b.pk).note == "Sumber: profil kesehatan"

    # The file removed from B's card.
    box.get_by_role("button", name="Hapus sk-dinkes.pdf").click()
    expect(told.locator(".alert-success")).to_contain_text("sk-dinkes.pdf dihapus.")
    expect(box.locator("ul.evidence-list")).to_contain_text("Belum ada berkas.")
    assert not b.evidence.exists()

    # The page never reloaded, and A's typing is still there, unsaved.
    assert page.evaluate("window.__notReloaded") is True
    expect(_value(page, a.indicator.code)).to_have_value("61")
    assert Answer.objects.get(pk=a.pk).raw_value == ""
    # The connection is back: A's typing reaches the server.
    page.unroute(f"**/jawaban/{a.pk}/simpan/")
    assert _eventually(lambda: Answer.objects.get(pk=a.pk).raw_value == "61", page)
    expect(page.locator(f"#status-{a.pk}")).to_contain_text("Tersimpan otomatis")


def test_help_opens_and_closes_with_the_keyboard(
    page: Page, live_server, answers: list[Answer]
) -> None:
    a = answers[0]
    base = live_server.url
    sign_in_home(page, base, OPERATOR)
    page.goto(
        base + f"/penilaian/{a.assessment_id}/kategori/{a.indicator.category.code}/"
    )
    box = card(page, a.indicator.code)
    help_ = box.locator("details.indicator-help")
    expected = help_.get_by_text("Data dukung yang diharapkan:")
    # Closed at first; the question and the answer field are in view.
    expect(box.get_by_text(a.indicator.text)).to_be_visible()
    expect(_value(page, a.indicator.code)).to_be_visible()
    expect(expected).to_be_hidden()
    help_.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(help_).to_have_attribute("open", "")
    expect(expected).to_be_visible()
    page.keyboard.press("Space")
    expect(help_).not_to_have_attribute("open", "")
    expect(expected).to_be_hidden()


def test_an_action_that_does_not_get_through_says_so(
    page: Page, live_server, answers: list[Answer]
) -> None:
    """No connection: the card says so; the session ended: the sign-in page."""
    b = answers[1]
    base = live_server.url
    sign_in_home(page, base, OPERATOR)
    page.goto(
        base + f"/penilaian/{b.assessment_id}/kategori/{b.indicator.category.code}/"
    )
    page.route(f"**/jawaban/{b.pk}/siap/", lambda route: route.abort())
    box = card(page, b.indicator.code)
    box.get_by_role("button", name="Tandai siap dikirim").click()
    failed = box.locator(".alert-danger")
    expect(failed).to_have_text("Permintaan gagal. Muat ulang halaman lalu coba lagi.")
    expect(failed).to_be_focused()
    expect(page.locator("#card-news")).to_have_text(
        "Permintaan gagal. Muat ulang halaman lalu coba lagi."
    )
    page.unroute(f"**/jawaban/{b.pk}/siap/")

    page.context.clear_cookies(name="sessionid")  # the CSRF cookie stays
    card(page, b.indicator.code).get_by_role(
        "button", name="Tandai siap dikirim"
    ).click()
    expect(page).to_have_url(re.compile(re.escape(base + "/akun/masuk/")))
    expect(page.locator("article[data-answer]")).to_have_count(0)
