"""OPD pages: the assessment overview, one category's form, saving and evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reporting import permissions, selectors
from reporting.forms import AnswerForm, EvidenceForm
from reporting.models import Preview
from reporting.services import WorkflowError
from reporting.services.answers import AnswerConflict, answer_save, input_problem
from reporting.services.evidence import evidence_attach, evidence_remove
from reporting.services.notifications import mark_read
from reporting.services.previews import preview_show
from reporting.services.workflow import answer_mark_ready
from reporting.views.common import (
    get_answer,
    get_assessment,
    get_evidence,
    private_download,
)


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = permissions.assessments_for(request.user).select_related(
        "regency", "catalogue"
    )
    if assessments.count() == 1:
        return redirect("reporting:assessment-detail", assessments.get().pk)
    return render(
        request, "reporting/assessment_list.html", {"assessments": assessments[:200]}
    )


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk)
    categories, overall = selectors.progress_by_category(
        user=request.user, assessment=assessment
    )
    return render(
        request,
        "reporting/assessment_detail.html",
        {
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "categories": categories,
            "overall": overall,
            "mine": selectors.my_answers(user=request.user, assessment=assessment),
            "is_coordinator": permissions.is_coordinator(request.user, assessment),
        },
    )


def _cards(request: HttpRequest, assessment, category, bound=None):
    """Each answer with its form (bound for the one just posted) and its edit state."""
    cards = []
    for answer in selectors.answers_for_page(
        user=request.user, assessment=assessment, category=category
    ):
        form = bound if bound is not None and bound.prefix == f"a{answer.pk}" else None
        cards.append(
            {
                "answer": answer,
                "form": form or AnswerForm(answer=answer),
                "refusal": permissions.edit_refusal(request.user, answer),
                "problem": input_problem(answer),
                "evidence_form": EvidenceForm(prefix=f"e{answer.pk}"),
            }
        )
    return cards


@login_required
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """Every status change and every changed field of the answers the user may see."""
    assessment = get_assessment(request, pk)
    return render(
        request,
        "reporting/timeline.html",
        {
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "entries": selectors.timeline(user=request.user, assessment=assessment),
            "is_coordinator": permissions.is_coordinator(request.user, assessment),
        },
    )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's notices; opening the page marks them read."""
    notices = list(request.user.notifications.select_related("assessment")[:100])
    mark_read(user=request.user, ids=[n.pk for n in notices if n.read_at is None])
    return render(request, "reporting/notifications.html", {"notices": notices})


@login_required
def category_page(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    assessment = get_assessment(request, pk)
    category = get_object_or_404(assessment.catalogue.categories, code=code)
    return render(
        request,
        "reporting/category.html",
        {
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "category": category,
            "cards": _cards(request, assessment, category),
        },
    )


@login_required
@require_POST
def answer_save_view(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_answer(request, pk)
    form = AnswerForm(request.POST, answer=answer)
    error, status, saved = None, 200, False
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        status = 400
    else:
        try:
            result = answer_save(
                answer=answer,
                raw_value=form.cleaned_data.get("raw_value", ""),
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
            # Saved even when the value does not validate yet: the text is kept.
            answer, error, saved = result.answer, result.error, True
        except AnswerConflict as exc:
            error, status = str(exc), 409
        except WorkflowError as exc:
            error, status = str(exc), 403
    if request.headers.get("HX-Request") == "true":
        # htmx swaps 200 responses only; the fragment carries the outcome.
        return render(
            request,
            "reporting/_save_status.html",
            {"answer": answer, "error": error, "saved": saved},
        )
    if saved and not error:
        messages.success(
            request, _("%(code)s: tersimpan.") % {"code": answer.indicator.code}
        )
        return _back_to(answer)
    messages.error(request, error)
    if saved:
        return _back_to(answer)
    category = answer.indicator.category
    return render(
        request,
        "reporting/category.html",
        {
            "assessment": answer.assessment,
            "catalogue": answer.assessment.catalogue,
            "category": category,
            "cards": _cards(request, answer.assessment, category, form),
        },
        status=status,
    )


def _back_to(answer) -> HttpResponse:
    url = reverse(
        "reporting:category",
        args=[answer.assessment_id, answer.indicator.category.code],
    )
    return redirect(f"{url}#indikator-{answer.indicator.code}")


@login_required
@require_POST
def answer_ready(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_answer(request, pk)
    try:
        answer_mark_ready(answer=answer, actor=request.user)
        messages.success(
            request,
            _("%(code)s: ditandai siap dikirim.") % {"code": answer.indicator.code},
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return _back_to(answer)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_answer(request, pk)
    form = EvidenceForm(request.POST, request.FILES, prefix=f"e{answer.pk}")
    if not form.is_valid():
        messages.error(
            request, " ".join(e for errs in form.errors.values() for e in errs)
        )
        return _back_to(answer)
    try:
        result = evidence_attach(
            answer=answer,
            uploads=form.cleaned_data["files"],
            actor=request.user,
            effective_date=form.cleaned_data["effective_date"],
        )
    except (ValidationError, WorkflowError) as exc:
        for message in getattr(exc, "messages", [str(exc)]):
            messages.error(request, message)
    else:
        names = ", ".join(e.original_name for e in result.stored)
        messages.success(
            request,
            _("%(code)s: diunggah %(names)s.")
            % {"code": answer.indicator.code, "names": names},
        )
        for note in result.notes:
            messages.info(request, note)
    return _back_to(answer)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence leaves only through here, as an attachment that browsers do not render."""
    evidence = get_evidence(request, pk)
    return private_download(
        evidence.file, evidence.original_name, evidence.content_type
    )


@login_required
def evidence_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """A small PNG (or the image itself) for the console; same permission as download.

    Never draws anything: a missing preview is queued by the review page, a failed one
    answers at once (the file itself is still downloadable).
    """
    evidence = get_evidence(request, pk)
    shown = preview_show(evidence)
    if shown.content is None:
        pending = shown.state in (Preview.Status.PENDING, Preview.Status.RUNNING)
        message = (
            _("Pratinjau sedang dibuat.") if pending else _("Pratinjau tidak tersedia.")
        )
        response = HttpResponse(
            message,
            status=202 if pending else 404,
            content_type="text/plain; charset=utf-8",
        )
        response["Cache-Control"] = "private, no-store"
    else:
        response = HttpResponse(shown.content, content_type=shown.content_type)
        response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_evidence(request, pk)
    answer = evidence.answer
    try:
        evidence_remove(evidence=evidence, actor=request.user)
        messages.success(
            request, _("%(name)s dihapus.") % {"name": evidence.original_name}
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return _back_to(answer)
