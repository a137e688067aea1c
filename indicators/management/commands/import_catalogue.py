"""manage.py import_catalogue FILE: load a catalogue from YAML, XLSX or CSV."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.models import Catalogue
from indicators.services import catalogue_open
from indicators.transfer import (
    catalogue_import,
    catalogue_import_yaml,
    read_dataset,
    read_yaml,
)


class Command(BaseCommand):
    help = (
        "Import a catalogue. YAML files carry the catalogue's settings; XLSX and CSV "
        "files fill the draft catalogue given by --year. Nothing is saved on any error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--year", type=int, help="draft catalogue for XLSX/CSV")
        parser.add_argument("--open", action="store_true", help="open it afterwards")
        parser.add_argument(
            "--skip-existing",
            action="store_true",
            help="do nothing if the file's year already has a non-draft catalogue",
        )

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["path"]  # type: ignore[assignment]
        suffix = path.suffix.lower().lstrip(".")
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {exc}") from exc
        try:
            if suffix in ("yaml", "yml"):
                year = read_yaml(content)[0].get("year")
                existing = Catalogue.objects.filter(year=year).first()
                if options["skip_existing"] and existing and not existing.is_editable:
                    self.stdout.write(
                        f"Katalog {year} sudah {existing.get_status_display()}; dilewati."
                    )
                    return
                outcome = catalogue_import_yaml(content=content, actor=None)
            else:
                catalogue = Catalogue.objects.filter(year=options["year"]).first()
                if catalogue is None:
                    raise CommandError("Sebutkan --year katalog draf tujuan impor.")
                outcome = catalogue_import(
                    catalogue=catalogue,
                    dataset=read_dataset(content, suffix),
                    actor=None,
                    dry_run=False,
                )
            if not outcome.ok:
                for problem in outcome.problems:
                    self.stderr.write(str(problem))
                raise CommandError(
                    f"Impor dibatalkan: {len(outcome.problems)} masalah; tidak ada yang disimpan."
                )
            catalogue = outcome.catalogue
            if options["open"]:
                catalogue = catalogue_open(catalogue=catalogue, actor=None)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Katalog {catalogue.year}: {outcome.new} indikator baru, {outcome.updated} "
                f"diperbarui; status {catalogue.get_status_display()}."
            )
        )
        if catalogue.is_sample:
            self.stdout.write(
                self.style.WARNING(
                    "CONTOH — bukan teks resmi Lampiran Permenkumham 22/2021"
                )
            )
