"""Which of the three zones a person sees times in.

A regional user (coordinator, operator) sees their kab/kota's province zone and cannot
change it; national staff and Kanwil verifiers see the zone they chose on their
account page (WIB unless they chose another). Nobody signed in: WIB.
"""

from __future__ import annotations

from accounts.access import AnyUser, scope_of
from kernel.zones import NATIONAL


def region_zone(user: AnyUser) -> str | None:
    """The province zone of the kab/kota where the user works, or None."""
    scope = scope_of(user)
    if scope.national or scope.office_ids:
        return None
    regional = sorted(
        (a for a in scope.assignments if a.regency_id is not None),
        key=lambda a: a.regency_id,
    )
    return regional[0].regency.province.zone if regional else None


def zone_of(user: AnyUser) -> str:
    """The zone the user's pages show and their date inputs read."""
    if not user.is_authenticated:
        return NATIONAL
    return region_zone(user) or user.time_zone or NATIONAL


def may_choose_zone(user: AnyUser) -> bool:
    return user.is_authenticated and region_zone(user) is None
