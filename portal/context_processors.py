"""Values every template may show: institution labels and the demo banner.

The programme's and institutions' names come from the newest open year's catalogue
(its identity data); the settings are the product's neutral names and the fallback.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, lazy

from accounts import access
from indicators.models import SAMPLE_LABEL
from indicators.selectors import current_identity


def _identity_or_nothing() -> dict[str, str]:
    """The newest open year's names; none (so the settings' names) when the catalogue
    table cannot be read, e.g. a database not migrated yet: a name is not worth a 503."""
    try:
        return current_identity()
    except DatabaseError:
        return {}


def _name_or(identity: Mapping[str, str], key: str, fallback: str) -> str:
    return identity.get(key) or fallback


# Made once: ``lazy()`` builds a proxy class, about 0.4 ms a call, four per request
# when it was called inside ``portal``.
_lazy_name = lazy(_name_or, str)


def portal(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    is_demo_user = bool(user and user.is_authenticated and user.is_demo)
    # Read once per request, and only if a template shows one of the names.
    identity = SimpleLazyObject(_identity_or_nothing)

    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_SHORT_NAME": settings.PORTAL_SHORT_NAME,
        "PORTAL_MINISTRY_NAME": _lazy_name(
            identity, "ministry_name", settings.PORTAL_MINISTRY_NAME
        ),
        "PORTAL_KANWIL_LABEL": _lazy_name(
            identity, "regional_office_name", settings.PORTAL_KANWIL_LABEL
        ),
        "PROGRAMME_NAME": _lazy_name(identity, "programme_name", settings.PORTAL_NAME),
        "PROGRAMME_SHORT_NAME": _lazy_name(
            identity, "programme_short_name", settings.PORTAL_SHORT_NAME
        ),
        "SAMPLE_LABEL": SAMPLE_LABEL,
        "SHOW_DEMO_BANNER": settings.DEMO_DATA_ALLOWED or is_demo_user,
        "nav": access.navigation_for(user) if user is not None else None,
        "unread_notifications": user.notifications.filter(read_at=None).count()
        if user is not None and user.is_authenticated
        else 0,
    }
