"""Administrators decide role requests in the console; every grant there says who and why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role, RoleAssignment, RoleRequest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "admin:accounts_rolerequest_changelist"


@pytest.fixture
def verifier_request(verifier, regency_staff, salatiga) -> RoleRequest:
    """Salatiga's coordinator typed the Kanwil verifier's e-mail."""
    return RoleRequest.objects.create(
        user=verifier,
        email=verifier.email,
        full_name="Siapa Saja",
        regency=salatiga,
        agency=salatiga.agencies.get(agency_type__code="disdik"),
        requested_by=regency_staff,
    )


def _act(client, action: str, role_request: RoleRequest):
    return client.post(
        reverse(LIST),
        {"action": action, "_selected_action": [role_request.pk]},
        follow=True,
    )


def test_the_list_shows_the_roles_the_account_already_holds(
    client_for, administrator, verifier, verifier_request
):
    body = client_for(administrator).get(reverse(LIST)).content.decode()
    assert verifier_request.email in body
    assert "Verifikator Kanwil — Kanwil Kementerian HAM Jawa Tengah" in body
    assert verifier.username in body


def test_an_administrator_refuses_and_the_account_is_unchanged(
    client_for, administrator, verifier, verifier_request
):
    response = _act(client_for(administrator), "refuse", verifier_request)
    assert "ditolak; akun tidak diubah" in response.content.decode()
    verifier_request.refresh_from_db()
    assert verifier_request.status == RoleRequest.Status.REFUSED
    assert verifier_request.decided_by == administrator
    assert list(verifier.role_assignments.values_list("role", flat=True)) == [
        Role.VERIFIER
    ]


def test_an_administrator_approves_and_the_grant_records_who_and_why(
    client_for, administrator, verifier, verifier_request, regency_staff
):
    response = _act(client_for(administrator), "approve", verifier_request)
    assert "disetujui; peran diberikan" in response.content.decode()
    grant = verifier.role_assignments.get(role=Role.OPERATOR)
    assert grant.agency == verifier_request.agency
    assert grant.granted_by == administrator
    assert regency_staff.username in grant.reason
    # Deciding twice is refused with a message, not a second grant.
    again = _act(client_for(administrator), "refuse", verifier_request)
    assert "sudah diputuskan" in again.content.decode()
    assert verifier.role_assignments.filter(role=Role.OPERATOR).count() == 1


def test_a_grant_made_in_the_console_needs_a_reason_and_names_its_maker(
    client_for, administrator, salatiga
):
    person = UserFactory(username="calon_koordinator")
    client = client_for(administrator)
    url = reverse("admin:accounts_roleassignment_add")
    data = {"user": person.pk, "role": Role.COORDINATOR, "regency": salatiga.pk}
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert not RoleAssignment.objects.filter(user=person).exists()
    client.post(url, {**data, "reason": "SK Wali Kota No. 12/2026"})
    grant = RoleAssignment.objects.get(user=person)
    assert grant.granted_by == administrator
    assert grant.reason == "SK Wali Kota No. 12/2026"
