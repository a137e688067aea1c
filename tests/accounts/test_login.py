from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username: str, password: str):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.7",
    )


def test_login_with_right_password_goes_home(client, regency_staff):
    response = _login(client, regency_staff.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


def test_wrong_password_gets_indonesian_message(client, regency_staff):
    response = _login(client, regency_staff.username, "salah-sekali")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


@pytest.mark.clock
def test_repeated_failures_lock_the_account_out(client, settings, regency_staff):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, regency_staff.username, "salah-sekali")
    # Even the right password is refused while locked out.
    response = _login(client, regency_staff.username, PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.clock
def test_failures_below_the_limit_do_not_lock(client, settings, regency_staff):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, regency_staff.username, "salah-sekali")
    assert _login(client, regency_staff.username, PASSWORD).status_code == 302


def test_lockout_of_one_user_does_not_lock_another(
    client, settings, regency_staff, verifier
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, regency_staff.username, "salah-sekali")
    assert _login(client, verifier.username, PASSWORD).status_code == 302


def test_password_reset_sends_a_link(client, mailoutbox, regency_staff):
    response = client.post(
        reverse("accounts:password-reset"), {"email": regency_staff.email}
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/akun/atur-sandi/" in mailoutbox[0].body


def test_password_change_enforces_strong_passwords(client_for, regency_staff):
    response = client_for(regency_staff).post(
        reverse("accounts:password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )
    assert response.status_code == 200
    regency_staff.refresh_from_db()
    assert regency_staff.check_password(PASSWORD)
    assert response.context["form"].errors["new_password2"]


def test_logout_needs_post(client_for, regency_staff):
    client = client_for(regency_staff)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session
