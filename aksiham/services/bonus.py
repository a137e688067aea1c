"""The Aksi HAM result offered to KKPHAM scoring as the bonus input.

An assessment of year N looks at data of year N−1 (the catalogue's data year), so
the Aksi HAM score offered is that of the data year. Points = the catalogue's bonus
limit × yearly score / 100; the assessor decides whether to add it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from aksiham.services.scoring import YearlyScore, round2, yearly_score
from kernel.errors import Refusal
from reporting.models import Adjustment, Assessment
from reporting.services.central import adjustment_add

BASIS = "Nilai Aksi HAM %(year)s: %(score)s. %(explain)s"


@dataclass(frozen=True)
class BonusOffer:
    yearly: YearlyScore
    points: Decimal

    @property
    def basis(self) -> str:
        """The written basis, always in Indonesian: it is part of the official record,
        whatever language the assessor reads the console in."""
        with translation.override("id"):
            return BASIS % {
                "year": self.yearly.year,
                "score": str(self.yearly.score).replace(".", ","),
                "explain": self.yearly.explain(),
            }


def bonus_offer(assessment: Assessment) -> BonusOffer | None:
    catalogue = assessment.catalogue
    yearly = yearly_score(regency_code=assessment.regency_id, year=catalogue.data_year)
    if yearly.score is None:
        return None
    return BonusOffer(yearly, round2(catalogue.bonus_max * yearly.score / 100))


def bonus_apply(*, assessment: Assessment, actor: User) -> Adjustment:
    offer = bonus_offer(assessment)
    if offer is None:
        raise Refusal(_("Belum ada nilai Aksi HAM untuk tahun data ini."))
    if offer.points <= 0:
        raise Refusal(
            _("Batas bonus katalog ini 0; ubah pengaturan katalog terlebih dahulu.")
        )
    marker = BASIS.split(":")[0] % {"year": offer.yearly.year}
    if assessment.adjustments.filter(basis__startswith=marker).exists():
        raise Refusal(_("Bonus Aksi HAM sudah ditambahkan."))
    return adjustment_add(
        assessment=assessment,
        kind=Adjustment.Kind.BONUS,
        points=offer.points,
        basis=offer.basis,
        actor=actor,
    )
