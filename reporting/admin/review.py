"""The verification console: one page per kab/kota with every answer and its evidence.

Views here only fetch through the admin's scoped queryset, bind a form and call a
service; the services decide who may do what.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from files.services.previews import preview_states, previews_request
from kernel.errors import Refusal
from kernel.params import pk_or_none
from kernel.review import ReturnReason
from reporting import hooks, permissions
from reporting.admin.forms import ReviewFilterForm
from reporting.models import Adjustment, Answer, Evidence
from reporting.selectors.verification import (
    console_answers,
    last_round_at,
    review_sections,
)
from reporting.services.central import adjustment_add, assessment_finalise
from reporting.services.verification import (
    answer_accept,
    answer_correct,
    answer_return,
    answers_accept_bulk,
    assessment_forward,
    assessment_return_to_region,
    forward_refusal,
    return_refusal,
)


class ReviewViewsMixin:
    """Adds the review page and its POST endpoints to AssessmentAdmin."""

    def review_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/verifikasi/",
                wrap(self.review_view),
                name="reporting_assessment_review",
            ),
            path(
                "<int:pk>/keputusan/",
                wrap(require_POST(self.decide_view)),
                name="reporting_assessment_decide",
            ),
            path(
                "<int:pk>/kembalikan/",
                wrap(require_POST(self.return_view)),
                name="reporting_assessment_return",
            ),
            path(
                "<int:pk>/teruskan/",
                wrap(require_POST(self.forward_view)),
                name="reporting_assessment_forward",
            ),
            path(
                "<int:pk>/penyesuaian/",
                wrap(require_POST(self.adjust_view)),
                name="reporting_assessment_adjust",
            ),
            path(
                "<int:pk>/bonus-aksi-ham/",
                wrap(require_POST(self.aksiham_bonus_view)),
                name="reporting_assessment_aksiham_bonus",
            ),
            path(
                "<int:pk>/pratinjau/",
                wrap(require_POST(self.previews_view)),
                name="reporting_assessment_previews",
            ),
            path(
                "<int:pk>/final/",
                wrap(require_POST(self.finalise_view)),
                name="reporting_assessment_finalise",
            ),
        ]

    def _assessment(self, request: HttpRequest, pk: int):
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def review_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = self._assessment(request, pk)
        form = ReviewFilterForm(request.GET)
        if not form.is_valid():
            messages.error(
                request,
                _("Saringan tidak dikenal; semua jawaban ditampilkan."),
            )
        filters = form.filters()
        since = last_round_at(assessment)
        answers = console_answers(assessment, filters, since=since)
        sections, counts = review_sections(assessment, answers)
        files = [e for answer in answers for e in answer.evidence.all()]
        # One page view queues a bounded number of drawings; the rest on request.
        previews_request(files, limit=settings.PREVIEW_PER_PAGE)
        states = preview_states(files)
        data_year = assessment.catalogue.data_year
        for evidence in files:
            evidence.preview_state = states[evidence.pk]
            evidence.stale = bool(
                evidence.effective_date and evidence.effective_date.year < data_year
            )
        for answer in answers:
            answer.can_decide = permissions.can_decide(request.user, answer)
            answer.can_accept = permissions.can_accept(request.user, answer)
            answer.can_correct = permissions.can_correct(request.user, answer)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "assessment": assessment,
            "answers": answers,
            "sections": sections,
            "filter_form": form,
            "filters": filters,
            "keep": form.query(),
            "last_round_at": since,
            "title": _("Verifikasi %(r)s") % {"r": assessment.regency.name},
            "reasons": ReturnReason.choices,
            "counts": counts,
            "carried": {
                "unchanged": sum(a.unchanged_since_last_year is True for a in answers),
                "changed": sum(a.unchanged_since_last_year is False for a in answers),
            },
            "may_bulk_accept": any(answer.can_accept for answer in answers),
            "is_verifier": permissions.is_verifier(request.user, assessment),
            "return_refusal": return_refusal(assessment),
            "forward_refusal": forward_refusal(assessment),
            "returned_codes": list(
                assessment.answers.filter(status=Answer.Status.RETURNED)
                .order_by("indicator__category__order", "indicator__order")
                .values_list("indicator__code", flat=True)
            ),
            "is_assessor": permissions.is_assessor(request.user),
            "can_finalise": permissions.can_finalise(request.user, assessment),
            "adjustments": assessment.adjustments.select_related("created_by"),
            "aksiham_offer": hooks.bonus_offer(assessment),
            "adjustment_kinds": Adjustment.Kind.choices,
            "events": assessment.events.select_related("actor", "answer__indicator")[
                :50
            ],
            "approvals": assessment.approvals.all(),
        }
        return TemplateResponse(
            request, "admin/reporting/assessment/review.html", context
        )

    def _done(self, request: HttpRequest, pk: int, anchor: str = "") -> HttpResponse:
        """Back to the review page, in the view (filters) the decision came from."""
        url = reverse("admin:reporting_assessment_review", args=[pk])
        keep = ReviewFilterForm(QueryDict(request.POST.get("keep", ""))).query()
        if keep:
            url = f"{url}?{keep}"
        return redirect(f"{url}#{anchor}" if anchor else url)

    def _next_anchor(self, answer: Answer) -> str:
        """Where the keyboard goes on after a decision: the next answer still waiting
        (in catalogue order), else the decided one."""
        following = (
            answer.assessment.answers.filter(status=Answer.Status.SUBMITTED)
            .filter(
                Q(indicator__category__order__gt=answer.indicator.category.order)
                | Q(
                    indicator__category__order=answer.indicator.category.order,
                    indicator__order__gt=answer.indicator.order,
                )
            )
            .order_by("indicator__category__order", "indicator__order")
            .values_list("pk", flat=True)
            .first()
        )
        return f"jawaban-{following or answer.pk}"

    def _run(self, request: HttpRequest, action: Any, success: str) -> bool:
        try:
            action()
        except Refusal as exc:
            messages.error(request, str(exc))
            return False
        messages.success(request, success)
        return True

    def decide_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = self._assessment(request, pk)
        decision = request.POST.get("decision", "")
        if decision == "bulk_accept":
            self._bulk_accept(request, assessment)
            return self._done(request, pk)
        answer_id = pk_or_none(request.POST.get("answer"))
        if answer_id is None:
            messages.error(request, _("Pilih jawaban yang diputuskan."))
            return self._done(request, pk)
        answer = get_object_or_404(
            assessment.answers.select_related("indicator__category"), pk=answer_id
        )
        code = answer.indicator.code
        done = False
        if decision == "accept":
            done = self._run(
                request,
                lambda: answer_accept(answer=answer, actor=request.user),
                _("%(code)s diterima.") % {"code": code},
            )
        elif decision == "return":
            done = self._run(
                request,
                lambda: answer_return(
                    answer=answer,
                    reasons=request.POST.getlist("reasons"),
                    note=request.POST.get("note", ""),
                    actor=request.user,
                ),
                _("%(code)s ditandai untuk dikembalikan.") % {"code": code},
            )
        elif decision == "correct":
            self._run(
                request,
                lambda: answer_correct(
                    answer=answer,
                    raw_value=request.POST.get("raw_value", ""),
                    note=request.POST.get("note", ""),
                    actor=request.user,
                ),
                _("Nilai %(code)s dikoreksi.") % {"code": code},
            )
        else:
            messages.error(request, _("Keputusan tidak dikenal."))
        # Decided: on to the next waiting answer; refused or corrected (still to
        # decide): back to this one.
        anchor = self._next_anchor(answer) if done else f"jawaban-{answer.pk}"
        return self._done(request, pk, anchor)

    def _bulk_accept(self, request: HttpRequest, assessment: Any) -> None:
        """Say how many were accepted, and how many chosen were not waiting."""
        ids = {pk_or_none(i) for i in request.POST.getlist("answer_ids")} - {None}
        try:
            accepted = answers_accept_bulk(
                assessment=assessment, answer_ids=list(ids), actor=request.user
            )
        except Refusal as exc:
            messages.error(request, str(exc))
            return
        if accepted:
            messages.success(request, _("%(n)d jawaban diterima.") % {"n": accepted})
        skipped = len(ids) - accepted
        if skipped or not accepted:
            messages.warning(
                request,
                _(
                    "%(n)d jawaban yang dipilih tidak diterima karena tidak sedang "
                    "menunggu keputusan."
                )
                % {"n": skipped},
            )

    def _confirmed(self, request: HttpRequest, refusal: str | None) -> bool:
        """An allowed irreversible step runs only with its summary confirmed; a
        refused one is refused for its own reason."""
        if refusal or request.POST.get("confirm") == "yes":
            return True
        messages.error(
            request, _("Baca ringkasannya dan centang konfirmasi sebelum melanjutkan.")
        )
        return False

    def return_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = self._assessment(request, pk)
        if not self._confirmed(request, return_refusal(assessment)):
            return self._done(request, pk)
        self._run(
            request,
            lambda: assessment_return_to_region(
                assessment=assessment, actor=request.user
            ),
            _("Jawaban yang perlu diperbaiki dikirim kembali ke daerah."),
        )
        return self._done(request, pk)

    def previews_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The "Tampilkan pratinjau" button: queue one file of this kab/kota (once, ever)."""
        assessment = self._assessment(request, pk)
        raw = request.POST.get("evidence", "")
        evidence = None
        if raw.isascii() and raw.isdigit() and len(raw) < 19:
            evidence = Evidence.objects.filter(
                answer__assessment=assessment, pk=int(raw)
            ).first()
        if evidence is None:
            messages.error(request, _("Berkas tidak ditemukan."))
            return self._done(request, pk)
        previews_request([evidence], limit=1)
        return self._done(request, pk, f"jawaban-{evidence.answer_id}")

    def forward_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = self._assessment(request, pk)
        if not self._confirmed(request, forward_refusal(assessment)):
            return self._done(request, pk)
        self._run(
            request,
            lambda: assessment_forward(assessment=assessment, actor=request.user),
            _("Penilaian diteruskan ke Kementerian."),
        )
        return self._done(request, pk)

    def adjust_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = self._assessment(request, pk)
        try:
            points = Decimal(request.POST.get("points", "").replace(",", "."))
            if not points.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            messages.error(request, _("Nilai harus berupa angka."))
            return self._done(request, pk, "penyesuaian")
        self._run(
            request,
            lambda: adjustment_add(
                assessment=assessment,
                kind=request.POST.get("kind", ""),
                points=points,
                basis=request.POST.get("basis", ""),
                actor=request.user,
            ),
            _("Penyesuaian dicatat."),
        )
        return self._done(request, pk, "penyesuaian")

    def aksiham_bonus_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = self._assessment(request, pk)
        self._run(
            request,
            lambda: hooks.bonus_apply(assessment=assessment, actor=request.user),
            _("Bonus Aksi HAM dicatat."),
        )
        return self._done(request, pk, "penyesuaian")

    def finalise_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = self._assessment(request, pk)
        self._run(
            request,
            lambda: assessment_finalise(assessment=assessment, actor=request.user),
            _("Penilaian difinalkan."),
        )
        return self._done(request, pk)
