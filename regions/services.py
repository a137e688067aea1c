"""Writes to regions: loading the Kemendagri fixture and maintaining agencies (OPD)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kernel.zones import Zone
from regions.models import Agency, AgencyType, Province, Regency

REGIONS_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "regions.json"
AGENCY_TYPES_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "agency_types.json"


@dataclass(frozen=True)
class LoadResult:
    provinces: int
    regencies: int
    agency_types: int


@transaction.atomic
def regions_load(
    *,
    regions_path: Path = REGIONS_FIXTURE,
    agency_types_path: Path = AGENCY_TYPES_FIXTURE,
) -> LoadResult:
    """Upsert provinces, regencies and agency types by code; safe to run again."""
    regions = json.loads(regions_path.read_text("utf-8"))
    for row in regions["provinces"]:
        if row.get("zone") not in Zone.values:
            raise ValidationError(f"Province {row['code']} has no known time zone.")
    for row in regions["regencies"]:
        if not row["code"].startswith(row["province"] + "."):
            raise ValidationError(f"Regency {row['code']} is not in {row['province']}.")
    # One upsert per table: the fixture is the truth for names and kinds.
    Province.objects.bulk_create(
        [
            Province(code=r["code"], name=r["name"], zone=r["zone"])
            for r in regions["provinces"]
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "zone"],
    )
    Regency.objects.bulk_create(
        [
            Regency(
                code=r["code"],
                province_id=r["province"],
                name=r["name"],
                kind=r["kind"],
                is_dki_administrative=r["is_dki_administrative"],
            )
            for r in regions["regencies"]
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["province", "name", "kind", "is_dki_administrative"],
    )
    types = json.loads(agency_types_path.read_text("utf-8"))["agency_types"]
    AgencyType.objects.bulk_create(
        [
            AgencyType(
                code=r["code"], name=r["name"], short_name=r["short_name"], order=i
            )
            for i, r in enumerate(types, start=1)
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "short_name", "order"],
    )
    return LoadResult(len(regions["provinces"]), len(regions["regencies"]), len(types))


@transaction.atomic
def agencies_create_from_template(*, regency: Regency) -> list[Agency]:
    """Give a regency one agency per template type it lacks; existing ones are kept."""
    have = set(
        regency.agencies.exclude(agency_type=None).values_list(
            "agency_type_id", flat=True
        )
    )
    taken_names = set(regency.agencies.values_list("name", flat=True))
    created = []
    for agency_type in AgencyType.objects.exclude(pk__in=have):
        if agency_type.name in taken_names:
            continue
        created.append(
            Agency.objects.create(
                regency=regency,
                agency_type=agency_type,
                name=agency_type.name,
                short_name=agency_type.short_name,
            )
        )
    return created


@transaction.atomic
def agency_create(
    *,
    regency: Regency,
    name: str,
    short_name: str = "",
    agency_type: AgencyType | None = None,
) -> Agency:
    """Add an agency to a regency; names and template types are unique per regency."""
    name = name.strip()
    if regency.agencies.filter(name__iexact=name).exists():
        raise ValidationError(
            {
                "name": _("OPD dengan nama ini sudah ada di %(regency)s.")
                % {"regency": regency.name}
            }
        )
    if agency_type and regency.agencies.filter(agency_type=agency_type).exists():
        raise ValidationError(
            {
                "agency_type": _(
                    "Jenis OPD ini sudah dipakai oleh OPD lain di daerah ini."
                )
            }
        )
    return Agency.objects.create(
        regency=regency,
        name=name,
        short_name=short_name.strip(),
        agency_type=agency_type,
    )
