from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("person", "role", "expected"),
    [
        ("operator", "operator", "Dinas Kesehatan"),
        ("regency_staff", "coordinator", "Kota Salatiga"),
        ("verifier", "verifier", "Jawa Tengah"),
        ("ministry", "assessor", "38 provinsi, 514 kabupaten/kota"),
        ("administrator", "administrator", "514 kabupaten/kota"),
    ],
)
def test_each_role_sees_its_panel(request, client_for, person, role, expected):
    user = request.getfixturevalue(person)
    response = client_for(user).get(reverse("portal:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'data-role="{role}"' in body
    assert expected in body


def test_verifier_panel_counts_province_regencies(client_for, verifier):
    body = client_for(verifier).get(reverse("portal:home")).content.decode()
    # Kanwil Jawa Tengah: Jawa Tengah (29 kabupaten, 6 kota) and DIY (4 and 1).
    assert "33 kabupaten dan 7 kota" in body
    assert "29 kabupaten, 6 kota" in body and "4 kabupaten, 1 kota" in body


def test_user_without_role_sees_an_honest_empty_state(client_for, regions):
    from tests.factories import UserFactory

    body = client_for(UserFactory()).get(reverse("portal:home")).content.decode()
    assert "belum memiliki peran" in body
    assert "data-role=" not in body


def test_home_needs_login(client, regions):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302


def test_english_is_the_second_language(client_for, verifier):
    client = client_for(verifier)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="en">' in body
    assert "Sign out" in body
    assert "Keluar" not in body


def test_indonesian_is_the_default_language(client_for, verifier):
    body = client_for(verifier).get(reverse("portal:home")).content.decode()
    assert '<html lang="id">' in body
    assert "Keluar" in body


def test_health_endpoint_reports_database(client, db):
    response = client.get("/healthz?scope=web")
    assert response.status_code == 200
    assert response.json()["checks"]["database"]["status"] == "ok"


def test_browser_language_does_not_switch_to_english(client_for, verifier):
    response = client_for(verifier).get(
        reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en-US"
    )
    assert '<html lang="id">' in response.content.decode()


def test_administrator_home_states_which_catalogue_is_open(
    client_for, administrator, opened_year
):
    body = client_for(administrator).get(reverse("portal:home")).content.decode()
    assert f"Katalog {opened_year.year} dibuka: 3 penilaian kabupaten/kota." in body
    assert "Belum ada katalog indikator yang dibuka." not in body


def test_administrator_home_says_so_when_no_catalogue_is_open(
    client_for, administrator, sample_catalogue
):
    body = client_for(administrator).get(reverse("portal:home")).content.decode()
    assert "Belum ada katalog indikator yang dibuka." in body


def test_assessor_home_counts_what_the_kanwil_forwarded(
    client_for, ministry, opened_year
):
    from reporting.models import Assessment

    client = client_for(ministry)
    body = client.get(reverse("portal:home")).content.decode()
    assert "Belum ada penilaian yang diteruskan Kanwil" in body
    Assessment.objects.filter(regency_id="33.73").update(
        status=Assessment.Status.VERIFIED
    )
    body = client.get(reverse("portal:home")).content.decode()
    assert "1 penilaian diteruskan Kanwil untuk penilaian pusat." in body
