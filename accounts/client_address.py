"""The client's address as the trusted proxy saw it, never as the client claims it.

Behind a reverse proxy every request reaches gunicorn from the proxy's address, so
``REMOTE_ADDR`` alone would put every user in one bucket for login throttling and
rate limits. The proxy appends the address it saw to ``X-Forwarded-For``; entries to
the left of it were written by the client and are never believed.

``TRUSTED_PROXY_COUNT`` is how many proxies stand in front of gunicorn (0: none, the
header is ignored). With N proxies the client's address is the N-th entry from the
right.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address to throttle and log for this request ("" when unknown)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    header = request.META.get(settings.TRUSTED_PROXY_HEADER_META, "")
    hops = [hop.strip() for hop in header.split(",") if hop.strip()]
    if not hops:
        return remote
    # Fewer entries than proxies: the request skipped an outer proxy; the left-most
    # entry is then the one the first proxy it met wrote.
    candidate = hops[-count] if len(hops) >= count else hops[0]
    return _valid(candidate) or remote
