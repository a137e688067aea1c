"""Score pages: an assessment's explanation and a year's ranking."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from exports.registry import offers_for, offers_in_scope
from indicators.models import Catalogue
from kernel.pages import paginate
from kernel.params import int_param
from reporting import permissions
from reporting.scoring import Breakdown
from reporting.selectors import scores as score_selectors
from reporting.selectors.progress import verification_progress
from reporting.views.common import get_assessment, header_flags

# Indonesia has 514 kab/kota: asking for more top places shows them all.
TOP_MAX = 1000


@login_required
def explain(request: HttpRequest, pk: int) -> HttpResponse:
    """Every point of one kab/kota's score: indicators → types → categories → total."""
    assessment = get_assessment(request, pk)
    if not permissions.can_view_score(request.user, assessment):
        raise PermissionDenied
    progress = verification_progress(assessment)
    # Until verification is complete a total is a working figure: only the staff
    # who need it see it (without predicate or rank); the others see the progress.
    working = not progress.complete
    if not working:
        score = score_selectors.ranked_score(assessment.pk, assessment.catalogue)
    elif permissions.can_view_working_score(request.user, assessment):
        score = score_selectors.working_score(assessment.pk)
    else:
        score = None
    return render(
        request,
        "reporting/score_explain.html",
        {
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "score": score,
            "working": working,
            "progress": progress,
            "breakdown": Breakdown.of(score) if score else None,
            **header_flags(request, assessment),
            "export_offers": offers_for(
                request.user,
                year=assessment.catalogue.year,
                regency=assessment.regency,
            )
            if score and not working
            else [],
        },
    )


@login_required
def ranking_latest(request: HttpRequest) -> HttpResponse:
    """The ranking of the newest year that is open or closed."""
    catalogue = (
        Catalogue.objects.exclude(status=Catalogue.Status.DRAFT)
        .order_by("-year")
        .first()
    )
    if catalogue is None:
        return render(request, "reporting/ranking.html", {"catalogue": None})
    return redirect("reporting:ranking", catalogue.year)


RANKING_PER_PAGE = 50


@login_required
def ranking(request: HttpRequest, year: int) -> HttpResponse:
    """National ranking for the ministry; a Kanwil sees its own province."""
    provinces = permissions.ranking_provinces(request.user)
    if provinces is not None and not provinces:
        raise PermissionDenied
    catalogue = get_object_or_404(
        Catalogue.objects.exclude(status=Catalogue.Status.DRAFT), year=year
    )
    province = request.GET.get("provinsi", "")[:2]
    # 0, nothing or no number: the whole list; more than there are kab/kota: all.
    top = int_param(request, "top", minimum=0, maximum=TOP_MAX) or None
    # Ranked: kab/kota whose verification is complete, a page at a time (the
    # exports carry the whole list); the rest are listed with their progress,
    # unranked, in pages of their own.
    scores = paginate(
        request,
        score_selectors.ranking(
            catalogue=catalogue,
            provinces=provinces,
            province=province,
            top=top,
            with_breakdown=False,
        ),
        RANKING_PER_PAGE,
    )
    unfinished = paginate(
        request,
        score_selectors.unfinished_assessments(
            catalogue=catalogue, provinces=provinces, province=province
        ),
        RANKING_PER_PAGE,
        param="page_unfinished",
    )
    everyone_ranked = score_selectors.ranking(
        catalogue=catalogue, provinces=provinces, province=province
    )
    summaries = score_selectors.province_summaries(
        catalogue=catalogue, provinces=provinces
    )
    return render(
        request,
        "reporting/ranking.html",
        {
            "catalogue": catalogue,
            "scores": scores,
            "unfinished_rows": score_selectors.unfinished_rows(list(unfinished.page)),
            "summaries": summaries,
            "province": province,
            "top": top or "",
            "predicates": score_selectors.predicate_counts(everyone_ranked),
            "ranked_count": everyone_ranked.count(),
            "unfinished": unfinished,
            "is_final": hasattr(catalogue, "publication"),
            "export_offers": offers_in_scope(
                request.user, year=catalogue.year, province_code=province
            ),
        },
    )
