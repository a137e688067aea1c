"""manage.py load_regions: load the committed Kemendagri fixture (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from regions.services import regions_load


class Command(BaseCommand):
    help = "Load the 38 provinces, 514 kabupaten/kota and the OPD template list."

    def handle(self, *args: object, **options: object) -> None:
        result = regions_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Wilayah dimuat: {result.provinces} provinsi, {result.regencies} "
                f"kabupaten/kota, {result.agency_types} jenis OPD."
            )
        )
