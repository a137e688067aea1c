"""Checking a restored portal: schema, row counts, and every stored file's bytes.

Used by ``manage.py check_restore`` after a restore (and at backup time to write
the manifest of row counts that the restore is compared with).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import FileField, Model

CHUNK = 1024 * 1024


@dataclass
class RestoreReport:
    counts: dict[str, int] = field(default_factory=dict)
    files_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Migrations the code has that the database has not applied."""
    executor = MigrationExecutor(connections[alias])
    targets = executor.loader.graph.leaf_nodes()
    return [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(targets)]


def table_counts() -> dict[str, int]:
    """Rows per table of every installed model (history tables included)."""
    return {
        # The base manager: every row, removed evidence included.
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _file_models() -> list[tuple[type[Model], str]]:
    """Models whose stored files carry their size and SHA-256 (evidence, letters)."""
    found = []
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        if {"size", "sha256"} <= names:
            found += [
                (model, f.name)
                for f in model._meta.get_fields()
                if isinstance(f, FileField)
            ]
    return found


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def file_problems(report: RestoreReport) -> None:
    """Every stored file exists with the size and SHA-256 recorded at upload."""
    for model, name in _file_models():
        label = model._meta.label
        rows = model._base_manager.only("pk", name, "size", "sha256")
        if any(f.name == "purged_at" for f in model._meta.get_fields()):
            # Removed evidence keeps its bytes until purged; purged rows have none.
            rows = rows.filter(purged_at=None)
        for row in rows.iterator():
            stored = getattr(row, name)
            report.files_checked += 1
            where = f"{label} {row.pk} ({stored.name})"
            if not stored.name or not stored.storage.exists(stored.name):
                report.problems.append(f"{where}: berkas tidak ada")
                continue
            size = stored.storage.size(stored.name)
            if size != row.size:
                report.problems.append(
                    f"{where}: ukuran {size} bita, tercatat {row.size}"
                )
                continue
            with stored.storage.open(stored.name, "rb") as handle:
                if _sha256(handle) != row.sha256:
                    report.problems.append(f"{where}: SHA-256 tidak cocok")


def check_restore(*, manifest: Path | None = None) -> RestoreReport:
    """Schema up to date, counts as in the backup's manifest, every file intact."""
    report = RestoreReport()
    for migration in pending_migrations():
        report.problems.append(f"migrasi belum diterapkan: {migration}")
    report.counts = table_counts()
    if manifest is not None:
        expected = json.loads(manifest.read_text())["counts"]
        for table, count in sorted(expected.items()):
            found = report.counts.get(table)
            if found != count:
                report.problems.append(
                    f"tabel {table}: {found} baris, cadangan mencatat {count}"
                )
    file_problems(report)
    return report


def write_manifest(path: Path) -> dict[str, int]:
    """At backup time: the row counts that a restore must reproduce."""
    counts = table_counts()
    path.write_text(json.dumps({"counts": counts}, indent=1, sort_keys=True))
    return counts
