"""The user's notices (Pemberitahuan)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reporting.services.notifications import mark_read


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's notices; opening the page marks them read."""
    notices = list(request.user.notifications.select_related("assessment")[:100])
    mark_read(user=request.user, ids=[n.pk for n in notices if n.read_at is None])
    return render(request, "reporting/notifications.html", {"notices": notices})
