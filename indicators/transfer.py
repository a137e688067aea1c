"""Reading, importing and exporting catalogue files (XLSX, CSV, YAML).

Files are checked before they are parsed (size, real format), parsed into a
``tablib.Dataset`` with the columns of ``IndicatorResource``, and imported in one
transaction that is rolled back on any problem.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import tablib
import yaml
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from import_export.results import Result

from accounts import access
from accounts.models import User
from indicators.models import CATALOGUE_IDENTITY, CATALOGUE_SETTINGS, Catalogue
from indicators.resources import (
    CATALOGUE_SHEET,
    COLUMN_OF_ATTRIBUTE,
    COLUMNS,
    IndicatorResource,
)
from indicators.services import catalogue_create, ensure_editable
from indicators.sheets import (
    CatalogueFileError,
    SheetLayout,
    read_csv,
    read_xlsx,
    row_in_sheet,
)
from kernel import yamlfiles

FORMATS = ("xlsx", "csv", "yaml")
__all__ = ["CatalogueFileError", "import_problems", "read_dataset"]


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = _("baris %(row)d") % {"row": self.row} if self.row else _("berkas")
        return _("%(where)s, kolom %(column)s: %(message)s") % {
            "where": where,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True, kw_only=True)
class ImportResult:
    """What an all-or-nothing import reports: its problems, or how many rows it wrote."""

    problems: list[Problem]
    new: int
    updated: int

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, kw_only=True)
class ImportOutcome(ImportResult):
    catalogue: Catalogue


# ---------------------------------------------------------------- reading


def check_size(size: int) -> None:
    limit = settings.IMPORT_MAX_FILE_MB
    if size > limit * 1024 * 1024:
        raise CatalogueFileError(
            _("Berkas terlalu besar (%(size).1f MB); batasnya %(limit)d MB.")
            % {"size": size / 1024 / 1024, "limit": limit}
        )
    if size == 0:
        raise CatalogueFileError(_("Berkas kosong."))


def check_unpacked_size(stream: Any) -> None:
    """Refuse a ZIP (XLSX) that would inflate past IMPORT_MAX_UNPACKED_MB: a few
    kilobytes can unpack to gigabytes ("ZIP bomb"). Other files pass unchanged."""
    limit = settings.IMPORT_MAX_UNPACKED_MB
    try:
        if not zipfile.is_zipfile(stream):
            return
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable archive: the format check refuses it next
    finally:
        stream.seek(0)
    if unpacked > limit * 1024 * 1024:
        raise CatalogueFileError(
            _(
                "Isi berkas terlalu besar setelah dibuka (%(size).0f MB); batasnya %(limit)d MB."
            )
            % {"size": unpacked / 1024 / 1024, "limit": limit}
        )


def read_dataset(
    content: bytes, fmt: str, layout: SheetLayout = CATALOGUE_SHEET
) -> tablib.Dataset:
    """Parse XLSX or CSV bytes into rows, refusing what is not really that format.

    ``layout`` (the catalogue's unless given) tells the reader which columns make
    the header and which hold codes (indicators.sheets)."""
    check_size(len(content))
    if fmt == "xlsx":
        check_unpacked_size(io.BytesIO(content))
        if not zipfile.is_zipfile(io.BytesIO(content)):
            raise CatalogueFileError(
                _(
                    "Berkas ini bukan XLSX yang sah (mungkin format lain yang diganti namanya)."
                )
            )
        read: Any = read_xlsx
    elif fmt == "csv":
        try:
            content = content.decode("utf-8-sig")  # type: ignore[assignment]
        except UnicodeDecodeError:
            raise CatalogueFileError(_("Berkas CSV harus berenkode UTF-8.")) from None
        read = read_csv
    else:
        raise CatalogueFileError(_("Format %(fmt)s tidak didukung.") % {"fmt": fmt})
    try:
        dataset = read(content, layout)
    except CatalogueFileError:
        raise
    except Exception:
        raise CatalogueFileError(
            _("Berkas tidak dapat dibaca sebagai %(fmt)s.") % {"fmt": fmt.upper()}
        ) from None
    if not dataset.headers or len(dataset) == 0:
        raise CatalogueFileError(_("Berkas tidak berisi baris data."))
    return dataset


def read_yaml(content: bytes) -> tuple[dict[str, Any], tablib.Dataset]:
    """A whole catalogue: its settings and a dataset of its indicators."""
    check_size(len(content))
    try:
        data = yamlfiles.safe_load(content)
    except yaml.YAMLError:
        raise CatalogueFileError(_("Berkas YAML tidak dapat dibaca.")) from None
    if not isinstance(data, dict) or not {
        "catalogue",
        "categories",
        "indicators",
    } <= set(data):
        raise CatalogueFileError(
            _("Berkas YAML harus memuat bagian catalogue, categories, dan indicators.")
        )
    categories = {str(c.get("code")): c for c in data["categories"] or []}
    dataset = tablib.Dataset(headers=list(COLUMNS))
    for item in data["indicators"] or []:
        category = categories.get(str(item.get("category")), {})
        dataset.append(
            [
                category.get("code", item.get("category")),
                category.get("name"),
                category.get("group"),
                category.get("order"),
                item.get("code"),
                item.get("order"),
                item.get("type"),
                item.get("text"),
                item.get("unit"),
                item.get("answer_kind"),
                item.get("weight"),
                _pairs(item.get("options"), "label"),
                item.get("target"),
                _pairs(item.get("bands"), "min"),
                item.get("evidence_required", True),
                item.get("evidence_description"),
                item.get("responsible_agency"),
                item.get("help_text"),
            ]
        )
    meta = dict(data["catalogue"])
    meta["_descriptions"] = {
        code: c.get("description", "") for code, c in categories.items()
    }
    return meta, dataset


def _pairs(items: Any, key: str) -> str:
    return " | ".join(f"{i[key]}={i['score']}" for i in items or [])


# ---------------------------------------------------------------- importing


def import_problems(
    result: Result, columns: dict[str, str] | None = None
) -> list[Problem]:
    """Every problem of an import result as (row, column, message).

    ``columns`` maps model attributes to the spreadsheet's column names.
    """
    columns = COLUMN_OF_ATTRIBUTE if columns is None else columns
    rows = getattr(result, "sheet_rows", None)

    def sheet_row(number: int) -> int:
        return row_in_sheet(rows, number)

    problems = [Problem(None, "—", _message(e.error)) for e in result.base_errors]
    for error_row in result.error_rows:
        problems += [
            Problem(sheet_row(error_row.number), "—", _message(e.error))
            for e in error_row.errors
        ]
    for invalid in result.invalid_rows:
        for name, messages in invalid.field_specific_errors.items():
            column = columns.get(name, name)
            problems += [
                Problem(sheet_row(invalid.number), column, m) for m in messages
            ]
        problems += [
            Problem(sheet_row(invalid.number), "—", m)
            for m in invalid.non_field_specific_errors
        ]
    return problems


def _message(error: Any) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return _("Baris tidak dapat disimpan (%(error)s).") % {"error": error}


def _require_admin(actor: User | None) -> None:
    if actor is not None and not access.is_administrator(actor):
        raise PermissionDenied(_("Hanya administrator yang dapat mengimpor katalog."))


def import_all_or_nothing(resource, dataset: tablib.Dataset, *, dry_run: bool):
    """django-import-export in one transaction that any invalid row rolls back; the
    problems come back in the result instead of being raised."""
    return resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )


def catalogue_import(
    *, catalogue: Catalogue, dataset: tablib.Dataset, actor: User | None, dry_run: bool
) -> ImportOutcome:
    """Upsert indicators by code into a draft; any problem rolls everything back."""
    _require_admin(actor)
    ensure_editable(catalogue)
    result = import_all_or_nothing(
        IndicatorResource(catalogue=catalogue), dataset, dry_run=dry_run
    )
    return ImportOutcome(
        catalogue=catalogue,
        problems=import_problems(result),
        new=result.totals.get("new", 0),
        updated=result.totals.get("update", 0),
    )


_META_FIELDS = (
    "data_year",
    "title",
    "legal_basis",
    "is_sample",
    *CATALOGUE_SETTINGS,
    *CATALOGUE_IDENTITY,
)


@transaction.atomic
def catalogue_import_yaml(*, content: bytes, actor: User | None) -> ImportOutcome:
    """Create (or refill a draft of) the catalogue a YAML file describes."""
    _require_admin(actor)
    meta, dataset = read_yaml(content)
    descriptions = meta.pop("_descriptions")
    year = meta.get("year")
    if not isinstance(year, int):
        raise CatalogueFileError(_("catalogue.year harus berupa tahun (angka)."))
    settings_ = {k: meta[k] for k in _META_FIELDS if k in meta}
    catalogue = Catalogue.objects.filter(year=year).first()
    if catalogue is None:
        catalogue = catalogue_create(actor=actor, year=year, **settings_)
    else:
        ensure_editable(catalogue)
        for key, value in settings_.items():
            setattr(catalogue, key, value)
        catalogue.full_clean()
        catalogue.save()
    outcome = catalogue_import(
        catalogue=catalogue, dataset=dataset, actor=actor, dry_run=False
    )
    if not outcome.ok:
        transaction.set_rollback(True)
        return outcome
    for category in catalogue.categories.all():
        category.description = descriptions.get(category.code, "")
        category.save(update_fields=["description"])
    return outcome


# ---------------------------------------------------------------- exporting


def export_dataset(catalogue: Catalogue) -> tablib.Dataset:
    return IndicatorResource(catalogue=catalogue).export()


def export_bytes(catalogue: Catalogue, fmt: str) -> bytes:
    """The catalogue in one of FORMATS; sample catalogues say so inside the file."""
    if fmt == "yaml":
        return _export_yaml(catalogue).encode("utf-8")
    dataset = export_dataset(catalogue)
    if fmt == "xlsx":
        return base_formats.XLSX().export_data(dataset)
    if fmt == "csv":
        return base_formats.CSV().export_data(dataset).encode("utf-8-sig")
    raise CatalogueFileError(_("Format %(fmt)s tidak didukung.") % {"fmt": fmt})


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _export_yaml(catalogue: Catalogue) -> str:
    meta = {
        "year": catalogue.year,
        **{k: _plain(getattr(catalogue, k)) for k in _META_FIELDS},
    }
    categories = [
        {
            "code": c.code,
            "group": c.group,
            "order": c.order,
            "name": c.name,
            "description": c.description,
        }
        for c in catalogue.categories.all()
    ]
    indicators = [
        {
            "code": i.code,
            "category": i.category.code,
            "order": i.order,
            "type": i.type,
            "text": i.text,
            "unit": i.unit,
            "answer_kind": i.answer_kind,
            "weight": _plain(i.weight),
            "options": i.options,
            "target": _plain(i.target),
            "bands": i.bands,
            "evidence_required": i.evidence_required,
            "evidence_description": i.evidence_description,
            "responsible_agency": i.responsible_agency_type.code
            if i.responsible_agency_type
            else None,
            "help_text": i.help_text,
        }
        for i in catalogue.indicators.select_related(
            "category", "responsible_agency_type"
        )
    ]
    header = f"# {catalogue.sample_label}\n" if catalogue.is_sample else ""
    body = yaml.safe_dump(
        {"catalogue": meta, "categories": categories, "indicators": indicators},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return header + body
