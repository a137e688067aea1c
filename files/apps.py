from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "files"
    verbose_name = _("Berkas")

    def ready(self) -> None:
        # Tasks are published by name through the outbox; importing them here
        # registers them in web processes too, not only in a worker.
        from files import tasks  # noqa: F401
