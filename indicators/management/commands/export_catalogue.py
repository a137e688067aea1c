"""manage.py export_catalogue YEAR --format xlsx|csv|yaml --output FILE."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.models import Catalogue
from indicators.transfer import FORMATS, export_bytes


class Command(BaseCommand):
    help = "Export a catalogue; the file can be imported again unchanged."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("--format", choices=FORMATS, default="yaml")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args: object, **options: object) -> None:
        catalogue = Catalogue.objects.filter(year=options["year"]).first()
        if catalogue is None:
            raise CommandError(f"Katalog tahun {options['year']} tidak ada.")
        output: Path = options["output"]  # type: ignore[assignment]
        output.write_bytes(export_bytes(catalogue, str(options["format"])))
        self.stdout.write(self.style.SUCCESS(f"Ditulis: {output}"))
