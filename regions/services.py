"""Writes to regions: loading the Kemendagri fixture, maintaining agencies (OPD), and
the Kanwil offices with their dated coverage of provinces."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kernel import clock, yamlfiles
from kernel.errors import Refusal
from kernel.zones import Zone
from regions import selectors
from regions.models import (
    Agency,
    AgencyType,
    KanwilOffice,
    OfficeCoverage,
    Province,
    Regency,
)

REGIONS_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "regions.json"
AGENCY_TYPES_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "agency_types.json"
OFFICES_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "kanwil_offices.yaml"


@dataclass(frozen=True)
class LoadResult:
    provinces: int
    regencies: int
    agency_types: int
    offices: int = 0
    provinces_without_office: int = 0


@transaction.atomic
def regions_load(
    *,
    regions_path: Path = REGIONS_FIXTURE,
    agency_types_path: Path = AGENCY_TYPES_FIXTURE,
    offices_path: Path = OFFICES_FIXTURE,
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
        update_fields=["name", "zone", "changed_at"],
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
        update_fields=[
            "province",
            "name",
            "kind",
            "is_dki_administrative",
            "changed_at",
        ],
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
    offices, uncovered = offices_load(path=offices_path)
    return LoadResult(
        len(regions["provinces"]),
        len(regions["regencies"]),
        len(types),
        offices,
        uncovered,
    )


def offices_load(*, path: Path = OFFICES_FIXTURE) -> tuple[int, int]:
    """Create the shipped Kanwil offices and their known coverage where missing.

    Never rewrites: an office already present keeps its console edits, and a
    province that has any coverage row keeps its history. Returns the number of
    offices and of provinces that no office covers today.
    """
    data = yamlfiles.safe_load(path.read_text("utf-8"))
    start: datetime.date = data["valid_from"]
    # Only provinces that are loaded (a test or a trial may load a few).
    present = set(Province.objects.values_list("code", flat=True))
    existing = set(KanwilOffice.objects.values_list("code", flat=True))
    KanwilOffice.objects.bulk_create(
        [
            KanwilOffice(
                code=row["code"],
                name=row["name"],
                seat_id=row["seat"],
                unit_name=data["unit_name"],
                source=data["office_source"],
            )
            for row in data["offices"]
            if row["code"] not in existing and row["seat"] in present
        ]
    )
    offices = {o.code: o for o in KanwilOffice.objects.all()}
    rows = [
        (
            row["code"],
            row["seat"],
            OfficeCoverage.Certainty.CONFIRMED,
            data["office_source"],
        )
        for row in data["offices"]
    ] + [
        (wider["office"], province, wider["certainty"], wider["source"])
        for wider in data["wider_coverage"]
        for province in wider["provinces"]
    ]
    known = set(OfficeCoverage.objects.values_list("province_id", flat=True))
    OfficeCoverage.objects.bulk_create(
        [
            OfficeCoverage(
                office=offices[office],
                province_id=province,
                valid_from=start,
                certainty=certainty,
                source=" ".join(source.split()),
            )
            for office, province, certainty, source in rows
            if province not in known and province in present and office in offices
        ]
    )
    uncovered = (
        Province.objects.count()
        - OfficeCoverage.objects.filter(selectors.in_force()).count()
    )
    return len(offices), uncovered


@transaction.atomic
def coverage_record(
    *,
    province: Province,
    office: KanwilOffice | None,
    valid_from: datetime.date,
    recorded_by,
    source: str,
    certainty: str = OfficeCoverage.Certainty.CONFIRMED,
) -> OfficeCoverage | None:
    """From ``valid_from`` on, ``office`` covers ``province`` (None: no office).

    The change only moves work from that day on: the row in force is closed the day
    before, earlier rows stay as they are, and a date in the province's past is
    refused. Callers have checked who may change coverage.
    """
    source = source.strip()
    if not source:
        raise Refusal(
            _("Tuliskan dasar perubahan cakupan (surat, keputusan, atau sumber).")
        )
    Province.objects.select_for_update().get(pk=province.pk)
    today = clock.localdate(zone=province.zone)
    if valid_from < today:
        raise Refusal(
            _(
                "Perubahan cakupan tidak berlaku surut: tanggal mulai paling awal "
                "hari ini (%(today)s, waktu %(province)s)."
            )
            % {"today": today.strftime("%d/%m/%Y"), "province": province.name}
        )
    later = (
        OfficeCoverage.objects.filter(province=province, valid_from__gte=valid_from)
        .order_by("valid_from")
        .first()
    )
    if later is not None:
        raise Refusal(
            _(
                "Sudah ada cakupan %(province)s yang berlaku mulai %(day)s "
                "(%(office)s). Pilih tanggal sesudahnya."
            )
            % {
                "province": province.name,
                "day": later.valid_from.strftime("%d/%m/%Y"),
                "office": later.office,
            }
        )
    current = OfficeCoverage.objects.filter(
        province=province, valid_until__isnull=True
    ).first()
    if current is None and office is None:
        raise Refusal(
            _("%(province)s memang belum tercakup kantor wilayah mana pun.")
            % {"province": province.name}
        )
    if current is not None and office is not None and current.office_id == office.pk:
        raise Refusal(
            _("%(office)s sudah mencakup %(province)s.")
            % {"office": office, "province": province.name}
        )
    if office is not None and not office.is_active:
        raise Refusal(_("Kantor wilayah ini tidak aktif."))
    if current is not None:
        current.valid_until = valid_from - datetime.timedelta(days=1)
        current.save(update_fields=["valid_until"])
    if office is None:
        return None
    return OfficeCoverage.objects.create(
        office=office,
        province=province,
        valid_from=valid_from,
        certainty=certainty,
        source=source,
        recorded_by=recorded_by,
    )


@transaction.atomic
def agencies_create_from_template(*, regency: Regency) -> list[Agency]:
    """Give a regency one agency per template type it lacks; existing ones are kept."""
    have = set(
        regency.agencies.exclude(agency_type=None).values_list(
            "agency_type_id", flat=True
        )
    )
    taken_names = set(regency.agencies.values_list("name", flat=True))
    return Agency.objects.bulk_create(
        Agency(
            regency=regency,
            agency_type=agency_type,
            name=agency_type.name,
            short_name=agency_type.short_name,
        )
        for agency_type in AgencyType.objects.exclude(pk__in=have)
        if agency_type.name not in taken_names
    )


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
