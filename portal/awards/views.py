"""The best-region list for the ministry's staff, on a page and as XLSX."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts import access
from indicators.models import Catalogue
from portal.awards.selectors import best_regions


def _catalogue(request: HttpRequest, year: int) -> Catalogue:
    if not access.scope_of(request.user).national:
        raise PermissionDenied
    return get_object_or_404(
        Catalogue.objects.exclude(status=Catalogue.Status.DRAFT), year=year
    )


@login_required
def best_regions_page(request: HttpRequest, year: int) -> HttpResponse:
    result = best_regions(_catalogue(request, year))
    return render(
        request,
        "portal/awards/best_regions.html",
        {
            "result": result,
            "catalogue": result.catalogue,
            "settings": result.settings,
            "may_edit_settings": access.is_administrator(request.user),
        },
    )


@login_required
def best_regions_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    result = best_regions(_catalogue(request, year))
    book = Workbook()
    sheet = book.active
    sheet.title = _("Daerah terbaik")
    if result.catalogue.is_sample:
        sheet.append([str(result.catalogue)])
    sheet.append(
        [
            _("Kode"),
            _("Kabupaten/kota"),
            _("Provinsi"),
            _("Nilai murni"),
            _("Nilai akhir"),
            _("Terpilih"),
            _("Nilai tertinggi"),
            _("Penghargaan berturut-turut"),
            _("Nilai Aksi HAM tahun sebelumnya"),
            _("Dugaan pelanggaran HAM"),
        ]
    )
    for row in result.rows:
        sheet.append(
            [
                row.code,
                row.name,
                row.province,
                row.base_total,
                row.total,
                _("ya") if row.selected else _("tidak"),
                *[c.reason for c in row.criteria],
            ]
        )
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="daerah-terbaik-{result.catalogue.year}.xlsx"'
    )
    return response
