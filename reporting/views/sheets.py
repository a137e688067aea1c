"""The offline spreadsheet: download the person's indicators, upload them back,
preview every change and confirm (all or nothing)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernel.errors import Refusal, flash_refusal, refusal_messages
from reporting import answer_sheet
from reporting.services import answer_sheets
from reporting.views.common import get_assessment, header_flags

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SheetUploadForm(forms.Form):
    sheet = forms.FileField(
        label=gettext_lazy("Lembar isian (XLSX)"),
        help_text=gettext_lazy(
            "Lembar yang diunduh dari halaman ini, diisi di Excel atau LibreOffice."
        ),
    )


def _answers_or_404(request: HttpRequest, assessment):
    answers = answer_sheets.sheet_answers(user=request.user, assessment=assessment)
    if answers is None:
        raise Http404
    return answers


@login_required
def sheet_download(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk)
    answers = list(_answers_or_404(request, assessment))
    content = answer_sheet.write_sheet(
        assessment, answers, answer_sheets.sheet_title(assessment)
    )
    response = HttpResponse(content, content_type=XLSX)
    name = slugify(
        f"lembar-isian-{assessment.regency.name}-{assessment.catalogue.year}"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def sheet_upload(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk)
    _answers_or_404(request, assessment)
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["sheet"]
        try:
            answer_sheet.check_size(upload.size)  # before reading it
            plan = answer_sheets.plan_sheet(
                user=request.user,
                assessment=assessment,
                content=upload.read(),
                file_name=upload.name[:200],
            )
        except (ValidationError, Refusal) as exc:
            errors = refusal_messages(exc)
        else:
            token = answer_sheets.plan_keep(plan)
            return redirect("reporting:sheet-preview", assessment.pk, token)
    return render(
        request,
        "reporting/sheet_upload.html",
        {
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "form": form,
            "errors": errors,
            "max_mb": answer_sheets.sheet_max_mb(),
            **header_flags(request, assessment),
        },
        status=400 if errors else 200,
    )


@login_required
def sheet_preview(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    assessment = get_assessment(request, pk)
    _answers_or_404(request, assessment)
    plan = answer_sheets.plan_load(
        token=token, user=request.user, assessment=assessment
    )
    if plan is None:
        messages.error(
            request,
            _("Pratinjau ini sudah tidak berlaku. Unggah lembar isian sekali lagi."),
        )
        return redirect("reporting:sheet-upload", assessment.pk)
    if request.method == "POST" and not plan.can_apply:
        messages.error(request, _("Tidak ada perubahan yang dapat disimpan."))
        return redirect("reporting:sheet-preview", assessment.pk, token)
    if request.method == "POST":
        try:
            saved = answer_sheets.sheet_apply(plan=plan, actor=request.user)
        except Refusal as exc:
            flash_refusal(request, exc)
            answer_sheets.plan_forget(token)
            return redirect("reporting:sheet-upload", assessment.pk)
        answer_sheets.plan_forget(token)
        messages.success(
            request,
            _("%(n)d jawaban dari lembar isian disimpan.") % {"n": saved},
        )
        return redirect("reporting:assessment-detail", assessment.pk)
    return render(
        request,
        "reporting/sheet_preview.html",
        {
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "plan": plan,
            **header_flags(request, assessment),
        },
    )
