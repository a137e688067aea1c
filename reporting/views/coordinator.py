"""Coordinator pages: assign indicators to OPD, invite staff, review, approve, submit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from files.downloads import private_download
from kernel.errors import Refusal, flash_refusal
from kernel.params import pk_or_none
from regions.selectors import active_agencies
from reporting import permissions, selectors
from reporting.forms import ApprovalForm, AssignForm, BulkAssignForm, InviteForm
from reporting.models import Answer, Approval
from reporting.services.assessments import (
    answer_assign,
    answers_assign,
    answers_assign_by_type,
    approval_record,
    operator_invite,
)
from reporting.services.workflow import assessment_submit
from reporting.views.common import get_assessment, header_flags


def _coordinated(request: HttpRequest, pk: int):
    assessment = get_assessment(request, pk)
    if not permissions.is_coordinator(request.user, assessment):
        raise PermissionDenied
    return assessment


def _errors(request: HttpRequest, exc: Exception) -> None:
    flash_refusal(request, exc)


@login_required
def assignment(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _coordinated(request, pk)
    if request.method == "POST" and "bulk" in request.POST:
        return _assign_many(request, assessment)
    if request.method == "POST":
        answer = get_object_or_404(
            assessment.answers, pk=pk_or_none(request.POST.get("answer"))
        )
        form = AssignForm(request.POST, regency_code=assessment.regency_id)
        if form.is_valid():
            try:
                answer_assign(
                    answer=answer,
                    agency=form.cleaned_data["agency"],
                    actor=request.user,
                )
                messages.success(
                    request, _("%(code)s ditugaskan.") % {"code": answer.indicator.code}
                )
            except (ValidationError, Refusal) as exc:
                _errors(request, exc)
        else:
            _errors(
                request,
                ValidationError([e for errs in form.errors.values() for e in errs]),
            )
        return redirect("reporting:assignment", assessment.pk)
    answers = assessment.answers.select_related(
        "indicator__category", "agency", "indicator__responsible_agency_type"
    )
    # Every row offers the same OPDs: read once, not once per indicator.
    agencies = list(active_agencies(assessment.regency_id))
    return render(
        request,
        "reporting/assignment.html",
        {
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "answers": answers,
            "agencies": agencies,
            "bulk_form": BulkAssignForm(assessment=assessment),
            "invite_form": InviteForm(regency_code=assessment.regency_id),
            **header_flags(request, assessment),
        },
    )


def _assign_many(request: HttpRequest, assessment) -> HttpResponse:
    """The bulk bar: the ticked indicators, or one responsible type, to one OPD."""
    form = BulkAssignForm(request.POST, assessment=assessment)
    if not form.is_valid():
        _errors(
            request, ValidationError([e for errs in form.errors.values() for e in errs])
        )
        return redirect("reporting:assignment", assessment.pk)
    agency, kind = form.cleaned_data["agency"], form.cleaned_data["agency_type"]
    try:
        changed = answers_assign(
            assessment=assessment,
            agency=agency,
            actor=request.user,
            answer_ids=form.cleaned_data["answers"] or None,
            agency_type_id=kind.pk if kind else None,
        )
    except Refusal as exc:
        _errors(request, exc)
        return redirect("reporting:assignment", assessment.pk)
    if agency is None:
        text = _("%(n)d indikator dilepas dari OPD-nya.") % {"n": changed}
    else:
        text = _("%(n)d indikator ditugaskan kepada %(agency)s.") % {
            "n": changed,
            "agency": agency.name,
        }
    messages.success(request, text)
    return redirect("reporting:assignment", assessment.pk)


@login_required
@require_POST
def assign_by_type(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _coordinated(request, pk)
    try:
        assigned, unmatched = answers_assign_by_type(
            assessment=assessment, actor=request.user
        )
    except Refusal as exc:
        _errors(request, exc)
        return redirect("reporting:assignment", assessment.pk)
    messages.success(
        request,
        _("%(n)d indikator ditugaskan menurut OPD penanggung jawabnya.")
        % {"n": assigned},
    )
    if unmatched:
        messages.warning(
            request,
            _("%(n)d indikator belum punya OPD yang cocok; tugaskan satu per satu.")
            % {"n": unmatched},
        )
    return redirect("reporting:assignment", assessment.pk)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _coordinated(request, pk)
    form = InviteForm(request.POST, regency_code=assessment.regency_id)
    if form.is_valid():
        try:
            operator_invite(
                assessment=assessment,
                actor=request.user,
                request=request,
                **form.cleaned_data,
            )
            # The same words whatever happened: whether the e-mail already has an
            # account, and what it holds, is not the coordinator's to learn.
            messages.success(
                request,
                _(
                    "Undangan untuk %(email)s sudah diterima. Bila alamat ini belum "
                    "terdaftar, pemiliknya menerima surel untuk mengatur kata sandi; "
                    "bila sudah terdaftar, administrator meninjau permintaan ini "
                    "lebih dahulu."
                )
                % {"email": form.cleaned_data["email"].strip().lower()},
            )
        except (ValidationError, Refusal) as exc:
            _errors(request, exc)
    else:
        _errors(
            request, ValidationError([e for errs in form.errors.values() for e in errs])
        )
    return redirect("reporting:assignment", assessment.pk)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk)
    filters = {k: request.GET.get(k, "")[:20] for k in ("category", "agency", "status")}
    answers = selectors.review_answers(
        user=request.user, assessment=assessment, **filters
    )
    flags = header_flags(request, assessment)
    refusal = permissions.submit_refusal(request.user, assessment)
    return render(
        request,
        "reporting/review.html",
        {
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "answers": answers,
            "filters": filters,
            "statuses": Answer.Status.choices,
            "categories": assessment.catalogue.categories.all(),
            "agencies": assessment.regency.agencies.filter(is_active=True),
            "approvals": assessment.approvals.all(),
            "approval_form": ApprovalForm(),
            **flags,
            "submit_refusal": refusal,
            "summary": selectors.submission_summary(assessment=assessment)
            if flags["is_coordinator"] and not refusal
            else None,
        },
    )


@login_required
@require_POST
def approval(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _coordinated(request, pk)
    form = ApprovalForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            approval_record(
                assessment=assessment, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("Persetujuan pimpinan daerah dicatat."))
        except (ValidationError, Refusal) as exc:
            _errors(request, exc)
    else:
        _errors(
            request, ValidationError([e for errs in form.errors.values() for e in errs])
        )
    return redirect("reporting:review", assessment.pk)


@login_required
def approval_download(request: HttpRequest, pk: int) -> FileResponse:
    record = get_object_or_404(Approval, pk=pk)
    get_assessment(request, record.assessment_id)
    return private_download(record.file, record.original_name, record.content_type)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk)
    refusal = permissions.submit_refusal(request.user, assessment)
    if not refusal and request.POST.get("confirm") != "yes":
        messages.error(
            request,
            _(
                "Periksa ringkasan di bawah, lalu centang persetujuan pengiriman "
                "sebelum mengirim."
            ),
        )
        return redirect("reporting:review", assessment.pk)
    try:
        assessment_submit(assessment=assessment, actor=request.user)
        messages.success(
            request, _("Penilaian dikirim ke Kanwil. Semua isian kini terkunci.")
        )
    except Refusal as exc:
        messages.error(request, str(exc))
    return redirect("reporting:review", assessment.pk)
