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

from files.downloads import private_download
from files.models import Preview
from files.services.previews import preview_show
from kernel.conflicts import EDIT, THEIRS, ResolutionForm
from kernel.errors import Refusal, refusal_messages
from reporting import permissions, selectors
from reporting.conflicts import for_answer
from reporting.forms import AnswerForm, EvidenceForm
from reporting.selectors.carry import carry_offered
from reporting.services.answers import AnswerConflict, answer_save, input_problem
from reporting.services.carry import (
    answer_carry_change,
    answer_carry_keep,
    carry_refusal,
)
from reporting.services.evidence import evidence_attach, evidence_remove
from reporting.services.workflow import answer_mark_ready
from reporting.views.common import (
    get_answer,
    get_assessment,
    get_evidence,
    header_flags,
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
            "carry_offered": carry_offered(user=request.user, assessment=assessment)
            and carry_refusal(request.user, assessment) is None,
            **header_flags(request, assessment),
        },
    )


def _card(request: HttpRequest, answer, focus=None) -> dict:
    """One answer with its form and edit state; ``focus`` is the one just posted.

    ``focus`` holds that answer's ``form`` (what the person typed) and, after a
    conflict, the ``conflict`` panel to show inside it.
    """
    mine = focus and focus.get("answer_id") == answer.pk
    return {
        "answer": answer,
        "form": focus["form"] if mine else AnswerForm(answer=answer),
        "conflict": focus.get("conflict") if mine else None,
        "refusal": permissions.edit_refusal(request.user, answer),
        "problem": input_problem(answer),
        "stale_evidence": _older_than_data_year(answer),
        "evidence_form": EvidenceForm(prefix=f"e{answer.pk}"),
    }


def _older_than_data_year(answer) -> set[int]:
    """The answer's files dated before the year the assessment asks about."""
    data_year = answer.assessment.catalogue.data_year
    return {
        e.pk
        for e in answer.evidence.all()
        if e.effective_date and e.effective_date.year < data_year
    }


def _cards(request: HttpRequest, assessment, category, focus=None):
    """Each answer of the category as a card (see ``_card``)."""
    return [
        _card(request, answer, focus)
        for answer in selectors.answers_for_page(
            user=request.user, assessment=assessment, category=category
        )
    ]


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
            **header_flags(request, assessment),
        },
    )


@login_required
@require_POST
def answer_save_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one answer (autosave or Simpan), or apply the choice made on a conflict."""
    answer = get_answer(request, pk)
    form = AnswerForm(request.POST, answer=answer)
    choice = ResolutionForm(request.POST, prefix=f"a{answer.pk}")
    if not form.is_valid() or not choice.is_valid():
        problems = [str(e) for errors in form.errors.values() for e in errors] + [
            choice.problems()
        ]
        return _save_outcome(
            request, answer, form, error=" ".join(p for p in problems if p), status=400
        )
    mine = {
        "raw_value": form.cleaned_data.get("raw_value", "").strip(),
        "note": form.cleaned_data["note"].strip(),
    }
    resolution = choice.cleaned_data["resolution"]
    if resolution == THEIRS:
        # Nothing is saved; what was typed is shown once more, to copy from.
        typed = for_answer(answer, mine).typed()
        messages.info(
            request,
            _(
                "%(code)s: isian yang tersimpan dimuat. Isian Anda tidak disimpan: "
                "%(typed)s."
            )
            % {"code": answer.indicator.code, "typed": typed},
        )
        return _back_to(answer)
    # A choice is made at the version the person was shown, never the form's own.
    expected = choice.cleaned_data["seen_version"] if resolution else None
    if expected is None:
        expected = form.cleaned_data["version"]
    refusal = permissions.edit_refusal(request.user, answer)
    if resolution == EDIT and refusal:
        return _save_outcome(request, answer, form, error=refusal, status=403)
    if resolution == EDIT and answer.version == expected:
        return _edit_against(request, answer, mine, expected)
    try:
        if resolution == EDIT:  # someone saved again after the person looked
            raise AnswerConflict(answer, mine)
        result = answer_save(
            answer=answer,
            raw_value=mine["raw_value"],
            note=mine["note"],
            expected_version=expected,
            actor=request.user,
        )
    except AnswerConflict as exc:
        return _save_outcome(
            request,
            exc.answer,
            form,
            error=str(exc),
            status=409,
            conflict=for_answer(exc.answer, exc.yours, viewer=request.user),
        )
    except Refusal as exc:
        return _save_outcome(request, answer, form, error=str(exc), status=403)
    # Saved even when the value does not validate yet: the text is kept.
    return _save_outcome(
        request, result.answer, form, error=result.error, status=200, saved=True
    )


def _save_outcome(
    request, answer, form, *, error, status, saved=False, conflict=None
) -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        # htmx swaps 200 responses only; the fragment carries the outcome. A
        # conflict brings its panel but leaves the form's version as it was.
        return render(
            request,
            "reporting/_save_status.html",
            {"answer": answer, "error": error, "saved": saved, "conflict": conflict},
        )
    if saved and not error:
        messages.success(
            request, _("%(code)s: tersimpan.") % {"code": answer.indicator.code}
        )
        return _back_to(answer)
    messages.error(request, error)
    if saved:
        return _back_to(answer)
    focus = {"answer_id": answer.pk, "form": form, "conflict": conflict}
    return _category_page(request, answer, focus, status)


def _edit_against(request, answer, mine, version: int) -> HttpResponse:
    """The person's typing in the form, based on the version shown, theirs beside it."""
    form = AnswerForm(answer=answer, initial={**mine, "version": version})
    messages.info(
        request,
        _(
            "%(code)s: sunting isian Anda; isian yang tersimpan tampil sebagai "
            "pembanding. Simpan bila sudah benar."
        )
        % {"code": answer.indicator.code},
    )
    focus = {
        "answer_id": answer.pk,
        "form": form,
        "conflict": for_answer(answer, mine, viewer=request.user, mode=EDIT),
    }
    return _category_page(request, answer, focus, 200)


def _category_page(request, answer, focus, status) -> HttpResponse:
    category = answer.indicator.category
    return render(
        request,
        "reporting/category.html",
        {
            "assessment": answer.assessment,
            "catalogue": answer.assessment.catalogue,
            "category": category,
            "cards": _cards(request, answer.assessment, category, focus),
            **header_flags(request, answer.assessment),
        },
        status=status,
    )


def _back_to(answer) -> HttpResponse:
    url = reverse(
        "reporting:category",
        args=[answer.assessment_id, answer.indicator.category.code],
    )
    return redirect(f"{url}#indikator-{answer.indicator.code}")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


class _Outcome:
    """What an action on one answer says: messages for the next page, or the card's own."""

    LOOKS = {
        messages.SUCCESS: "success",
        messages.INFO: "info",
        messages.ERROR: "danger",
    }

    def __init__(self) -> None:
        self.lines: list[tuple[int, str]] = []

    def add(self, level: int, text: str) -> None:
        self.lines.append((level, str(text)))


def _after_action(
    request: HttpRequest, answer, outcome: _Outcome, *, place: str
) -> HttpResponse:
    """Mark ready, upload and removal end here.

    A plain request flashes the messages and goes back to the category page; an
    htmx request gets that answer's card alone, read again, with the messages in it
    at ``place`` ("ready" or "evidence") and for the page's live region. It answers
    200 even for a refusal: htmx swaps only those, and the card carries the outcome.
    """
    if not _is_htmx(request):
        for level, text in outcome.lines:
            messages.add_message(request, level, text)
        return _back_to(answer)
    shown = selectors.answer_for_card(user=request.user, answer=answer)
    card = _card(request, shown)
    card["outcome"] = [
        {"look": _Outcome.LOOKS[level], "text": text} for level, text in outcome.lines
    ]
    card["outcome_at"] = place
    return render(
        request,
        "reporting/_answer_card_swap.html",
        {"card": card, "news": " ".join(text for _level, text in outcome.lines)},
    )


@login_required
@require_POST
def answer_ready(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_answer(request, pk)
    outcome = _Outcome()
    try:
        answer_mark_ready(answer=answer, actor=request.user)
        outcome.add(
            messages.SUCCESS,
            _("%(code)s: ditandai siap dikirim.") % {"code": answer.indicator.code},
        )
    except Refusal as exc:
        outcome.add(messages.ERROR, str(exc))
    return _after_action(request, answer, outcome, place="ready")


@login_required
@require_POST
def answer_keep(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: the answer carried from last year stays as it is (and is ready)."""
    answer = get_answer(request, pk)
    outcome = _Outcome()
    try:
        answer_carry_keep(answer=answer, actor=request.user)
        outcome.add(
            messages.SUCCESS,
            _("%(code)s: sama dengan tahun lalu, ditandai siap dikirim.")
            % {"code": answer.indicator.code},
        )
    except Refusal as exc:
        outcome.add(messages.ERROR, str(exc))
    return _after_action(request, answer, outcome, place="ready")


@login_required
@require_POST
def answer_change(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: the answer carried from last year opens for editing."""
    answer = get_answer(request, pk)
    outcome = _Outcome()
    try:
        answer_carry_change(answer=answer, actor=request.user)
        outcome.add(
            messages.INFO,
            _("%(code)s: ubah isian dan data dukungnya, lalu tandai siap dikirim.")
            % {"code": answer.indicator.code},
        )
    except Refusal as exc:
        outcome.add(messages.ERROR, str(exc))
    return _after_action(request, answer, outcome, place="ready")


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_answer(request, pk)
    outcome = _Outcome()
    form = EvidenceForm(request.POST, request.FILES, prefix=f"e{answer.pk}")
    if not form.is_valid():
        outcome.add(
            messages.ERROR, " ".join(e for errs in form.errors.values() for e in errs)
        )
        return _after_action(request, answer, outcome, place="evidence")
    try:
        result = evidence_attach(
            answer=answer,
            uploads=form.cleaned_data["files"],
            actor=request.user,
            effective_date=form.cleaned_data["effective_date"],
        )
    except (ValidationError, Refusal) as exc:
        for message in refusal_messages(exc):
            outcome.add(messages.ERROR, message)
    else:
        names = ", ".join(e.original_name for e in result.stored)
        outcome.add(
            messages.SUCCESS,
            _("%(code)s: diunggah %(names)s.")
            % {"code": answer.indicator.code, "names": names},
        )
        for note in result.notes:
            outcome.add(messages.INFO, note)
    return _after_action(request, answer, outcome, place="evidence")


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
    outcome = _Outcome()
    try:
        evidence_remove(
            evidence=evidence,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
        outcome.add(
            messages.SUCCESS, _("%(name)s dihapus.") % {"name": evidence.original_name}
        )
    except Refusal as exc:
        outcome.add(messages.ERROR, str(exc))
    return _after_action(request, answer, outcome, place="evidence")
