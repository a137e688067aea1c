"""Two operators of one Dinas Kesehatan edit the same answer in two browsers at once.

Nobody's save wins silently: the one whose form is stale gets a panel with both
values and both notes, who saved the other one and when (with the time zone), and
chooses. Each of the three choices is taken once:

1. B types after A saved; B's autosave is stale: the panel shows, autosave pauses,
   B keeps B's own value.
2. A's Simpan is stale (B saved meanwhile): A takes B's value; A's typing stays shown.
3. B's autosave is stale again: B edits a merge of both and saves it.

Screenshots: tests/artifacts/conflicts-<n>.png.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from accounts.demo import DEMO_PASSWORD
from accounts.models import Role, User
from accounts.services import role_grant
from kernel.clock import when as shown_when
from reporting.models import Answer
from tests.browser.helpers import (
    card,
    open_sample_year,
    shot,
    sign_in_home,
    success,
)
from tests.chromium import DEFAULT_TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

JOURNEY = "conflicts"
OPERATOR_A = "demo.opd.salatiga"
OPERATOR_B = "demo.opd.salatiga.dua"
NAME_B = "Sri Rahayu"


@pytest.fixture
def answer(demo_cast) -> Answer:
    """A number or percentage answer of Salatiga's Dinas Kesehatan, never saved."""
    assessment = open_sample_year(assigned=True)
    first_a = User.objects.get(username=OPERATOR_A)
    dinkes = first_a.role_assignments.get().agency
    second = User.objects.create_user(
        username=OPERATOR_B,
        password=DEMO_PASSWORD,
        first_name="Sri",
        last_name="Rahayu",
        is_demo=True,
    )
    role_grant(
        user=second,
        role=Role.OPERATOR,
        actor=None,
        regency=dinkes.regency,
        agency=dinkes,
    )
    return (
        assessment.answers.filter(
            agency=dinkes, indicator__answer_kind__in=["number", "percentage"]
        )
        .select_related("indicator__category")
        .order_by("indicator__order")
        .first()
    )


@pytest.fixture
def two_pages(browser: Browser) -> Iterator[tuple[Page, Page]]:
    """Two separate browser contexts: two people, two sessions, two cookie jars."""
    contexts = [browser.new_context(locale="id-ID") for _ in range(2)]
    pages = []
    for context in contexts:
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        pages.append(context.new_page())
    try:
        yield pages[0], pages[1]
    finally:
        for context in contexts:
            context.close()


def _stored(answer: Answer) -> tuple[str, str, int]:
    fresh = Answer.objects.get(pk=answer.pk)
    return fresh.raw_value, fresh.note, fresh.version


def _origin(answer: Answer, who: str) -> str:
    fresh = Answer.objects.get(pk=answer.pk)
    with translation.override("id"):
        when = shown_when(fresh.updated_at)
    assert when.endswith(" WIB")
    return f"Disimpan oleh {who} pada {when}."


def _expect_panel(page, code, *, theirs, mine, origin) -> None:
    panel = card(page, code).locator("[data-conflict]")
    expect(panel).to_be_visible()
    expect(panel.locator(".conflict-origin")).to_have_text(origin)
    for text in theirs:
        expect(panel.locator(".conflict-theirs", has_text=text)).to_have_count(1)
    for text in mine:
        expect(panel.locator(".conflict-mine", has_text=text)).to_have_count(1)


def _fields(page, code):
    box = card(page, code)
    return box.get_by_label(re.compile(r"^\s*Nilai")), box.get_by_label(
        "Keterangan", exact=True
    )


def test_two_operators_resolve_every_conflict_explicitly(
    two_pages, live_server, answer: Answer
) -> None:
    base = live_server.url
    page_a, page_b = two_pages
    code = answer.indicator.code
    name_a = User.objects.get(username=OPERATOR_A).get_full_name()
    url = base + f"/penilaian/{answer.assessment_id}/kategori/"
    url += f"{answer.indicator.category.code}/"
    for page, username in ((page_a, OPERATOR_A), (page_b, OPERATOR_B)):
        sign_in_home(page, base, username)
        page.goto(url)
    value_a, note_a = _fields(page_a, code)
    value_b, note_b = _fields(page_b, code)
    b_posts: list[str] = []
    page_b.on(
        "request",
        lambda r: (
            b_posts.append(r.url)
            if r.method == "POST" and "/simpan/" in r.url
            else None
        ),
    )

    # 1. Both opened the page; A saves first; B then types, and B's autosave
    #    (on typing, from a page opened before A's save) is stale: the panel shows.
    note_a.fill("Catatan A")
    value_a.fill("41")
    card(page_a, code).get_by_role("button", name="Simpan", exact=True).click()
    expect(success(page_a)).to_contain_text(f"{code}: tersimpan.")
    assert _stored(answer) == ("41", "Catatan A", 1)
    value_b.fill("42")
    note_b.fill("Catatan B")
    expect(page_b.locator(f"#status-{answer.pk} [role=alert]")).to_contain_text(
        "sudah diubah"
    )
    _expect_panel(
        page_b,
        code,
        theirs=["41", "Catatan A"],
        mine=["42", "Catatan B"],
        origin=_origin(answer, name_a),
    )
    expect(value_b).to_have_value("42")  # nothing typed is lost
    expect(note_b).to_have_value("Catatan B")
    assert _stored(answer) == ("41", "Catatan A", 1)
    shot(page_b, JOURNEY, 1)
    # Autosave pauses while the conflict is unresolved: no request leaves.
    sent = len(b_posts)
    value_b.fill("43")
    value_b.dispatch_event("change")
    page_b.wait_for_timeout(2500)  # well past the autosave's delays (0.6 s, 1.2 s)
    assert len(b_posts) == sent
    assert _stored(answer) == ("41", "Catatan A", 1)
    # Keep mine: saved over the version B was shown.
    card(page_b, code).get_by_role("button", name="Simpan isian saya").click()
    expect(success(page_b)).to_contain_text(f"{code}: tersimpan.")
    assert _stored(answer) == ("43", "Catatan B", 2)
    expect(card(page_b, code).locator("[data-conflict]")).to_have_count(0)

    # 2. A's form still says version 1: A's Simpan conflicts; A takes B's answer.
    value_a, note_a = _fields(page_a, code)
    value_a.fill("44")
    card(page_a, code).get_by_role("button", name="Simpan", exact=True).click()
    _expect_panel(
        page_a,
        code,
        theirs=["43", "Catatan B"],
        mine=["44", "Catatan A"],
        origin=_origin(answer, NAME_B),
    )
    value_a, note_a = _fields(page_a, code)
    expect(value_a).to_have_value("44")
    shot(page_a, JOURNEY, 2)
    card(page_a, code).get_by_role("button", name="Pakai isian tersimpan").click()
    value_a, note_a = _fields(page_a, code)
    expect(value_a).to_have_value("43")
    expect(note_a).to_have_value("Catatan B")
    expect(page_a.locator("main .alert-info")).to_contain_text("“44”")
    assert _stored(answer) == ("43", "Catatan B", 2)

    # 3. A saves again (version 2, current); B's autosave is stale; B merges.
    note_a.fill("Catatan A, dicek ulang")
    value_a.fill("45")
    card(page_a, code).get_by_role("button", name="Simpan", exact=True).click()
    expect(success(page_a)).to_contain_text(f"{code}: tersimpan.")
    assert _stored(answer) == ("45", "Catatan A, dicek ulang", 3)
    value_b, note_b = _fields(page_b, code)
    value_b.fill("46")
    value_b.dispatch_event("change")
    _expect_panel(
        page_b,
        code,
        theirs=["45", "Catatan A, dicek ulang"],
        mine=["46", "Catatan B"],
        origin=_origin(answer, name_a),
    )
    card(page_b, code).get_by_role("button", name="Sunting gabungan").click()
    value_b, note_b = _fields(page_b, code)
    expect(value_b).to_have_value("46")
    expect(note_b).to_have_value("Catatan B")
    reference = card(page_b, code).locator("[data-reference]")
    expect(reference.locator(".conflict-theirs", has_text="45")).to_have_count(1)
    expect(card(page_b, code).locator("[data-conflict]")).to_have_count(0)
    shot(page_b, JOURNEY, 3)
    note_b.fill("Catatan B; Catatan A, dicek ulang")
    value_b.fill("45,5")
    card(page_b, code).get_by_role("button", name="Simpan", exact=True).click()
    expect(success(page_b)).to_contain_text(f"{code}: tersimpan.")
    assert _stored(answer) == ("45,5", "Catatan B; Catatan A, dicek ulang", 4)
