from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    default = True

    def ready(self) -> None:
        # Web processes queue tasks too: the filesystem broker's folders must exist
        # before the first .delay(), not only once a worker has started.
        from portal.celery import ensure_filesystem_broker_dirs

        ensure_filesystem_broker_dirs()


class PortalAdminConfig(admin_apps.AdminConfig):
    """The Django admin, replaced by the role-scoped staff console."""

    default = False
    default_site = "portal.admin_site.PortalAdminSite"

    def ready(self) -> None:
        super().ready()
        from portal.admin_booleans import install

        install()
