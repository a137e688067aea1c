"""Action plans in and out of files: XLSX/CSV through the resource, YAML for fixtures.

The readers and the problem list are the catalogue's (indicators.transfer), so both
imports refuse the same broken files with the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass

import tablib
import yaml
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from accounts.models import User
from aksiham.models import ActionPlan, Generation
from aksiham.resources import COLUMN_OF_ATTRIBUTE, COLUMNS, PLAN_SHEET, ActionResource
from aksiham.services.plans import _require_admin, plan_ensure_editable
from indicators.transfer import (
    CatalogueFileError,
    ImportResult,
    check_size,
    import_all_or_nothing,
    import_problems,
    read_dataset,
)
from kernel import yamlfiles


@dataclass(frozen=True, kw_only=True)
class PlanImportOutcome(ImportResult):
    plan: ActionPlan


def read_plan_dataset(content: bytes, fmt: str) -> tablib.Dataset:
    """An XLSX or CSV plan, read as the catalogue is (indicators.sheets)."""
    return read_dataset(content, fmt, PLAN_SHEET)


def plan_import(
    *, plan: ActionPlan, dataset: tablib.Dataset, actor: User | None, dry_run: bool
) -> PlanImportOutcome:
    """Upsert actions by number into a draft plan; any problem saves nothing."""
    _require_admin(actor)
    plan_ensure_editable(plan)
    result = import_all_or_nothing(ActionResource(plan=plan), dataset, dry_run=dry_run)
    return PlanImportOutcome(
        plan=plan,
        problems=import_problems(result, COLUMN_OF_ATTRIBUTE),
        new=result.totals.get("new", 0),
        updated=result.totals.get("update", 0),
    )


_META_FIELDS = (
    "title",
    "legal_basis",
    "is_sample",
    "substance_weight",
    "missing_period",
)


def read_plan_yaml(content: bytes) -> tuple[dict, tablib.Dataset]:
    check_size(len(content))
    try:
        data = yamlfiles.safe_load(content)
    except yaml.YAMLError:
        raise CatalogueFileError(_("Berkas YAML tidak dapat dibaca.")) from None
    if not isinstance(data, dict) or not {"plan", "actions"} <= set(data):
        raise CatalogueFileError(_("Berkas YAML harus memuat bagian plan dan actions."))
    dataset = tablib.Dataset(headers=list(COLUMNS))
    for item in data["actions"] or []:
        groups = item.get("target_groups") or []
        dataset.append(
            [
                item.get("number"),
                item.get("title"),
                ", ".join(groups) if isinstance(groups, list) else groups,
                item.get("success_measure"),
                item.get("evidence_required"),
                item.get("dki_reports", False),
                item.get("responsible_agency"),
            ]
        )
    return dict(data["plan"]), dataset


@transaction.atomic
def plan_import_yaml(
    *, content: bytes, actor: User | None, year: int | None = None
) -> PlanImportOutcome:
    """Create (or refill a draft of) the plan a YAML file describes."""
    _require_admin(actor)
    meta, dataset = read_plan_yaml(content)
    year = year or meta.get("year")
    level = meta.get("level", ActionPlan.Level.REGENCY)
    if not isinstance(year, int):
        raise CatalogueFileError(_("plan.year harus berupa tahun (angka)."))
    if level not in ActionPlan.Level.values:
        raise CatalogueFileError(
            _("plan.level harus salah satu dari: %(v)s.")
            % {"v": ", ".join(ActionPlan.Level.values)}
        )
    values = {k: meta[k] for k in _META_FIELDS if k in meta}
    generation = _generation_of(meta.get("generation"), year)
    if generation is not None:
        values["generation"] = generation
    plan, _created = ActionPlan.objects.get_or_create(
        year=year, level=level, defaults={"title": values.get("title", "")}
    )
    plan_ensure_editable(plan)
    for key, value in values.items():
        setattr(plan, key, value)
    plan.full_clean()
    plan.save()
    outcome = plan_import(plan=plan, dataset=dataset, actor=actor, dry_run=False)
    if not outcome.ok:
        transaction.set_rollback(True)
    return outcome


def _generation_of(data: object, year: int) -> Generation | None:
    """The generation a file names, if its years include the plan's year.

    A file may be imported for another year (the sample plan is); a generation that
    does not cover that year is not the plan's legal basis, so none is set.
    """
    if data is None:
        return None
    keys = ("name", "regulation", "start_year", "end_year")
    if not isinstance(data, dict) or not set(keys) <= set(data):
        raise CatalogueFileError(
            _("plan.generation harus memuat name, regulation, start_year, end_year.")
        )
    start, end = data["start_year"], data["end_year"]
    if not (isinstance(start, int) and isinstance(end, int) and start <= end):
        raise CatalogueFileError(
            _("plan.generation: start_year dan end_year harus tahun berurutan.")
        )
    if not start <= year <= end:
        return None
    generation, _created = Generation.objects.get_or_create(
        regulation=str(data["regulation"]),
        start_year=start,
        end_year=end,
        defaults={
            "name": str(data["name"]),
            "is_sample": bool(data.get("is_sample", False)),
        },
    )
    return generation


def plan_export_bytes(plan: ActionPlan, fmt: str) -> bytes:
    dataset = ActionResource(plan=plan).export()
    if fmt == "xlsx":
        return base_formats.XLSX().export_data(dataset)
    if fmt == "csv":
        return base_formats.CSV().export_data(dataset).encode("utf-8-sig")
    raise CatalogueFileError(_("Format %(fmt)s tidak didukung.") % {"fmt": fmt})
