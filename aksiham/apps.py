from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AksiHamConfig(AppConfig):
    name = "aksiham"
    verbose_name = _("RANHAM Aksi HAM")
    default_auto_field = "django.db.models.BigAutoField"
