"""manage.py load_demo: the demo cast and demo reporting data (refused unless DEMO_DATA_ALLOWED)."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, demo_load
from accounts.models import User
from aksiham.demo import demo_aksiham_load
from reporting.demo import DEMO_DEADLINE_DAYS, demo_case_load, demo_reporting_load
from reporting.demo_history import DEMO_TOTALS, demo_history_load


class Command(BaseCommand):
    help = "Create or refresh demo accounts for every role and open the sample year (never in production)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--password", default=DEMO_PASSWORD)

    def handle(self, *args: object, **options: str) -> None:
        try:
            with transaction.atomic():
                accounts = demo_load(password=options["password"])
                opened = demo_reporting_load()
                plan = demo_aksiham_load()
                ministry = User.objects.get(username="demo.kementerian")
                past = demo_history_load(publisher=ministry)
                case = demo_case_load(registrar=ministry)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.WARNING("DATA DEMO — bukan data resmi."))
        if opened:
            self.stdout.write(
                f"Penilaian contoh dibuka untuk {opened} kabupaten/kota "
                f"(batas {DEMO_DEADLINE_DAYS} hari lagi)."
            )
        if plan is not None:
            self.stdout.write(
                f"Rencana Aksi HAM contoh {plan.year}: {plan.actions.count()} aksi."
            )
        if past:
            self.stdout.write(
                f"Riwayat contoh: {past} tahun lalu bernilai untuk "
                f"{len(DEMO_TOTALS)} kabupaten/kota (katalog CONTOH)."
            )
        if case is not None:
            self.stdout.write(f"Register kasus: 1 kasus CONTOH ({case.reference}).")
        self.stdout.write(f"Kata sandi semua akun demo: {options['password']}")
        for account in accounts:
            scope = account.regency or account.office or "nasional"
            self.stdout.write(
                f"  {account.username:<28} {account.role.label} ({scope})"
            )
