"""Dashboards: national (ministry), a Kanwil's province, one kab/kota; all read-only.

Who sees what is decided here with ``accounts.access``; a province or kab/kota outside
the user's scope answers 404 so that its figures never leak.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from accounts import access
from indicators.models import Catalogue
from kernel.params import parse_int
from portal.dashboards import charts
from regions import selectors as region_selectors
from regions.models import Province, Regency
from reporting import permissions
from reporting.models import Assessment, Score
from reporting.selectors.dashboards import (
    ASSESSMENT_STAGES,
    answer_stage_counts,
    category_scores,
    dashboard_years,
    predicate_distribution,
    province_progress,
    regency_progress,
    regency_stages,
)
from reporting.selectors.history import (
    longest_streaks,
    regency_history,
    streak_years,
)
from reporting.selectors.progress import VerificationProgress


def _year(request: HttpRequest) -> tuple[Catalogue | None, list[Catalogue]]:
    """The year asked for in ``?tahun=`` (404 if unknown), else the newest opened one.

    Also returns every opened year, for the year picker.
    """
    years = list(dashboard_years())
    asked = request.GET.get("tahun", "")
    if not asked:
        return (years[0] if years else None), years
    year = parse_int(asked)
    if year is None:
        raise Http404
    for catalogue in years:
        if catalogue.year == year:
            return catalogue, years
    raise Http404


def _threshold(catalogue: Catalogue | None) -> Decimal | None:
    """The lowest score that earns the award in this catalogue (75 by default)."""
    if catalogue is None:
        return None
    band = catalogue.bands.filter(earns_award=True).order_by("min_score").first()
    return band.min_score if band else None


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The widest dashboard the user may see."""
    scope = access.scope_of(request.user)
    if scope.national:
        return redirect("portal:dashboard-national")
    if scope.office_ids:
        office = access.offices_for(request.user).order_by("name").first()
        return redirect("portal:dashboard-office", office.code)
    if scope.own_regency_codes:
        return redirect("portal:dashboard-regency", min(scope.own_regency_codes))
    raise PermissionDenied


@login_required
@require_GET
def national(request: HttpRequest) -> HttpResponse:
    """Every province's progress, the national predicate split and the longest streaks."""
    if not access.scope_of(request.user).national:
        raise PermissionDenied
    return render(
        request, "portal/dashboards/national.html", _provinces_context(request, None)
    )


@login_required
@require_GET
def office(request: HttpRequest, code: str) -> HttpResponse:
    """A Kanwil office's provinces (those it covers today) side by side."""
    office = get_object_or_404(access.offices_for(request.user), code=code)
    provinces = region_selectors.provinces_covered([office.pk])
    context = _provinces_context(request, set(provinces))
    context |= {
        "office": office,
        "provinces": Province.objects.filter(code__in=provinces).order_by("code"),
    }
    return render(request, "portal/dashboards/office.html", context)


def _provinces_context(request: HttpRequest, provinces: set[str] | None) -> dict:
    """Progress per province, the predicate split and the longest streaks, for all
    provinces (None) or some."""
    catalogue, years = _year(request)
    context = {
        "catalogue": catalogue,
        "years": years,
        "streaks": longest_streaks(provinces=provinces),
        "streak_years": streak_years(provinces=provinces),
    }
    if catalogue is not None:
        rows = province_progress(catalogue=catalogue, provinces=provinces)
        distribution = predicate_distribution(catalogue=catalogue, provinces=provinces)
        context |= {
            "totals": _stage_totals(rows),
            "progress_chart": charts.province_progress_chart(rows, catalogue.year),
            "predicate_chart": charts.predicate_chart(distribution),
            "progress_map": charts.progress_map(
                regency_stages(catalogue=catalogue, provinces=provinces),
                catalogue.year,
                "peta-kemajuan",
            ),
        }
    return context


def _stage_totals(rows) -> dict[str, int]:
    totals = {
        s.key: sum(r.counts.get(s.key, 0) for r in rows) for s in ASSESSMENT_STAGES
    }
    totals["regencies"] = sum(r.regencies for r in rows)
    totals["opened"] = sum(r.opened for r in rows)
    return totals


@login_required
@require_GET
def province(request: HttpRequest, code: str) -> HttpResponse:
    """A Kanwil's kab/kota: answers per stage, scores, predicates, streaks."""
    scope = access.scope_of(request.user)
    if not (scope.national or code in scope.province_codes):
        raise Http404
    province = get_object_or_404(Province, code=code)
    catalogue, years = _year(request)
    context = {
        "catalogue": catalogue,
        "years": years,
        "province": province,
        "streaks": longest_streaks(provinces={code}),
        "streak_years": streak_years(provinces={code}),
    }
    if catalogue is not None:
        rows = regency_progress(catalogue=catalogue, province=province)
        distribution = predicate_distribution(catalogue=catalogue, provinces={code})
        context |= {
            "rows": rows,
            "answers_chart": charts.regency_answers_chart(rows, catalogue.year),
            "scores_chart": charts.regency_scores_chart(
                rows, catalogue.year, _threshold(catalogue)
            ),
            "predicate_chart": charts.predicate_chart(distribution),
        }
    return render(request, "portal/dashboards/province.html", context)


@login_required
@require_GET
def regency(request: HttpRequest, code: str) -> HttpResponse:
    """One kab/kota: its answers, its category scores and its history with the streak."""
    regency = get_object_or_404(Regency.objects.select_related("province"), code=code)
    if not access.can_view_regency(request.user, regency):
        raise Http404
    catalogue, years = _year(request)
    assessment = (
        Assessment.objects.filter(regency=regency, catalogue=catalogue)
        .select_related("score")
        .first()
        if catalogue
        else None
    )
    history = regency_history(regency=regency)
    threshold = _threshold(catalogue)
    explain = permissions.can_view_scores_of(request.user, regency)
    context: dict[str, object] = {
        "catalogue": catalogue,
        "years": years,
        "regency": regency,
        "assessment": assessment,
        "history": history,
        "explain": explain,
        "history_chart": charts.history_chart(
            history,
            threshold,
            explain=explain,
        ),
    }
    if assessment is not None:
        counts = answer_stage_counts(assessment=assessment)
        context["answers_chart"] = charts.answer_stages_chart(counts)
        # Until verification is complete the page shows its progress, never a
        # total or predicate; the staff who need the working total get a link.
        progress = VerificationProgress(
            counts.get("accepted", 0),
            sum(counts.values()),
            assessment.verification_complete,
        )
        context["progress"] = progress
        context["working_link"] = (
            not progress.complete
            and explain
            and permissions.can_view_working_score(request.user, assessment)
        )
        score = getattr(assessment, "score", None)
        if progress.complete and isinstance(score, Score):
            context["score"] = score
            context["category_chart"] = charts.category_chart(category_scores(score))
    return render(request, "portal/dashboards/regency.html", context)
