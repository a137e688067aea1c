from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse

from accounts.client_address import client_address
from tests.cast import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the reverse proxy in front of gunicorn, as gunicorn sees it
# A moment to set the clock to, so that cool-offs and windows are the test's own.
MORNING = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def _login(client, username: str, password: str, address: str = "10.0.0.7"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _login_via_proxy(client, username: str, password: str, forwarded: str):
    """A login as it reaches gunicorn behind the proxy: every one from PROXY."""
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def _reset_link(mail) -> str:
    return re.search(r"https?://[^/]+(/akun/atur-sandi/\S+)", mail.body).group(1)


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


# ---------------------------------------------------------------- client address


def test_the_client_address_is_the_one_the_trusted_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )
    # The left entry is what the client wrote itself; only the proxy's is believed.
    assert client_address(request) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "6.6.6.6"


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get(
        "/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="6.6.6.6"
    )
    assert client_address(request) == "198.51.100.4"


def test_a_malformed_forwarded_address_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="bukan-alamat"
    )
    assert client_address(request) == PROXY


# ---------------------------------------------------------------- throttling


@pytest.mark.clock
def test_one_guess_per_user_from_one_address_is_throttled(settings, client, regions):
    """Password spraying: many usernames, one wrong guess each, from one address."""
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    victims = [UserFactory(username=f"korban{n}") for n in range(8)]
    with time_machine.travel(MORNING, tick=False):
        codes = [
            _login(client, victim.username, "tebakan-1", "203.0.113.9").status_code
            for victim in victims
        ]
        assert codes[:5] == [200] * 5
        assert codes[6:] == [429, 429]
        # The address is refused even with a right password...
        refused = _login(client, victims[0].username, PASSWORD, "203.0.113.9")
        assert refused.status_code == 429
        assert "alamat jaringan ini" in refused.content.decode()
        # ...while the same people from elsewhere sign in.
        assert (
            _login(client, victims[0].username, PASSWORD, "198.51.100.4").status_code
            == 302
        )


@pytest.mark.clock
def test_behind_the_proxy_one_attacker_does_not_lock_everybody_out(
    settings, client, regions
):
    """Everybody reaches gunicorn from the proxy's address; the forwarded one counts."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    victims = [UserFactory(username=f"korban{n}") for n in range(8)]
    honest = UserFactory(username="verifikator_tenggat")
    with time_machine.travel(MORNING, tick=False):
        for victim in victims:
            # Rewriting X-Forwarded-For does not help: the proxy appends the truth.
            _login_via_proxy(
                client, victim.username, "tebakan-1", f"10.9.9.{victim.pk}, 203.0.113.9"
            )
        blocked = _login_via_proxy(client, victims[0].username, PASSWORD, "203.0.113.9")
        assert blocked.status_code == 429
        allowed = _login_via_proxy(client, honest.username, PASSWORD, "198.51.100.4")
        assert allowed.status_code == 302


@pytest.mark.clock
def test_a_username_cools_off_whatever_address_the_guesses_come_from(
    settings, client, regency_staff
):
    with time_machine.travel(MORNING, tick=False):
        for n in range(settings.AXES_FAILURE_LIMIT):
            _login(client, regency_staff.username, "salah-sekali", f"203.0.113.{n + 1}")
        response = _login(client, regency_staff.username, PASSWORD, "198.51.100.4")
    assert response.status_code == 429
    body = response.content.decode()
    assert "nama pengguna ini ditahan selama 15 menit" in body
    assert reverse("accounts:password-reset") in body
    assert "_auth_user_id" not in client.session


@pytest.mark.clock
def test_the_cool_off_ends_and_tries_during_it_do_not_prolong_it(
    settings, client, regency_staff
):
    with time_machine.travel(MORNING, tick=False) as clock:
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            _login(client, regency_staff.username, "salah-sekali")
        clock.move_to(MORNING + datetime.timedelta(minutes=10))
        assert _login(client, regency_staff.username, "salah-lagi").status_code == 429
        clock.move_to(MORNING + datetime.timedelta(minutes=14))
        assert _login(client, regency_staff.username, PASSWORD).status_code == 429
        clock.move_to(MORNING + datetime.timedelta(minutes=16))
        assert _login(client, regency_staff.username, PASSWORD).status_code == 302


@pytest.mark.clock
def test_the_owner_gets_past_the_cool_off_with_a_reset_link(
    settings, client, mailoutbox, regency_staff
):
    with time_machine.travel(MORNING, tick=False):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            _login(client, regency_staff.username, "salah-sekali", "203.0.113.66")
        assert _login(client, regency_staff.username, PASSWORD).status_code == 429
        client.post(reverse("accounts:password-reset"), {"email": regency_staff.email})
        link = client.get(_reset_link(mailoutbox[0]), follow=True)
        form_url = link.redirect_chain[-1][0]
        done = client.post(
            form_url,
            {
                "new_password1": "sandi-baru-Salatiga-7",
                "new_password2": "sandi-baru-Salatiga-7",
            },
            follow=True,
        )
        assert done.status_code == 200
        assert "Anda sudah masuk" in done.content.decode()
        assert client.session["_auth_user_id"] == str(regency_staff.pk)
        client.post(reverse("accounts:logout"))
        # Still within the cool-off, but the failures are cleared: the owner is in.
        again = _login(client, regency_staff.username, "sandi-baru-Salatiga-7")
        assert again.status_code == 302


# ---------------------------------------------------------------- reset e-mails


@pytest.mark.clock
def test_reset_emails_are_limited_per_email_whether_or_not_it_has_an_account(
    settings, client, mailoutbox, regency_staff
):
    settings.PASSWORD_RESET_RATE_PER_EMAIL = (2, 60 * 60)
    url = reverse("accounts:password-reset")
    with time_machine.travel(MORNING, tick=False):
        for _attempt in range(2):
            response = client.post(url, {"email": regency_staff.email})
            assert response.status_code == 302
        refused = client.post(url, {"email": regency_staff.email})
        assert refused.status_code == 429
        assert "Terlalu banyak permintaan tautan" in refused.content.decode()
        assert len(mailoutbox) == 2
        # An unknown address is counted the same way: the limit reveals nothing.
        for _attempt in range(2):
            client.post(url, {"email": "tidak.ada@example.invalid"})
        assert (
            client.post(url, {"email": "tidak.ada@example.invalid"}).status_code == 429
        )
    with time_machine.travel(MORNING + datetime.timedelta(hours=1), tick=False):
        assert client.post(url, {"email": regency_staff.email}).status_code == 302
    assert len(mailoutbox) == 3


@pytest.mark.clock
def test_reset_emails_are_limited_per_address(settings, client, mailoutbox, regions):
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = (3, 60 * 60)
    people = [UserFactory(username=f"orang{n}") for n in range(5)]
    url = reverse("accounts:password-reset")
    with time_machine.travel(MORNING, tick=False):
        codes = [
            client.post(url, {"email": p.email}, REMOTE_ADDR="203.0.113.9").status_code
            for p in people
        ]
        assert codes == [302, 302, 302, 429, 429]
        other = client.post(url, {"email": people[4].email}, REMOTE_ADDR="198.51.100.4")
        assert other.status_code == 302
    assert len(mailoutbox) == 4
