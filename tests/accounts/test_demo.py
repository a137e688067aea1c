from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from accounts import access
from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from accounts.models import RoleAssignment, User
from regions.models import Regency

pytestmark = pytest.mark.django_db


def test_demo_cast_covers_every_role_and_every_zone(regions, capsys):
    call_command("load_demo")
    users = User.objects.filter(is_demo=True)
    assert users.count() == len(DEMO_ACCOUNTS)
    roles = set(
        RoleAssignment.objects.filter(user__in=users).values_list("role", flat=True)
    )
    assert roles == {"operator", "coordinator", "verifier", "assessor", "administrator"}
    offices = set(
        RoleAssignment.objects.filter(user__in=users, role="verifier").values_list(
            "office__code", flat=True
        )
    )
    assert offices == {"jateng", "sulteng", "papuabarat"}
    # A multi-province office in WIT: Papua Barat covers the six Papua provinces,
    # Maluku and Maluku Utara, so its verifier sees Kota Jayapura's work.
    papua = User.objects.get(username="demo.kanwil.papuabarat")
    assert len(access.scope_of(papua).province_codes) == 8
    assert access.can_view_regency(papua, Regency.objects.get(code="91.71"))
    assert Regency.objects.get(code="91.71").province.zone == "Asia/Jayapura"
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    assert "DEMO" in out
    assert all(u.check_password(DEMO_PASSWORD) for u in users)


def test_demo_load_is_repeatable(regions):
    call_command("load_demo")
    call_command("load_demo")
    assert User.objects.filter(is_demo=True).count() == len(DEMO_ACCOUNTS)
    assert RoleAssignment.objects.filter(user__is_demo=True).count() == len(
        DEMO_ACCOUNTS
    )


def test_demo_is_refused_where_not_allowed(regions, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="DEMO_DATA_ALLOWED"):
        call_command("load_demo")
    assert not User.objects.filter(is_demo=True).exists()
