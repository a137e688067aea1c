"""The time zone of a kab/kota: its province's (Keppres 41/1987, loaded from the fixture)."""

from __future__ import annotations

from collections.abc import Iterable

from regions.models import Regency


def zones_of(regency_codes: Iterable[str]) -> dict[str, str]:
    """Kab/kota code → zone key, in one query."""
    return dict(
        Regency.objects.filter(code__in=list(regency_codes)).values_list(
            "code", "province__zone"
        )
    )


def zone_of(regency_code: str) -> str | None:
    return zones_of([regency_code]).get(regency_code)
