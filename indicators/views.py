"""Catalogue pages: browse by category and type, search, see the expected evidence."""

from __future__ import annotations

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from indicators import selectors
from indicators.models import Indicator


@login_required
def catalogue_list(request: HttpRequest) -> HttpResponse:
    catalogues = selectors.catalogue_list_for_user(user=request.user)
    return render(request, "indicators/catalogue_list.html", {"catalogues": catalogues})


@login_required
def catalogue_detail(request: HttpRequest, year: int) -> HttpResponse:
    catalogue = get_object_or_404(
        selectors.catalogue_list_for_user(user=request.user), year=year
    )
    filters = {
        "query": request.GET.get("q", "").strip()[:100],
        "category": request.GET.get("kategori", "").strip()[:20],
        "type_": request.GET.get("jenis", "").strip()[:10],
    }
    indicators = list(selectors.indicator_search(catalogue=catalogue, **filters))
    grouped = [
        (category, list(items))
        for category, items in groupby(indicators, key=lambda i: i.category)
    ]
    return render(
        request,
        "indicators/catalogue_detail.html",
        {
            "catalogue": catalogue,
            "grouped": grouped,
            "count": len(indicators),
            "categories": catalogue.categories.all(),
            "types": Indicator.Type.choices,
            **filters,
        },
    )


@login_required
def indicator_detail(request: HttpRequest, year: int, code: str) -> HttpResponse:
    catalogue = get_object_or_404(
        selectors.catalogue_list_for_user(user=request.user), year=year
    )
    indicator = get_object_or_404(
        catalogue.indicators.select_related("category", "responsible_agency_type"),
        code=code,
    )
    return render(
        request,
        "indicators/indicator_detail.html",
        {"catalogue": catalogue, "indicator": indicator},
    )
