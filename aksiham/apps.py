from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AksiHamConfig(AppConfig):
    name = "aksiham"
    verbose_name = _("Aksi HAM")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from aksiham.exports import RECAP, scorecard_section
        from aksiham.services.bonus import bonus_apply, bonus_offer
        from exports.registry import register
        from reporting import hooks

        register(RECAP)
        hooks.BONUS_SOURCES.append(hooks.BonusSource(bonus_offer, bonus_apply))
        hooks.SCORECARD_SECTIONS.append(scorecard_section)
