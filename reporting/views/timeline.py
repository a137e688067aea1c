"""The assessment's timeline (Riwayat): status changes and changed fields."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kernel.pages import paginate
from reporting import selectors
from reporting.views.common import get_assessment, header_flags

PER_PAGE = 50


@login_required
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """Every status change and every changed field of the answers the user may see."""
    assessment = get_assessment(request, pk)
    pager = paginate(
        request,
        selectors.timeline_moments(user=request.user, assessment=assessment),
        PER_PAGE,
    )
    entries = selectors.timeline_entries(
        assessment=assessment, moments=list(pager.page)
    )
    return render(
        request,
        "reporting/timeline.html",
        {
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "pager": pager,
            "entries": entries,
            **header_flags(request, assessment),
        },
    )
