"""Failed-login throttling on top of django-axes, shaped so that it cannot lock people out.

- A **username** that failed ``AXES_FAILURE_LIMIT`` times (from any address) cools off
  for ``AXES_COOLOFF_TIME``. Its owner need not wait: the lockout page links to the
  password-reset e-mail, and setting a new password through it signs them in and
  clears the username's failures (``accounts.views.PasswordResetConfirmView``).
- An **address** that failed ``AXES_ADDRESS_FAILURE_LIMIT`` times within the cool-off
  window, over any usernames (password spraying), is refused for the rest of it.
  The address is the one the trusted proxy saw (``accounts.client_address``).
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.ratelimit import minutes


class PortalAxesHandler(AxesDatabaseHandler):
    """Axes' database handler plus the per-address limit."""

    def is_locked(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            request.portal_lockout = "username"
            return True
        if address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            request.portal_lockout = "address"
            return True
        return False

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not getattr(request, "axes_locked_out", False):
            if address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
                request.portal_lockout = "address"
                request.axes_locked_out = True
                request.axes_credentials = credentials
        elif request is not None and not hasattr(request, "portal_lockout"):
            request.portal_lockout = "username"


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address within the cool-off window."""
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    recent = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return recent.aggregate(n=Sum("failures_since_start"))["n"] or 0


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The page shown instead of signing in, in Indonesian, with the way past it."""
    cool_off = get_cool_off(request)
    wait = minutes(int(cool_off.total_seconds())) if cool_off else 0
    return render(
        request,
        "accounts/lockout.html",
        {
            "by_address": getattr(request, "portal_lockout", "") == "address",
            "minutes": wait,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
