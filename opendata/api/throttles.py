"""Rate limits in the shared cache (Redis in production): per address for anonymous
readers, per token for partner systems, at the rates of ``OPEN_DATA_RATES``."""

from __future__ import annotations

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from accounts.client_address import client_address
from opendata.models import PartnerToken


class OpenDataThrottle(SimpleRateThrottle):
    def __init__(self) -> None:
        # The rate depends on who asks; it is read per request, from the settings
        # as they are then (tests change them).
        pass

    def allow_request(self, request: Request, view) -> bool:
        self.scope = (
            "partner" if isinstance(request.auth, PartnerToken) else "anonymous"
        )
        self.rate = settings.OPEN_DATA_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view) -> str:
        if isinstance(request.auth, PartnerToken):
            who = f"token-{request.auth.pk}"
        else:
            who = client_address(request) or "unknown"
        return f"opendata:throttle:{self.scope}:{who}"
