"""The export framework's registry: kinds of document, who may ask for which.

Each programme registers its kinds from its own app (``reporting.exports.kinds``,
``aksiham.exports``); this module knows none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.functional import Promise

from accounts import access
from accounts.models import User
from exports.document import Document
from exports.models import ExportJob
from regions.models import Province

F = ExportJob.Format


class Target:
    """What a kind is about, which decides who may request and download it."""

    NATIONAL = "national"  # the whole country: ministry only
    PROVINCE = "province"  # one province: the ministry or that province's Kanwil
    ANY_PROVINCE = "any_province"  # national (ministry) or one province (its Kanwil)
    REGENCY = "regency"  # one kab/kota: ministry, its Kanwil, its coordinator


@dataclass(frozen=True)
class ExportKind:
    code: str
    label: Promise
    target: str
    formats: tuple[str, ...]
    template: str = ""  # the PDF template (templates/<programme>/pdf/...)
    builder: Callable[[ExportJob], Document] | None = None
    writer: Callable[[ExportJob, BinaryIO, Callable[[int], None]], None] | None = None
    slug: str = ""  # start of the download's file name (Indonesian, stable)
    programme: str = "kkpham"  # which pages offer it: kkpham | aksiham
    # Why this year/target cannot have the document (e.g. no score yet), or None.
    refusal: Callable[..., str | None] | None = None
    # Its PDF may be rendered in parts along the rows of its first table (long
    # rankings); the template shows the introduction on the first part only.
    splittable: bool = False

    def file_stem(self, job: ExportJob) -> str:
        """e.g. peringkat-nasional-2026, kartu-nilai-33.73-2026."""
        where = job.regency_id or job.province_id or ""
        parts = (self.slug or self.code, where, str(job.catalogue.year))
        return "-".join(p for p in parts if p)


KINDS: dict[str, ExportKind] = {}


def register(*kinds: ExportKind) -> None:
    """Offer these kinds; each programme calls this from its AppConfig.ready()."""
    for kind in kinds:
        if kind.code in KINDS and KINDS[kind.code] != kind:
            raise ValueError(f"export kind {kind.code!r} registered twice")
        KINDS[kind.code] = kind


def get_kind(code: str) -> ExportKind | None:
    return KINDS.get(code)


def may_have(
    user: User, kind: ExportKind, *, province_code: str = "", regency=None
) -> bool:
    """Whether the user's current roles cover this kind for this target."""
    scope = access.scope_of(user)
    if scope.national:
        return True
    if kind.target == Target.NATIONAL:
        return False
    if kind.target in (Target.PROVINCE, Target.ANY_PROVINCE):
        return bool(province_code) and province_code in scope.province_codes
    if kind.target == Target.REGENCY and regency is not None:
        return (
            regency.province_id in scope.province_codes
            or regency.code in scope.regency_codes
        )
    return False


def kinds_for(user: User) -> list[ExportKind]:
    """Kinds the user may ask for somewhere in their scope (for menus and forms)."""
    scope = access.scope_of(user)
    if scope.national:
        return list(KINDS.values())
    out = []
    for kind in KINDS.values():
        if (
            kind.target in (Target.PROVINCE, Target.ANY_PROVINCE)
            and scope.province_codes
        ) or (
            kind.target == Target.REGENCY
            and (scope.province_codes or scope.regency_codes)
        ):
            out.append(kind)
    return out


def offers_for(
    user: User,
    *,
    year: int,
    province_code: str = "",
    regency=None,
    programme: str = "kkpham",
) -> list[dict]:
    """Buttons for a page: each kind the user may have for this page's target."""
    offers = []
    for kind in KINDS.values():
        if kind.programme != programme:
            continue
        if (kind.target == Target.REGENCY) != (regency is not None):
            continue
        if kind.target == Target.PROVINCE and not province_code:
            continue
        if kind.target == Target.NATIONAL and province_code:
            continue
        if may_have(user, kind, province_code=province_code, regency=regency):
            offers.append(
                {
                    "kind": kind.code,
                    "label": kind.label,
                    "formats": kind.formats,
                    "year": year,
                    "province": province_code if kind.target != Target.REGENCY else "",
                    "regency": regency.code if regency is not None else "",
                }
            )
    return offers


def offers_in_scope(
    user: User, *, year: int, province_code: str = "", programme: str = "kkpham"
) -> list[dict]:
    """Buttons for a page of provinces: the chosen province, the nation for national
    staff, or each province the verifier's Kanwil covers today (each button then
    names its province)."""
    scope = access.scope_of(user)
    if province_code:
        codes = [province_code]
    elif scope.national:
        codes = [""]
    else:
        codes = sorted(scope.province_codes)
    names = dict(Province.objects.filter(code__in=codes).values_list("code", "name"))
    offers = []
    for code in codes:
        for offer in offers_for(
            user, year=year, province_code=code, programme=programme
        ):
            if len(codes) > 1:
                offer["label"] = f"{offer['label']} · {names.get(code, code)}"
            offers.append(offer)
    return offers
