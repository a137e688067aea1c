"""manage.py check_restore: is this restored portal whole? Exit code 1 if not."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.restore import check_restore, write_manifest


class Command(BaseCommand):
    help = (
        "After a restore: migrations applied, row counts per table (compared with the "
        "backup's manifest if given), every evidence and approval file present with "
        "its recorded size and SHA-256. --write-manifest FILE records the counts at "
        "backup time instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--manifest", type=Path, help="counts written at backup")
        parser.add_argument("--write-manifest", type=Path, metavar="FILE")

    def handle(self, *args: object, **options: object) -> None:
        if options["write_manifest"]:
            counts = write_manifest(options["write_manifest"])  # type: ignore[arg-type]
            self.stdout.write(
                f"Manifes ditulis: {len(counts)} tabel, {sum(counts.values())} baris."
            )
            return
        report = check_restore(manifest=options["manifest"])  # type: ignore[arg-type]
        for table, count in sorted(report.counts.items()):
            self.stdout.write(f"{table}: {count}")
        self.stdout.write(f"Berkas diperiksa: {report.files_checked}")
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"MASALAH: {problem}")
            raise CommandError(f"Pemulihan tidak utuh: {len(report.problems)} masalah.")
        self.stdout.write(self.style.SUCCESS("Pemulihan utuh: tidak ada masalah."))
