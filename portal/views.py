"""The site shell: home dashboard per role and the health endpoint."""

from __future__ import annotations

import sys

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from files.downloads import StoredFileMissing
from portal import health
from portal.home_panels import panels_for
from portal.middleware import DATABASE_DOWN, database_unavailable


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"panels": panels_for(request.user)})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Health for load balancers and monitors: 200 when every part checked is ok, else 503.

    ``?scope=web`` checks only this process and its database (the web container's own
    check, so a stopped worker does not take the site down).
    """
    scope = "web" if request.GET.get("scope") == "web" else "all"
    body = health.report(scope=scope)
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)


def _database_down(exception: BaseException | None) -> BaseException | None:
    """The lost-connection error behind ``exception``, if any (Django may wrap it)."""
    while exception is not None:
        if isinstance(exception, DATABASE_DOWN):
            return exception
        exception = exception.__cause__ or exception.__context__
    return None


def server_error(request: HttpRequest) -> HttpResponse:
    """500 handler; a database that went away during middleware answers 503 instead."""
    lost = _database_down(sys.exc_info()[1])
    if lost is not None:
        return database_unavailable(request, lost)
    return defaults.server_error(request)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 handler; a download whose stored bytes are gone says so, not "no page"."""
    if isinstance(exception, StoredFileMissing):
        return render(request, "files/missing.html", status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 handler; the session middleware reports a lost database as an interrupted
    session (400), which is the same outage: answer 503."""
    lost = _database_down(exception)
    if lost is not None:
        return database_unavailable(request, lost)
    return defaults.bad_request(request, exception)
