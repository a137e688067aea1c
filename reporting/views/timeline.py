"""The assessment's timeline (Riwayat): status changes and changed fields."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reporting import selectors
from reporting.views.common import get_assessment, header_flags


@login_required
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """Every status change and every changed field of the answers the user may see."""
    assessment = get_assessment(request, pk)
    page, entries = selectors.timeline_page(
        user=request.user, assessment=assessment, page=request.GET.get("page")
    )
    return render(
        request,
        "reporting/timeline.html",
        {
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "page": page,
            "entries": entries,
            **header_flags(request, assessment),
        },
    )
