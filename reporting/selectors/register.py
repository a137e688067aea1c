"""Reads of the case register: which cases were unresolved at a year's cut-off."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q, QuerySet

from indicators.models import Catalogue
from reporting.models import ViolationCase, YearSettings


def unresolved_at_cutoff_cases(catalogue: Catalogue) -> QuerySet[ViolationCase]:
    """Cases registered by the year's cut-off day and not verified as resolved before
    its end (WIB). A resolution after the cut-off does not change this picture."""
    settings = YearSettings.of(catalogue)
    return ViolationCase.objects.filter(
        Q(resolved_at=None) | Q(resolved_at__gte=settings.cutoff_end),
        reported_on__lte=settings.cutoff,
    )


def unresolved_by_regency(catalogue: Catalogue) -> dict[str, list[str]]:
    """Kab/kota code → the references of its cases unresolved at the cut-off (one query)."""
    found: dict[str, list[str]] = defaultdict(list)
    for code, reference in (
        unresolved_at_cutoff_cases(catalogue)
        .order_by("regency_id", "reported_on", "pk")
        .values_list("regency_id", "reference")
    ):
        found[code].append(reference)
    return dict(found)
