"""The demo cast: one account per role in each zone, for trying the portal out.

The Kanwil accounts belong to offices that cover several provinces: Jawa Tengah (with
DIY), Sulawesi Tengah (with Sulawesi Utara and Gorontalo) and Papua Barat (the six
Papua provinces, Maluku and Maluku Utara, in WIT).

Every account is flagged ``is_demo`` and named ``demo.*``; pages show a DEMO banner.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from accounts.models import Role, User
from accounts.services import role_grant
from regions.models import KanwilOffice, Regency
from regions.services import agencies_create_from_template

DEMO_PASSWORD = "demo-PeduliHAM-2026"  # noqa: S105 - printed on purpose, demo only


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    office: str = ""  # KanwilOffice.code
    regency: str = ""
    agency_type: str = ""


DEMO_ACCOUNTS = (
    DemoAccount("demo.admin", "Admin Demo", Role.ADMINISTRATOR),
    DemoAccount("demo.kementerian", "Penilai Kementerian Demo", Role.ASSESSOR),
    DemoAccount(
        "demo.kanwil.jateng",
        "Verifikator Kanwil Jawa Tengah Demo",
        Role.VERIFIER,
        office="jateng",
    ),
    DemoAccount(
        "demo.kanwil.sulteng",
        "Verifikator Kanwil Sulawesi Tengah Demo",
        Role.VERIFIER,
        office="sulteng",
    ),
    DemoAccount(
        "demo.kanwil.papuabarat",
        "Verifikator Kanwil Papua Barat Demo",
        Role.VERIFIER,
        office="papuabarat",
    ),
    DemoAccount(
        "demo.koordinator.salatiga",
        "Koordinator Kota Salatiga Demo",
        Role.COORDINATOR,
        regency="33.73",
    ),
    DemoAccount(
        "demo.koordinator.palu",
        "Koordinator Kota Palu Demo",
        Role.COORDINATOR,
        regency="72.71",
    ),
    DemoAccount(
        "demo.koordinator.jayapura",
        "Koordinator Kota Jayapura Demo",
        Role.COORDINATOR,
        regency="91.71",
    ),
    DemoAccount(
        "demo.opd.salatiga",
        "Operator Dinkes Kota Salatiga Demo",
        Role.OPERATOR,
        regency="33.73",
        agency_type="dinkes",
    ),
    DemoAccount(
        "demo.opd.palu",
        "Operator Dinkes Kota Palu Demo",
        Role.OPERATOR,
        regency="72.71",
        agency_type="dinkes",
    ),
    DemoAccount(
        "demo.opd.jayapura",
        "Operator Dinkes Kota Jayapura Demo",
        Role.OPERATOR,
        regency="91.71",
        agency_type="dinkes",
    ),
)
# One kab/kota in each zone: WIB (Jawa Tengah), WITA (Sulawesi Tengah), WIT (Papua).
DEMO_REGENCIES = ("33.73", "33.02", "72.71", "91.71")


def _ensure_user(account: DemoAccount, password: str) -> User:
    first, _, last = account.full_name.rpartition(" ")
    user, _created = User.objects.update_or_create(
        username=account.username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{account.username}@demo.invalid",
            "is_demo": True,
            "is_active": True,
            # Administrators also get Django's superuser flag so that third-party
            # admin pages (login attempts) open for them.
            "is_superuser": account.role == Role.ADMINISTRATOR,
            "is_staff": account.role
            in (Role.VERIFIER, Role.ASSESSOR, Role.ADMINISTRATOR),
        },
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def demo_load(*, password: str = DEMO_PASSWORD) -> list[DemoAccount]:
    """Create or refresh the demo cast; refuses where demo data is not allowed."""
    if not settings.DEMO_DATA_ALLOWED:
        raise ImproperlyConfigured(
            "Setting DEMO_DATA_ALLOWED is false: demo accounts are never created here."
        )
    for code in DEMO_REGENCIES:
        agencies_create_from_template(regency=Regency.objects.get(code=code))
    for account in DEMO_ACCOUNTS:
        user = _ensure_user(account, password)
        regency = Regency.objects.get(code=account.regency) if account.regency else None
        agency = (
            regency.agencies.get(agency_type__code=account.agency_type)
            if regency and account.agency_type
            else None
        )
        role_grant(
            user=user,
            role=account.role,
            actor=None,
            office=KanwilOffice.objects.get(code=account.office)
            if account.office
            else None,
            regency=regency,
            agency=agency,
        )
    return list(DEMO_ACCOUNTS)
