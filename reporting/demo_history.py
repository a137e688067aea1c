"""Demo history: five past sample years with scores, so the dashboards show trends.

Every past year is a copy of the open sample catalogue (``is_sample``), so every page
that shows these numbers carries the CONTOH label. The totals are invented: every
indicator of a category gets the same score, spread around the kab/kota's total by
offsets that cancel in pairs, so the category scores differ and their mean is exactly
the total; the real scoring service computes and ranks them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from indicators.models import Catalogue
from indicators.services import catalogue_close, catalogue_copy_to_year, catalogue_open
from reporting.models import Answer, Assessment, Publication
from reporting.services.assessments import assessments_open
from reporting.services.ranking import year_recompute

DEMO_HISTORY_YEARS = 5
# Per-category offsets from the total, in cancelling pairs (sample categories K01-K10).
SPREAD = (4, -4, 2, -2, 3, -3, 1, -1, 0, 0)
# Invented yearly totals, oldest year first (CONTOH, not real results).
DEMO_TOTALS: dict[str, tuple[str, ...]] = {
    "18.72": ("80", "82", "85", "88", "90.5"),  # Kota Metro: five years in a row
    "32.76": ("90", "92", "94", "95", "96.45"),  # Kota Depok
    "35.78": ("85", "87", "89", "90", "92"),  # Kota Surabaya
    "33.74": ("78", "80", "81", "83", "84"),  # Kota Semarang
    "72.71": ("88", "90", "91", "92", "93.9"),  # Kota Palu
    "72.01": ("70", "74", "80", "85", "88.65"),  # Kabupaten Banggai
    "33.71": ("66", "70", "75", "77", "76"),  # Kota Magelang
    "33.72": ("77", "79", "74", "80", "82"),  # Kota Surakarta
    "33.02": ("55", "62", "68", "76", "79"),  # Kabupaten Banyumas
    "33.73": ("70", "76", "77", "60", "78"),  # Kota Salatiga
    "51.71": ("60", "65", "72", "74", "76"),  # Kota Denpasar
}


def demo_history_load(*, publisher: User) -> int:
    """Create the missing past sample years before the open sample year; returns how many."""
    source = Catalogue.objects.filter(
        is_sample=True, status=Catalogue.Status.OPEN
    ).first()
    if source is None:
        return 0
    created = 0
    for offset in range(DEMO_HISTORY_YEARS, 0, -1):
        year = source.year - offset
        if Catalogue.objects.filter(year=year).exists():
            continue
        _demo_year(source, year, DEMO_HISTORY_YEARS - offset, publisher)
        created += 1
    return created


def _demo_year(source: Catalogue, year: int, column: int, publisher: User) -> None:
    catalogue = catalogue_copy_to_year(catalogue=source, year=year, actor=None)
    catalogue = catalogue_open(catalogue=catalogue, actor=None)
    assessments_open(
        catalogue=catalogue,
        deadline=timezone.now() - datetime.timedelta(days=365 * (source.year - year)),
        actor=None,
        regency_codes=list(DEMO_TOTALS),
    )
    # Invented history is written in bulk, not through the review workflow: there
    # was no review to record. Only these past sample years are touched.
    categories = list(catalogue.categories.order_by("order"))
    for code, totals in DEMO_TOTALS.items():
        total = Decimal(totals[column])
        # Shrink the spread near 100 so that no category passes 100.
        scale = min(Decimal(1), (100 - total) / max(SPREAD))
        for category, offset in zip(categories, SPREAD, strict=False):
            Answer.objects.filter(
                assessment__catalogue=catalogue,
                assessment__regency_id=code,
                indicator__category=category,
            ).update(
                status=Answer.Status.ACCEPTED,
                score=total + (offset * scale).quantize(Decimal("0.01")),
            )
    catalogue.assessments.update(status=Assessment.Status.PUBLISHED)
    Publication.objects.create(
        catalogue=catalogue,
        decree_number=f"CONTOH/{year}",
        decree_date=datetime.date(year, 11, 15),
        published_by=publisher,
    )
    year_recompute(catalogue_id=catalogue.pk)
    catalogue_close(catalogue=catalogue, actor=None)
