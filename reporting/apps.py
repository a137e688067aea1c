from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Pelaporan dan penilaian")

    def ready(self) -> None:
        from exports.registry import register
        from reporting import tasks  # noqa: F401  (published by name through the outbox)
        from reporting.exports.kinds import KINDS

        register(*KINDS)
