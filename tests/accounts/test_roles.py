from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts import access
from accounts.models import Role, RoleAssignment
from accounts.services import role_grant, role_revoke
from regions.models import Regency
from regions.selectors import office_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_role_must_carry_exactly_its_scope(regions):
    user = UserFactory()
    with pytest.raises(ValidationError):
        role_grant(user=user, role=Role.VERIFIER, actor=None)
    with pytest.raises(ValidationError):
        role_grant(
            user=user,
            role=Role.COORDINATOR,
            actor=None,
            office=office_of("33"),
        )
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_operator_agency_must_belong_to_regency(salatiga, palu):
    user = UserFactory()
    palu_agency = palu.agencies.first()
    with pytest.raises(ValidationError):
        role_grant(
            user=user,
            role=Role.OPERATOR,
            actor=None,
            regency=salatiga,
            agency=palu_agency,
        )


def test_database_refuses_a_role_without_its_scope(regions):
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=Role.COORDINATOR)


def test_granting_twice_keeps_one_row(regions):
    user = UserFactory()
    regency = Regency.objects.get(code="33.73")
    role_grant(user=user, role=Role.COORDINATOR, actor=None, regency=regency)
    role_grant(user=user, role=Role.COORDINATOR, actor=None, regency=regency)
    assert RoleAssignment.objects.filter(user=user).count() == 1


def test_only_administrators_grant_and_revoke(verifier, administrator, salatiga):
    target = UserFactory()
    with pytest.raises(PermissionDenied):
        role_grant(user=target, role=Role.COORDINATOR, actor=verifier, regency=salatiga)
    assignment = role_grant(
        user=target,
        role=Role.COORDINATOR,
        actor=administrator,
        reason="SK Wali Kota tentang koordinator",
        regency=salatiga,
    )
    with pytest.raises(PermissionDenied):
        role_revoke(assignment=assignment, actor=verifier)
    role_revoke(assignment=assignment, actor=administrator)
    assert not RoleAssignment.objects.filter(user=target).exists()


def test_person_with_two_roles_gets_the_union_of_scopes(regions):
    user = UserFactory()
    role_grant(
        user=user,
        role=Role.COORDINATOR,
        actor=None,
        regency=Regency.objects.get(code="72.71"),
    )
    role_grant(
        user=user,
        role=Role.VERIFIER,
        actor=None,
        office=office_of("33"),
    )
    codes = set(access.regencies_for(user).values_list("code", flat=True))
    assert "72.71" in codes
    assert "33.73" in codes
    assert "72.01" not in codes
    # Palu, and the 35 kab/kota of Jawa Tengah with the 5 of DIY (one office).
    assert len(codes) == 41


def test_superuser_counts_as_administrator(regions):
    user = UserFactory(is_superuser=True)
    assert access.is_administrator(user)
    assert access.regencies_for(user).count() == 514


def test_inactive_user_has_no_scope(regency_staff):
    regency_staff.is_active = False
    regency_staff.save()
    access.forget_scope(regency_staff)
    assert access.regencies_for(regency_staff).count() == 0
