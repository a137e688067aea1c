"""The open data page and the files of each published year (public, read-only)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from indicators.models import Catalogue
from opendata import files, selectors
from opendata.models import DataSettings


def _year(year: int) -> Catalogue:
    catalogue = selectors.published_year(year)
    if catalogue is None:
        raise Http404(_("Hasil tahun ini belum diumumkan."))
    return catalogue


def _download(content: str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The published years, their downloads and who answers for the data."""
    years = list(selectors.published_years())
    found = {
        s.catalogue_id: s
        for s in DataSettings.objects.filter(catalogue__in=years).select_related(
            "catalogue"
        )
    }
    rows = [(c, found.get(c.pk) or DataSettings(catalogue=c)) for c in years]
    return render(request, "opendata/index.html", {"rows": rows})


@require_GET
def results_csv(request: HttpRequest, year: int) -> HttpResponse:
    catalogue = _year(year)
    content = selectors.cached(
        catalogue,
        "csv",
        lambda: files.results_csv(catalogue, selectors.year_results(catalogue)),
    )
    return _download(content, "text/csv; charset=utf-8", f"hasil-{year}.csv")


@require_GET
def results_json(request: HttpRequest, year: int) -> HttpResponse:
    catalogue = _year(year)
    content = selectors.cached(
        catalogue,
        "json",
        lambda: files.results_json(catalogue, selectors.year_results(catalogue)),
    )
    return _download(content, "application/json", f"hasil-{year}.json")


@require_GET
def metadata_json(request: HttpRequest, year: int) -> HttpResponse:
    catalogue = _year(year)
    content = files.metadata_json(catalogue, len(selectors.year_results(catalogue)))
    return _download(content, "application/json", f"metadata-{year}.json")
