"""The export kinds. A new kind is one entry here, one template and one builder.

Each kind says what it needs (nothing, a province, a kab/kota), who may have it
(the target's scope rule), its formats, and how it is made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts import access
from accounts.models import User
from aksiham import exports as aksiham_exports
from reporting.exports import documents
from reporting.exports.document import Document
from reporting.exports.evidence_zip import write_evidence_zip
from reporting.models_exports import ExportJob

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
    template: str = ""  # PDF template under templates/reporting/pdf/
    builder: Callable[[ExportJob], Document] | None = None
    writer: Callable[[ExportJob, BinaryIO, Callable[[int], None]], None] | None = None
    slug: str = ""  # start of the download's file name (Indonesian, stable)
    programme: str = "kkpham"  # which pages offer it: kkpham | aksiham

    def file_stem(self, job: ExportJob) -> str:
        """e.g. peringkat-nasional-2026, kartu-nilai-33.73-2026."""
        where = job.regency_id or job.province_id or ""
        parts = (self.slug or self.code, where, str(job.catalogue.year))
        return "-".join(p for p in parts if p)


KINDS: dict[str, ExportKind] = {
    kind.code: kind
    for kind in [
        ExportKind(
            "ranking_national",
            _("Peringkat nasional"),
            Target.NATIONAL,
            (F.PDF, F.XLSX),
            "reporting/pdf/ranking_national.html",
            documents.ranking_national,
            slug="peringkat-nasional",
        ),
        ExportKind(
            "ranking_province",
            _("Peringkat provinsi"),
            Target.PROVINCE,
            (F.PDF, F.XLSX),
            "reporting/pdf/ranking_province.html",
            documents.ranking_province,
            slug="peringkat-provinsi",
        ),
        ExportKind(
            "award_list",
            _("Daftar kabupaten/kota berpredikat"),
            Target.ANY_PROVINCE,
            (F.PDF, F.XLSX),
            "reporting/pdf/award_list.html",
            documents.award_list,
            slug="daftar-berpredikat",
        ),
        ExportKind(
            "pembina_list",
            _("Daftar provinsi pembina"),
            Target.NATIONAL,
            (F.PDF, F.XLSX),
            "reporting/pdf/pembina_list.html",
            documents.pembina_list,
            slug="provinsi-pembina",
        ),
        ExportKind(
            "scorecard",
            _("Kartu nilai kabupaten/kota"),
            Target.REGENCY,
            (F.PDF, F.XLSX),
            "reporting/pdf/scorecard.html",
            documents.scorecard,
            slug="kartu-nilai",
        ),
        ExportKind(
            "aksiham_recap",
            _("Rekap pelaporan Aksi HAM"),
            Target.ANY_PROVINCE,
            (F.PDF, F.XLSX),
            "aksiham/pdf/recap.html",
            aksiham_exports.recap,
            slug="rekap-aksi-ham",
            programme="aksiham",
        ),
        ExportKind(
            "evidence_zip",
            _("Data dukung kabupaten/kota (ZIP)"),
            Target.REGENCY,
            (F.ZIP,),
            writer=write_evidence_zip,
            slug="data-dukung",
        ),
    ]
}


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
