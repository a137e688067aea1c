"""The kab/kota's page of alleged violations registered against it, and its follow-up."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from files.downloads import private_download
from files.forms import MultipleFileField
from kernel.errors import Refusal, flash_refusal
from regions.models import Regency
from reporting import permissions
from reporting.models import CaseFollowUp
from reporting.services.register import case_follow_up_add


class FollowUpForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Berkas tindak lanjut"),
        help_text=gettext_lazy(
            "Boleh beberapa berkas sekaligus: PDF, JPG, PNG, DOCX, XLSX, ODT, ODS."
        ),
    )
    note = forms.CharField(
        label=gettext_lazy("Keterangan tindak lanjut"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


def _regency(request: HttpRequest, code: str) -> Regency:
    regency = get_object_or_404(Regency.objects.select_related("province"), code=code)
    if not permissions.can_view_cases(request.user, regency):
        raise Http404(_("Data tidak ditemukan."))
    return regency


@login_required
def case_list(request: HttpRequest, code: str) -> HttpResponse:
    regency = _regency(request, code)
    cases = list(
        permissions.cases_for(request.user)
        .filter(regency=regency)
        .prefetch_related("follow_ups")
        .order_by("-reported_on", "-pk")
    )
    for case in cases:
        case.may_follow_up = permissions.can_follow_up(request.user, case)
        case.form = FollowUpForm(prefix=f"k{case.pk}")
    return render(
        request,
        "reporting/cases.html",
        {"regency": regency, "cases": cases},
    )


@login_required
@require_POST
def case_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(permissions.cases_for(request.user), pk=pk)
    back = redirect("reporting:cases", case.regency_id)
    form = FollowUpForm(request.POST, request.FILES, prefix=f"k{case.pk}")
    if not form.is_valid():
        messages.error(
            request, " ".join(e for errs in form.errors.values() for e in errs)
        )
        return back
    try:
        stored = case_follow_up_add(
            case=case,
            uploads=form.cleaned_data["files"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except (ValidationError, Refusal) as exc:
        flash_refusal(request, exc)
    else:
        messages.success(
            request,
            _("%(ref)s: diunggah %(names)s; menunggu verifikasi Kanwil.")
            % {
                "ref": case.reference,
                "names": ", ".join(f.original_name for f in stored),
            },
        )
    return back


@login_required
def case_file_download(request: HttpRequest, pk: int) -> FileResponse:
    """Follow-up files leave only through here, to whoever may see the case."""
    follow_up = get_object_or_404(
        CaseFollowUp.objects.filter(case__in=permissions.cases_for(request.user)), pk=pk
    )
    return private_download(
        follow_up.file, follow_up.original_name, follow_up.content_type
    )
