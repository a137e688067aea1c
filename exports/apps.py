from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = _("Ekspor")

    def ready(self) -> None:
        # Published by name through the outbox: registered in web processes too.
        from exports import tasks  # noqa: F401
