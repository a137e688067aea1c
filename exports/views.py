"""Export pages: ask for a document, watch the job, download it, retry a failure."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exports import services as exports
from exports.forms import ExportRequestForm
from exports.models import ExportJob
from exports.registry import get_kind, kinds_for
from files.downloads import private_download
from kernel.errors import Refusal, refusal_messages

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def _jobs(request: HttpRequest) -> list[ExportJob]:
    jobs = list(
        request.user.export_jobs.select_related("catalogue", "province", "regency")[:50]
    )
    for job in jobs:
        kind = get_kind(job.kind)
        job.kind_label = kind.label if kind else job.kind
    return jobs


def _may_export(request: HttpRequest) -> None:
    if not kinds_for(request.user):
        raise PermissionDenied


@login_required
def export_list(request: HttpRequest) -> HttpResponse:
    """My export jobs, newest first, and the form to ask for another."""
    _may_export(request)
    jobs = _jobs(request)
    return render(
        request,
        "exports/list.html",
        {
            "jobs": jobs,
            "polling": any(j.is_active for j in jobs),
            "form": ExportRequestForm(user=request.user),
        },
    )


@login_required
def export_rows(request: HttpRequest) -> HttpResponse:
    """The job table alone, polled by htmx while a job is pending or running."""
    _may_export(request)
    jobs = _jobs(request)
    return render(
        request,
        "exports/_rows.html",
        {"jobs": jobs, "polling": any(j.is_active for j in jobs)},
    )


@login_required
@require_POST
def export_request_view(request: HttpRequest) -> HttpResponse:
    _may_export(request)
    form = ExportRequestForm(request.POST, user=request.user)
    if not form.is_valid():
        errors = "; ".join(str(e) for field in form.errors.values() for e in field)
        messages.error(request, _("Permintaan ekspor tidak lengkap: %s") % errors)
        return redirect("exports:list")
    data = form.cleaned_data
    try:
        exports.export_request(
            kind=data["kind"],
            fmt=data["format"],
            actor=request.user,
            catalogue=data["year"],
            province=data["province"],
            regency=data["regency"],
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except (Refusal, ValidationError) as exc:
        messages.error(request, "; ".join(refusal_messages(exc)))
        return redirect("exports:list")
    messages.success(
        request,
        _("Ekspor dicatat dan sedang dibuat. Halaman ini memperbarui statusnya."),
    )
    return redirect("exports:list")


@login_required
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file, for its requester while their roles still cover it; else 404."""
    job = get_object_or_404(ExportJob, pk=pk, requested_by=request.user)
    if not exports.can_download(request.user, job):
        raise Http404
    return private_download(job.file, job.file_name, CONTENT_TYPES[job.format])


@login_required
@require_POST
def export_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ExportJob, pk=pk, requested_by=request.user)
    try:
        exports.export_retry(job=job, actor=request.user)
    except PermissionDenied as exc:
        raise Http404 from exc
    except (Refusal, ValidationError) as exc:
        messages.error(request, "; ".join(refusal_messages(exc)))
    else:
        messages.success(request, _("Ekspor diulang."))
    return redirect("exports:list")
