from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Pemberitahuan")

    def ready(self) -> None:
        # Published by name through the outbox: registered in web processes too.
        from notices import tasks  # noqa: F401
