"""What another programme adds to KKPHAM pages, without ``reporting`` importing it.

Aksi HAM fills these from ``AksiHamConfig.ready()``: the bonus its yearly score earns
(offered in the Kanwil's review console) and its section of the scorecard. With no
programme installed the console offers no bonus and the scorecard has no section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from exports.document import Table
from kernel.errors import Refusal


@dataclass(frozen=True)
class BonusSource:
    offer: Callable[[Any], Any | None]  # assessment → an offer to show, or None
    apply: Callable[..., Any]  # (assessment=, actor=) → the recorded Adjustment


@dataclass(frozen=True)
class ScorecardSection:
    title: str
    table: Table
    note: str = ""


BONUS_SOURCES: list[BonusSource] = []
SCORECARD_SECTIONS: list[Callable[[str, int], ScorecardSection]] = []


def bonus_offer(assessment) -> Any | None:
    """The first offer a bonus source makes for this assessment, or None."""
    for source in BONUS_SOURCES:
        offer = source.offer(assessment)
        if offer is not None:
            return offer
    return None


def bonus_apply(*, assessment, actor):
    """Record the bonus of the first source that offers one; its refusal otherwise."""
    if not BONUS_SOURCES:
        raise Refusal(_("Tidak ada program yang memberi bonus."))
    source = next((s for s in BONUS_SOURCES if s.offer(assessment)), BONUS_SOURCES[0])
    return source.apply(assessment=assessment, actor=actor)


def scorecard_sections(regency_code: str, year: int) -> list[ScorecardSection]:
    return [section(regency_code, year) for section in SCORECARD_SECTIONS]
