"""Five scored years (2022-2026) of the sample catalogue for four kab/kota.

Award years (total ≥ 75 earns "Peduli HAM"):

| kab/kota | 2022 | 2023 | 2024 | 2025 | 2026 | current streak |
|---|---|---|---|---|---|---|
| Kota Metro (18.72) | 80 | 82 | 85 | 88 | 90.5 | 5 (2022-2026) |
| Kota Salatiga (33.73) | 76 | 77 | 60 | 78 | 79 | 2 (2025-2026) |
| Kabupaten Banyumas (33.02) | 75 | 76 | 77 | 78 | not scored | 4 (2022-2025) |
| Kota Palu (72.71) | — | — | 80 | not opened | 81 | 1 (2026) |

2022-2025 are closed and final; 2026 is open with provisional scores.
"""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from indicators.models import Catalogue
from indicators.services import catalogue_close, catalogue_copy_to_year, catalogue_open
from reporting.models import Assessment, Score
from reporting.services.assessments import assessments_open

TOTALS: dict[str, dict[int, str]] = {
    "18.72": {2022: "80", 2023: "82", 2024: "85", 2025: "88", 2026: "90.5"},
    "33.73": {2022: "76", 2023: "77", 2024: "60", 2025: "78", 2026: "79"},
    "33.02": {2022: "75", 2023: "76", 2024: "77", 2025: "78"},
    "72.71": {2024: "80", 2026: "81"},
}
OPENED: dict[int, list[str]] = {
    2022: ["18.72", "33.73", "33.02"],
    2023: ["18.72", "33.73", "33.02"],
    2024: ["18.72", "33.73", "33.02", "72.71"],
    2025: ["18.72", "33.73", "33.02"],
    2026: ["18.72", "33.73", "33.02", "72.71"],
}
# 2026 statuses: Metro and Salatiga verified, Banyumas still filling, Palu in verification.
STATUS_2026 = {
    "18.72": Assessment.Status.VERIFIED,
    "33.73": Assessment.Status.VERIFIED,
    "33.02": Assessment.Status.DRAFT,
    "72.71": Assessment.Status.IN_VERIFICATION,
}


def make_score(assessment: Assessment, total: D, *, final: bool) -> Score:
    """A stored score with a breakdown whose categories all score ``total``."""
    catalogue = assessment.catalogue
    band = catalogue.bands.filter(min_score__lte=total).order_by("-min_score").first()
    categories = [
        {"code": c.code, "name": c.name, "score": str(total - i), "types": []}
        for i, c in enumerate(catalogue.categories.order_by("order"))
    ]
    return Score.objects.create(
        assessment=assessment,
        base_total=total,
        total=total,
        hasil_points=D(0),
        predicate=band.label,
        earns_award=band.earns_award,
        is_final=final,
        rule_version="uji",
        breakdown={"categories": categories},
        category_scores=[{"code": c["code"], "score": c["score"]} for c in categories],
    )


@pytest.fixture
def scored_years(open_catalogue, salatiga, banyumas, palu) -> dict[int, Catalogue]:
    deadline = timezone.now() + datetime.timedelta(days=30)
    years = {2026: open_catalogue}
    for year in (2022, 2023, 2024, 2025):
        copy = catalogue_copy_to_year(catalogue=open_catalogue, year=year, actor=None)
        years[year] = catalogue_open(catalogue=copy, actor=None)
    for year, catalogue in years.items():
        assessments_open(
            catalogue=catalogue,
            deadline=deadline,
            actor=None,
            regency_codes=OPENED[year],
        )
        final = year < 2026
        status = Assessment.Status.FINAL if final else None
        for assessment in Assessment.objects.filter(catalogue=catalogue):
            code = assessment.regency_id
            # Fixture shortcut: statuses are set directly, not through the workflow.
            Assessment.objects.filter(pk=assessment.pk).update(
                status=status or STATUS_2026[code]
            )
            if year in TOTALS[code]:
                make_score(assessment, D(TOTALS[code][year]), final=final)
        if final:
            years[year] = catalogue_close(catalogue=catalogue, actor=None)
    return years
