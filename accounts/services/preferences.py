"""A person's own settings: the zone their pages show."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.zones import may_choose_zone
from kernel.errors import Refusal
from kernel.zones import Zone


@transaction.atomic
def time_zone_set(*, user: User, zone: str) -> User:
    """National staff and Kanwil choose their zone; regional users follow their region."""
    if not may_choose_zone(user):
        raise Refusal(
            _("Zona waktu Anda mengikuti provinsi daerah Anda dan tidak dapat diubah.")
        )
    if zone not in Zone.values:
        raise Refusal(_("Pilih WIB, WITA, atau WIT."))
    user.time_zone = zone
    user.save(update_fields=["time_zone"])
    return user
