"""The demo cast signs in through a real browser; scope and language work end to end."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.demo import DEMO_ACCOUNTS, DemoAccount
from accounts.models import Role
from tests.browser.helpers import LOGIN_PATH, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

# Names as in fixtures/regions.json and fixtures/kanwil_offices.yaml; written out so
# that a renamed region or office shows up here.
OFFICE_NAMES = {
    "jateng": "Kanwil Kementerian HAM Jawa Tengah",
    "sulteng": "Kanwil Kementerian HAM Sulawesi Tengah",
    "papuabarat": "Kanwil Kementerian HAM Papua Barat",
}
REGENCY_NAMES = {
    "33.73": "Kota Salatiga",
    "72.71": "Kota Palu",
    "91.71": "Kota Jayapura",
}


def expect_login_page(page: Page, base_url: str) -> None:
    expect(page).to_have_url(re.compile(re.escape(base_url + LOGIN_PATH) + r"(\?.*)?$"))
    expect(page.get_by_role("heading", name="Masuk ke portal")).to_be_visible()
    expect(page.get_by_role("button", name="Masuk", exact=True)).to_be_visible()


def _place_of(account: DemoAccount) -> str | None:
    if account.role == Role.VERIFIER:
        return OFFICE_NAMES[account.office]
    if account.role in (Role.COORDINATOR, Role.OPERATOR):
        return REGENCY_NAMES[account.regency]
    return None


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_demo_account_signs_in_sees_its_panel_and_signs_out(
    page: Page, live_server, account: DemoAccount
) -> None:
    base = live_server.url
    sign_in(page, base, account.username)

    expect(page).to_have_url(base + "/")
    expect(page.locator(".demo-banner")).to_contain_text("DEMO")
    expect(
        page.get_by_role("heading", name=re.compile(r"^Selamat datang"), level=1)
    ).to_be_visible()
    panel = page.locator(f'section[data-role="{account.role.value}"]')
    expect(panel).to_have_count(1)
    expect(panel).to_be_visible()
    place = _place_of(account)
    if place is not None:
        expect(panel).to_contain_text(place)

    sign_out(page, base)
    expect_login_page(page, base)


def test_wrong_password_shows_indonesian_error_and_stays_on_login(
    page: Page, live_server
) -> None:
    base = live_server.url
    sign_in(page, base, "demo.koordinator.salatiga", "bukan-kata-sandinya")

    expect(page.get_by_text("Nama pengguna atau kata sandi salah")).to_be_visible()
    expect_login_page(page, base)
    expect(
        page.get_by_role("heading", name=re.compile(r"^Selamat datang"))
    ).to_have_count(0)


def test_scope_is_enforced_for_typed_urls(page: Page, live_server) -> None:
    base = live_server.url

    # An OPD operator has no staff role: the admin console answers 403 at once.
    sign_in(page, base, "demo.opd.salatiga")
    expect(page).to_have_url(base + "/")
    response = page.goto(base + "/admin/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", name="Akses ditolak", level=1)).to_be_visible()
    sign_out(page, base)
    expect_login_page(page, base)

    # A Kanwil verifier of Jawa Tengah may not open Kota Palu (Sulawesi Tengah): 404,
    # and the page does not leak the regency's name.
    sign_in(page, base, "demo.kanwil.jateng")
    expect(page).to_have_url(base + "/")
    response = page.goto(base + "/wilayah/72.71/")
    assert response is not None
    assert response.status == 404
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    expect(main).not_to_contain_text("Palu")


def test_language_switcher_changes_html_lang(page: Page, live_server) -> None:
    base = live_server.url
    sign_in(page, base, "demo.kementerian")
    expect(page).to_have_url(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "id")

    # The select submits its form on change (set_language, then back to this page).
    # Each language is named in itself, so English reads "English" even here.
    page.get_by_label("Bahasa").select_option(label="English")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(base + "/")
    # The page is English now, so is the label.
    expect(page.get_by_label("Language")).to_have_value("en")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
