"""manage.py import_action_plan FILE --year N: load an Aksi HAM plan (YAML, XLSX, CSV)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from aksiham.models import ActionPlan
from aksiham.services.plans import plan_open
from aksiham.transfer import plan_import, plan_import_yaml, read_plan_dataset
from kernel.errors import Refusal, refusal_messages


class Command(BaseCommand):
    help = (
        "Import an Aksi HAM plan. YAML files carry the plan's settings; XLSX and CSV "
        "files fill the draft kab/kota plan of --year. Nothing is saved on any error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--open", action="store_true", help="open it afterwards")
        parser.add_argument(
            "--skip-existing",
            action="store_true",
            help="do nothing if the year already has an open kab/kota plan",
        )

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["path"]  # type: ignore[assignment]
        year: int = options["year"]  # type: ignore[assignment]
        existing = ActionPlan.objects.filter(
            year=year, level=ActionPlan.Level.REGENCY
        ).first()
        if options["skip_existing"] and existing and existing.status != "draft":
            self.stdout.write(f"Rencana Aksi HAM {year} sudah dibuka; dilewati.")
            return
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {exc}") from exc
        suffix = path.suffix.lower().lstrip(".")
        try:
            if suffix in ("yaml", "yml"):
                outcome = plan_import_yaml(content=content, actor=None, year=year)
            else:
                if existing is None:
                    raise CommandError(f"Buat dahulu rencana draf tahun {year}.")
                outcome = plan_import(
                    plan=existing,
                    dataset=read_plan_dataset(content, suffix),
                    actor=None,
                    dry_run=False,
                )
            if not outcome.ok:
                raise CommandError(
                    "Impor dibatalkan:\n" + "\n".join(str(p) for p in outcome.problems)
                )
            if options["open"]:
                plan_open(plan=outcome.plan, actor=None)
        except (ValidationError, Refusal) as exc:
            raise CommandError("\n".join(refusal_messages(exc))) from exc
        self.stdout.write(
            f"{outcome.plan}: {outcome.new} aksi baru, {outcome.updated} diperbarui."
        )
