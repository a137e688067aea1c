"""The public results: anonymous pages for published years only.

Every page first asks ``selectors.published_year`` (one query); an unpublished or
unknown year answers 404, and inside a published year only published rows are read.
The figures and maps are cached per year version and language (``public.cache``).
The certificates are for the ministry (national roles) only.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts import access
from indicators.models import Catalogue
from kernel.charts import number
from public import selectors
from public.cache import cached
from public.certificates import certificate_pdf
from public.maps import BY_PREDICATE, BY_SCORE, results_map


def _published(year: int) -> tuple[Catalogue, str]:
    found = selectors.published_year(year)
    if found is None:
        raise Http404
    return found


def _figure(chart) -> str:
    """The map and its table as HTML: rendered once per cache entry, since the
    national table alone is 514 rows."""
    return render_to_string("kernel/charts/_chart.html", {"chart": chart})


def _mode(request: HttpRequest) -> str:
    return BY_SCORE if request.GET.get("warna") == BY_SCORE else BY_PREDICATE


@require_GET
def years(request: HttpRequest) -> HttpResponse:
    return render(request, "public/years.html", {"years": selectors.published_years()})


@require_GET
def year(request: HttpRequest, year: int) -> HttpResponse:
    catalogue, version = _published(year)
    mode = _mode(request)

    def build() -> dict:
        data = selectors.year_results(catalogue)
        return {
            "map": _figure(
                results_map(
                    data,
                    data.regencies,
                    mode=mode,
                    chart_id="peta-nasional",
                    title=_("Peta hasil %(year)s per kabupaten/kota")
                    % {"year": catalogue.year},
                )
            ),
            "awarded": data.awarded,
            "published": len(data.results),
            "regencies": len(data.regencies),
            "provinces_table": render_to_string(
                "public/_provinces.html",
                {"catalogue": catalogue, "provinces": data.provinces},
            ),
        }

    context = cached(version, "year", mode, build=build)
    return render(
        request,
        "public/year.html",
        {"catalogue": catalogue, "mode": mode, **context},
    )


@require_GET
def province(request: HttpRequest, year: int, code: str) -> HttpResponse:
    catalogue, version = _published(year)
    mode = _mode(request)

    def build() -> dict | None:
        province = selectors.province_of(code)
        if province is None:
            return {}
        data = selectors.year_results(catalogue)
        regencies = [r for r in data.regencies if r.province_id == code]
        summary = next(p for p in data.provinces if p.province.code == code)
        return {
            "province": province,
            "summary": summary,
            "map": _figure(
                results_map(
                    data,
                    regencies,
                    mode=mode,
                    chart_id="peta-provinsi",
                    title=_("Peta hasil %(year)s: %(province)s")
                    % {"year": catalogue.year, "province": province.name},
                )
            ),
        }

    context = cached(version, "province", code, mode, build=build)
    if not context:
        raise Http404
    return render(
        request,
        "public/province.html",
        {
            "catalogue": catalogue,
            "mode": mode,
            "may_certify": access.scope_of(request.user).national,
            **context,
        },
    )


@require_GET
def regency(request: HttpRequest, year: int, code: str) -> HttpResponse:
    catalogue, version = _published(year)

    def build() -> dict:
        regency = selectors.regency_of(code)
        if regency is None:
            return {}
        return {"page": selectors.regency_page(catalogue, regency)}

    context = cached(version, "regency", code, build=build)
    if not context:
        raise Http404
    return render(
        request,
        "public/regency.html",
        {
            "catalogue": catalogue,
            "may_certify": access.scope_of(request.user).national,
            **context,
        },
    )


def _ministry(request: HttpRequest) -> None:
    if not access.scope_of(request.user).national:
        raise PermissionDenied


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def regency_certificate(request: HttpRequest, year: int, code: str) -> HttpResponse:
    _ministry(request)
    catalogue, _version = _published(year)
    regency = selectors.regency_of(code)
    result = selectors.year_results(catalogue).results.get(code) if regency else None
    if result is None or not result.earns_award:
        raise Http404
    content = certificate_pdf(
        catalogue=catalogue,
        recipient=regency.name,
        kind="regency",
        detail=result.predicate,
        page_url=reverse("public:regency", args=[year, code]),
    )
    return _pdf(content, f"piagam-{year}-{code}.pdf")


@login_required
@require_GET
def province_certificate(request: HttpRequest, year: int, code: str) -> HttpResponse:
    _ministry(request)
    catalogue, _version = _published(year)
    summary = next(
        (
            p
            for p in selectors.year_results(catalogue).provinces
            if p.province.code == code
        ),
        None,
    )
    if summary is None or not summary.pembina:
        raise Http404
    content = certificate_pdf(
        catalogue=catalogue,
        recipient=summary.province.name,
        kind="province",
        detail=f"{number(summary.share, 2)}%",
        page_url=reverse("public:province", args=[year, code]),
    )
    return _pdf(content, f"piagam-{year}-provinsi-{code}.pdf")
