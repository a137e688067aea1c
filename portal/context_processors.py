"""Values every template may show: institution labels and the demo banner."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from accounts import access
from indicators.models import SAMPLE_LABEL


def portal(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    is_demo_user = bool(user and user.is_authenticated and user.is_demo)
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_MINISTRY_NAME": settings.PORTAL_MINISTRY_NAME,
        "PORTAL_KANWIL_LABEL": settings.PORTAL_KANWIL_LABEL,
        "SAMPLE_LABEL": SAMPLE_LABEL,
        "SHOW_DEMO_BANNER": settings.DEMO_DATA_ALLOWED or is_demo_user,
        "nav": access.navigation_for(user) if user is not None else None,
        "unread_notifications": user.notifications.filter(read_at=None).count()
        if user is not None and user.is_authenticated
        else 0,
    }
