"""The site shell: home dashboard per role and the health endpoint."""

from __future__ import annotations

import sys

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.dashboards import panels_for
from portal.middleware import DATABASE_DOWN, database_unavailable
from portal.tasks import HEARTBEAT_KEY


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"panels": panels_for(request.user)})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: the database answers; the worker's last beat."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:
        database = "error"
    body = {"database": database, "worker_heartbeat": cache.get(HEARTBEAT_KEY)}
    return JsonResponse(body, status=200 if database == "ok" else 503)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 handler; a database that went away during middleware answers 503 instead."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_DOWN):
        return database_unavailable(request, exception)
    return defaults.server_error(request)
