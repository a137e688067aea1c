"""The user's notices (Pemberitahuan), from both programmes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from notices.services import mark_read


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    """The user's latest notices; opening the page marks them read."""
    notices = list(request.user.notifications.all()[:100])
    mark_read(user=request.user, ids=[n.pk for n in notices if n.read_at is None])
    return render(request, "notices/list.html", {"notices": notices})
