"""Roles leave a record: a role revoked in March still counts for the rest of the year,
one revoked last year does not."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.independence import held_regional_role, year_start
from accounts.models import Role, RoleAssignment
from accounts.services import role_grant, role_revoke

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def _at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 9, 0, tzinfo=WIB)


def test_a_revoked_role_counts_for_the_year_it_was_held(
    salatiga, banyumas, ministry, administrator
):
    with time_machine.travel(_at(2025, 2, 1), tick=False):
        held = role_grant(
            user=ministry, role=Role.COORDINATOR, actor=None, regency=salatiga
        )
    with time_machine.travel(_at(2025, 3, 15), tick=False):
        role_revoke(assignment=held, actor=administrator)
    assert not RoleAssignment.objects.filter(pk=held.pk).exists()
    assert held_regional_role(ministry, "33.73", since=year_start(2025))
    assert not held_regional_role(ministry, "33.73", since=year_start(2026))
    assert not held_regional_role(ministry, "33.02", since=year_start(2025))


def test_a_role_moved_to_another_regency_counts_until_the_move(
    salatiga, banyumas, ministry
):
    with time_machine.travel(_at(2025, 2, 1), tick=False):
        held = role_grant(
            user=ministry, role=Role.COORDINATOR, actor=None, regency=salatiga
        )
    with time_machine.travel(_at(2025, 11, 1), tick=False):
        held.regency = banyumas  # as the console's role form does
        held.save()
    assert held_regional_role(ministry, "33.73", since=_at(2025, 10, 1))
    assert not held_regional_role(ministry, "33.73", since=_at(2025, 11, 2))
    assert held_regional_role(ministry, "33.02", since=_at(2030, 1, 1))
