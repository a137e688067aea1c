"""A coordinator's invitations in a real browser: no existing account is borrowed.

1. The coordinator of Kota Salatiga invites, for its Dinas Pendidikan, the e-mail of
   Kota Palu's operator, then the e-mail of the Kanwil verifier of Jawa Tengah, then a
   brand-new e-mail. All three times the screen says the same neutral words: no
   username, no role, no region.
2. Only the new e-mail got an account (with the role and a set-password link); the two
   existing accounts are unchanged and wait as requests.
3. The administrator opens the requests in the staff console, sees which account each
   e-mail belongs to and what it holds, approves Palu's operator (who moves to
   Salatiga) and refuses the verifier (who must stay independent of the regions).

Screenshots: tests/artifacts/invitation-1.png … invitation-3.png.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role, RoleRequest, User
from reporting.models import Assessment
from tests.browser.helpers import (
    admin_success,
    open_sample_year,
    shot,
    sign_in_home,
    sign_out,
    success,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

JOURNEY = "invitation"
COORDINATOR = "demo.koordinator.salatiga"
ADMINISTRATOR = "demo.admin"
PALU_OPERATOR = "demo.opd.palu"
VERIFIER = "demo.kanwil.jateng"
NEW_EMAIL = "rina.disdik@salatiga.example.go.id"
AGENCY = "Dinas Pendidikan"
REQUESTS_PATH = "/admin/accounts/rolerequest/"


@pytest.fixture
def assessment(demo_cast) -> Assessment:
    return open_sample_year()


def _roles(username: str) -> set[tuple]:
    return set(
        User.objects.get(username=username).role_assignments.values_list(
            "role", "office_id", "regency_id", "agency_id"
        )
    )


def _invite(page: Page, email: str, name: str) -> str:
    form = page.locator("form[action$='/undang/']")
    form.get_by_label("Nama lengkap").fill(name)
    form.get_by_label("Surel").fill(email)
    form.get_by_label("OPD").select_option(label=AGENCY)
    form.get_by_role("button", name="Kirim undangan").click()
    expect(success(page)).to_contain_text("sudah diterima")
    text = success(page).inner_text()
    for revealing in (
        "nama pengguna",
        "Operator OPD",
        "Verifikator",
        "Palu",
        "Jawa Tengah",
        "Demo",
    ):
        assert revealing not in text, text
    return text.replace(email, "<surel>")


def _decide(page: Page, email: str, action: str) -> None:
    page.locator("#result_list tr", has_text=email).locator(
        "input.action-select"
    ).check()
    page.locator("select[name='action']").select_option(value=action)
    page.locator("button[name='index']").click()


def test_invitations_never_borrow_an_existing_account(
    page: Page, live_server, assessment: Assessment, mailoutbox
) -> None:
    base = live_server.url
    palu_email = User.objects.get(username=PALU_OPERATOR).email
    verifier_email = User.objects.get(username=VERIFIER).email
    palu_before, verifier_before = _roles(PALU_OPERATOR), _roles(VERIFIER)

    # 1. Three invitations, one set of words.
    sign_in_home(page, base, COORDINATOR)
    page.goto(base + f"/penilaian/{assessment.pk}/penugasan/")
    said = {
        _invite(page, palu_email, "Budi Santoso"),
        _invite(page, verifier_email, "Verifikator Kanwil"),
        _invite(page, NEW_EMAIL, "Rina Wulandari"),
    }
    assert len(said) == 1, said
    shot(page, JOURNEY, 1)
    sign_out(page, base)

    # 2. Only the new e-mail has an account; the others are untouched requests.
    new = User.objects.get(email=NEW_EMAIL)
    grant = new.role_assignments.get()
    assert (grant.role, grant.agency.name) == (Role.OPERATOR, AGENCY)
    assert grant.granted_by.username == COORDINATOR
    assert [m.to for m in mailoutbox] == [[NEW_EMAIL]]
    assert _roles(PALU_OPERATOR) == palu_before
    assert _roles(VERIFIER) == verifier_before
    assert RoleRequest.objects.filter(status=RoleRequest.Status.PENDING).count() == 2

    # 3. The administrator sees whose accounts these are, approves one, refuses one.
    sign_in_home(page, base, ADMINISTRATOR)
    page.goto(base + REQUESTS_PATH)
    palu_row = page.locator("#result_list tr", has_text=palu_email)
    expect(palu_row).to_contain_text(PALU_OPERATOR)
    expect(palu_row).to_contain_text("Operator OPD — Dinas Kesehatan")
    verifier_row = page.locator("#result_list tr", has_text=verifier_email)
    expect(verifier_row).to_contain_text(
        "Verifikator Kanwil — Kanwil Kementerian HAM Jawa Tengah"
    )
    shot(page, JOURNEY, 2)

    _decide(page, palu_email, "approve")
    expect(admin_success(page)).to_contain_text("disetujui; peran diberikan")
    _decide(page, verifier_email, "refuse")
    expect(admin_success(page)).to_contain_text("ditolak; akun tidak diubah")
    expect(page.locator("#result_list tr", has_text=verifier_email)).to_contain_text(
        "Ditolak"
    )
    shot(page, JOURNEY, 3)

    moved = User.objects.get(username=PALU_OPERATOR).role_assignments.get(
        agency__name=AGENCY
    )
    assert moved.granted_by.username == ADMINISTRATOR
    assert COORDINATOR in moved.reason
    assert _roles(VERIFIER) == verifier_before
    statuses = dict(RoleRequest.objects.values_list("user__username", "status"))
    assert statuses == {PALU_OPERATOR: "approved", VERIFIER: "refused"}
