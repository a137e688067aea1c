from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_operator_cannot_enter_the_admin(client_for, operator):
    response = client_for(operator).get(reverse("admin:index"))
    assert response.status_code == 403


def test_coordinator_cannot_enter_the_admin(client_for, regency_staff):
    assert client_for(regency_staff).get(reverse("admin:index")).status_code == 403


def test_anonymous_admin_visit_goes_to_portal_login(client, regions):
    response = client.get(reverse("admin:index"), follow=True)
    final_url, _status = response.redirect_chain[-1]
    assert final_url.startswith(reverse("accounts:login"))
    assert response.status_code == 200


def test_verifier_regency_changelist_is_scoped(client_for, verifier):
    response = client_for(verifier).get(reverse("admin:regions_regency_changelist"))
    assert response.status_code == 200
    codes = {r.code for r in response.context["cl"].result_list}
    assert "33.73" in codes
    # Kanwil Jawa Tengah covers Jawa Tengah (35) and DIY (5).
    assert {code[:2] for code in codes} == {"33", "34"}
    assert response.context["cl"].result_count == 40
    assert "Kota Palu" not in response.content.decode()


def test_verifier_cannot_open_another_province_regency_in_admin(
    client_for, verifier, palu
):
    url = reverse("admin:regions_regency_change", args=["72.71"])
    response = client_for(verifier).get(url)
    assert response.status_code == 404
    assert "Palu" not in response.content.decode()


def test_verifier_reads_but_cannot_change_in_admin(client_for, verifier, salatiga):
    client = client_for(verifier)
    url = reverse("admin:regions_regency_change", args=["33.73"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    before = salatiga.name
    client.post(url, {"name": "Kota Diubah", "kind": "kota", "province": "33"})
    salatiga.refresh_from_db()
    assert salatiga.name == before


def test_verifier_sees_users_of_own_province_only(
    client_for, verifier, regency_staff, foreign_verifier, palu
):
    from accounts.models import Role
    from accounts.services import role_grant
    from tests.factories import UserFactory

    palu_staff = UserFactory(username="koordinator_palu")
    role_grant(user=palu_staff, role=Role.COORDINATOR, actor=None, regency=palu)
    response = client_for(verifier).get(reverse("admin:accounts_user_changelist"))
    names = {u.username for u in response.context["cl"].result_list}
    assert "koordinator_salatiga" in names
    assert "koordinator_palu" not in names
    assert "kanwil_sulteng" not in names
    change = reverse("admin:accounts_user_change", args=[palu_staff.pk])
    assert client_for(verifier).get(change).status_code == 404


def test_verifier_agency_changelist_is_scoped(client_for, verifier, salatiga, palu):
    response = client_for(verifier).get(reverse("admin:regions_agency_changelist"))
    regencies = {a.regency_id for a in response.context["cl"].result_list}
    assert regencies == {"33.73"}


def test_administrator_changes_a_regency_agency(client_for, administrator, salatiga):
    agency = salatiga.agencies.get(agency_type__code="dinkes")
    url = reverse("admin:regions_agency_change", args=[agency.pk])
    response = client_for(administrator).post(
        url,
        {
            "regency": "33.73",
            "agency_type": agency.agency_type_id,
            "name": "Dinas Kesehatan Kota Salatiga",
            "short_name": "Dinkes",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.name == "Dinas Kesehatan Kota Salatiga"


def test_only_administrator_grants_roles_in_admin(client_for, verifier, administrator):
    assert (
        client_for(verifier)
        .get(reverse("admin:accounts_roleassignment_add"))
        .status_code
        == 403
    )
    assert (
        client_for(administrator)
        .get(reverse("admin:accounts_roleassignment_add"))
        .status_code
        == 200
    )
