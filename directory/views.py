"""Region pages: the kab/kota a user may see, and their OPD lists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access
from directory import selectors
from directory.forms import AgencyForm
from regions import services


def _regency_in_scope(request: HttpRequest, code: str):
    # 404 (not 403) for out-of-scope kab/kota, so that existence does not leak.
    return get_object_or_404(
        access.regencies_for(request.user).select_related("province"), code=code
    )


@login_required
def regency_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    regencies = selectors.regency_list_for_user(user=request.user, query=query)
    page = Paginator(regencies, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "regions/regency_list.html",
        {
            "page": page,
            "query": query,
            "provinces": selectors.province_list_for_user(user=request.user),
        },
    )


@login_required
def province_detail(request: HttpRequest, code: str) -> HttpResponse:
    province = get_object_or_404(access.provinces_for(request.user), code=code)
    regencies = access.regencies_for(request.user).filter(province=province)
    return render(
        request,
        "regions/province_detail.html",
        {"province": province, "regencies": regencies},
    )


@login_required
def regency_detail(request: HttpRequest, code: str) -> HttpResponse:
    regency = _regency_in_scope(request, code)
    return render(
        request,
        "regions/regency_detail.html",
        {
            "regency": regency,
            "agencies": regency.agencies.select_related("agency_type"),
            "can_manage": access.can_manage_agencies(request.user, regency),
            "form": AgencyForm(),
        },
    )


@login_required
@require_POST
def agency_add(request: HttpRequest, code: str) -> HttpResponse:
    regency = _regency_in_scope(request, code)
    if not access.can_manage_agencies(request.user, regency):
        raise PermissionDenied
    form = AgencyForm(request.POST)
    if form.is_valid():
        try:
            agency = services.agency_create(regency=regency, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("OPD %(name)s ditambahkan.") % {"name": agency.name}
            )
            return redirect("regions:regency-detail", code=regency.code)
    return render(
        request,
        "regions/regency_detail.html",
        {
            "regency": regency,
            "agencies": regency.agencies.select_related("agency_type"),
            "can_manage": True,
            "form": form,
        },
        status=400,
    )


@login_required
@require_POST
def agency_template(request: HttpRequest, code: str) -> HttpResponse:
    regency = _regency_in_scope(request, code)
    if not access.can_manage_agencies(request.user, regency):
        raise PermissionDenied
    created = services.agencies_create_from_template(regency=regency)
    messages.success(
        request,
        _("%(count)d OPD dari daftar baku ditambahkan.") % {"count": len(created)},
    )
    return redirect("regions:regency-detail", code=regency.code)
