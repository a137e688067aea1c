"""Typing is never lost: an OPD operator types and then does what people do.

Each way of leaving an answer is tried once, and each time the text is found
stored on the server afterwards:

1. types a value and waits: saved while typing, without leaving the field;
2. types a value and at once presses "Tandai siap dikirim": saved, then marked;
3. types a note and follows a link: saved before the link is followed;
4. types a note and reloads the page: sent as the page goes away;
5. types a note and switches to another tab: sent when the tab is hidden;
6. types while the connection is down, a colleague saves meanwhile, the page is
   reloaded: the typing comes back from the tab's storage and meets the colleague's
   save as a conflict to resolve, never overwriting it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from reporting.models import Answer
from reporting.services.evidence import evidence_attach
from tests.browser.helpers import card, sign_in_home, success, typed_answers_on_one_page
from tests.files import pdf_upload

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

OPERATOR = "demo.opd.salatiga"


@pytest.fixture
def answers(demo_cast) -> list[Answer]:
    """Salatiga's Dinas Kesehatan number/percentage answers, each with a file."""
    chosen = typed_answers_on_one_page(OPERATOR)
    operator = User.objects.get(username=OPERATOR)
    for answer in chosen:
        evidence_attach(answer=answer, uploads=[pdf_upload()], actor=operator)
    return chosen


def _stored(answer: Answer) -> tuple[str, str]:
    fresh = Answer.objects.get(pk=answer.pk)
    return fresh.raw_value, fresh.note


def _eventually(check: Callable[[], bool], page: Page, seconds: float = 10) -> bool:
    for _ in range(int(seconds * 10)):
        if check():
            return True
        page.wait_for_timeout(100)
    return check()


def _fields(page: Page, code: str):
    box = card(page, code)
    return box.get_by_label(re.compile(r"^\s*Nilai")), box.get_by_label(
        "Keterangan", exact=True
    )


def test_what_is_typed_reaches_the_server_however_the_person_leaves(
    page: Page, live_server, answers: list[Answer]
) -> None:
    base = live_server.url
    first, second = answers[0], answers[1]
    url = (
        base
        + f"/penilaian/{first.assessment_id}/kategori/{first.indicator.category.code}/"
    )
    sign_in_home(page, base, OPERATOR)
    page.goto(url)

    # 1. Typed and left alone, the field still focused: saved while typing.
    value, note = _fields(page, first.indicator.code)
    value.press_sequentially("61", delay=50)
    status = page.locator(f"#status-{first.pk}")
    expect(status).to_have_text("Belum tersimpan…")
    expect(status).to_contain_text("Tersimpan otomatis")
    assert _stored(first)[0] == "61"
    expect(value).to_be_focused()

    # 2. Typed, then "Tandai siap dikirim" at once: the value is saved first.
    value, note = _fields(page, second.indicator.code)
    value.fill("72")
    card(page, second.indicator.code).get_by_role(
        "button", name="Tandai siap dikirim"
    ).click()
    expect(success(page)).to_be_visible()
    fresh = Answer.objects.get(pk=second.pk)
    assert (fresh.raw_value, fresh.status) == ("72", Answer.Status.READY)

    # 3. A note typed, then a link followed: saved before the page changes.
    value, note = _fields(page, first.indicator.code)
    note.fill("Sumber: profil kesehatan 2025")
    page.locator("main nav").get_by_role("link", name="Ringkasan").click()
    expect(page).to_have_url(base + f"/penilaian/{first.assessment_id}/")
    assert _stored(first) == ("61", "Sumber: profil kesehatan 2025")

    # 4. A note typed, then the page reloaded: sent as the page goes away.
    page.goto(url)
    value, note = _fields(page, first.indicator.code)
    note.fill("Dicek ulang sebelum dimuat ulang")
    page.reload()
    assert _eventually(
        lambda: _stored(first)[1] == "Dicek ulang sebelum dimuat ulang", page
    )
    # The reload may have been served before the save that went with the page
    # committed (Chromium then restores the typed text over an older version):
    # open the page again, as it is now, before typing on.
    page.goto(url)
    value, note = _fields(page, first.indicator.code)
    expect(note).to_have_value("Dicek ulang sebelum dimuat ulang")

    # 5. A note typed, then another tab: sent when this one is hidden.
    note.fill("Ditulis sebelum pindah tab")
    other = page.context.new_page()
    page.evaluate(
        """() => {
          Object.defineProperty(document, "visibilityState", {
            configurable: true, get: () => "hidden" });
          document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    assert _eventually(lambda: _stored(first)[1] == "Ditulis sebelum pindah tab", page)
    other.close()


def test_typing_kept_through_a_lost_connection_meets_a_colleagues_save(
    page: Page, live_server, answers: list[Answer]
) -> None:
    from accounts.models import User
    from reporting.services.answers import answer_save

    base = live_server.url
    answer = answers[0]
    url = (
        base
        + f"/penilaian/{answer.assessment_id}/kategori/{answer.indicator.category.code}/"
    )
    sign_in_home(page, base, OPERATOR)
    page.goto(url)
    # The connection drops: every save is lost on the way.
    page.route("**/simpan/", lambda route: route.abort())
    _value, note = _fields(page, answer.indicator.code)
    note.fill("Ditulis saat sinyal hilang")
    page.wait_for_timeout(2500)  # the autosave tried and failed
    assert _stored(answer)[1] == ""
    # Meanwhile the coordinator saves the same answer from another office.
    coordinator = User.objects.get(username="demo.koordinator.salatiga")
    fresh = Answer.objects.get(pk=answer.pk)
    answer_save(
        answer=fresh,
        raw_value="55",
        note="Catatan koordinator",
        expected_version=fresh.version,
        actor=coordinator,
    )
    page.unroute("**/simpan/")
    page.reload()
    _value, note = _fields(page, answer.indicator.code)
    expect(note).to_have_value("Ditulis saat sinyal hilang")
    panel = card(page, answer.indicator.code).locator("[data-conflict]")
    expect(panel).to_be_visible()
    expect(
        panel.locator(".conflict-theirs", has_text="Catatan koordinator")
    ).to_have_count(1)
    expect(
        panel.locator(".conflict-mine", has_text="Ditulis saat sinyal hilang")
    ).to_have_count(1)
    assert _stored(answer) == ("55", "Catatan koordinator")
