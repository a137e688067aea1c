from __future__ import annotations

import pytest
from django.urls import reverse

from regions.models import Agency

pytestmark = pytest.mark.django_db


def test_coordinator_opens_own_regency(client_for, regency_staff):
    response = client_for(regency_staff).get(
        reverse("regions:regency-detail", args=["33.73"])
    )
    assert response.status_code == 200
    assert "Kota Salatiga" in response.content.decode()


def test_coordinator_cannot_open_another_regency(client_for, regency_staff, banyumas):
    response = client_for(regency_staff).get(
        reverse("regions:regency-detail", args=["33.02"])
    )
    assert response.status_code == 404
    assert "Banyumas" not in response.content.decode()


def test_operator_cannot_open_another_regency(client_for, operator, palu):
    response = client_for(operator).get(
        reverse("regions:regency-detail", args=["72.71"])
    )
    assert response.status_code == 404


def test_regency_list_shows_only_own_regency(client_for, regency_staff):
    body = (
        client_for(regency_staff).get(reverse("regions:regency-list")).content.decode()
    )
    assert "Kota Salatiga" in body
    assert "Kabupaten Banyumas" not in body
    assert "Kota Palu" not in body


def test_verifier_sees_own_province_only(client_for, verifier, palu):
    client = client_for(verifier)
    assert (
        client.get(reverse("regions:regency-detail", args=["33.02"])).status_code == 200
    )
    response = client.get(reverse("regions:regency-detail", args=["72.71"]))
    assert response.status_code == 404
    assert "Palu" not in response.content.decode()
    assert (
        client.get(reverse("regions:province-detail", args=["72"])).status_code == 404
    )
    listing = client.get(
        reverse("regions:regency-list"), {"q": "Palu"}
    ).content.decode()
    assert "Kota Palu" not in listing


def test_verifier_province_page_lists_its_35_regencies(client_for, verifier):
    response = client_for(verifier).get(reverse("regions:province-detail", args=["33"]))
    assert response.status_code == 200
    assert len(response.context["regencies"]) == 35


def test_ministry_sees_every_regency(client_for, ministry):
    response = client_for(ministry).get(reverse("regions:regency-list"))
    assert response.context["page"].paginator.count == 514


def test_user_without_role_sees_nothing(client_for, regions):
    from tests.factories import UserFactory

    client = client_for(UserFactory(username="tanpa_peran"))
    assert (
        client.get(reverse("regions:regency-detail", args=["33.73"])).status_code == 404
    )
    assert (
        client.get(reverse("regions:regency-list")).context["page"].paginator.count == 0
    )


def test_anonymous_is_sent_to_login(client, regions):
    response = client.get(reverse("regions:regency-detail", args=["33.73"]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_coordinator_adds_agency(client_for, regency_staff, salatiga):
    response = client_for(regency_staff).post(
        reverse("regions:agency-add", args=["33.73"]),
        {"name": "Dinas Koperasi dan UKM", "short_name": "Dinkop"},
    )
    assert response.status_code == 302
    assert Agency.objects.filter(
        regency=salatiga, name="Dinas Koperasi dan UKM"
    ).exists()


def test_duplicate_agency_name_gets_a_clear_message(
    client_for, regency_staff, salatiga
):
    response = client_for(regency_staff).post(
        reverse("regions:agency-add", args=["33.73"]), {"name": "dinas kesehatan"}
    )
    assert response.status_code == 400
    assert "sudah ada" in response.content.decode()
    assert salatiga.agencies.filter(name__iexact="dinas kesehatan").count() == 1


def test_coordinator_cannot_add_agency_elsewhere(client_for, regency_staff, banyumas):
    before = banyumas.agencies.count()
    response = client_for(regency_staff).post(
        reverse("regions:agency-add", args=["33.02"]), {"name": "Dinas Siluman"}
    )
    assert response.status_code == 404
    assert banyumas.agencies.count() == before


def test_verifier_cannot_add_agency(client_for, verifier, salatiga):
    response = client_for(verifier).post(
        reverse("regions:agency-add", args=["33.73"]), {"name": "Dinas Siluman"}
    )
    assert response.status_code == 403
    assert not salatiga.agencies.filter(name="Dinas Siluman").exists()
