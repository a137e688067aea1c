"""The case register in the console: the ministry registers cases and decides the
deduction they suggest; the Kanwil verifies the kab/kota's follow-up.

Every endpoint fetches through the admin's scoped queryset and calls one service.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access
from accounts.admin_scope import NationalReadModelAdmin, ScopedModelAdmin
from kernel.errors import Refusal
from kernel.forms import DayFirstDateField
from kernel.params import pk_or_none
from reporting import permissions
from reporting.models import Adjustment, ViolationCase, YearSettings
from reporting.services.register import (
    case_independence_refusal,
    case_register,
    case_resolution_refuse,
    case_resolution_verify,
    deduction_accept,
    deduction_propose,
)


class CaseForm(forms.ModelForm):
    class Meta:
        model = ViolationCase
        fields = ["regency", "title", "source", "reference", "reported_on", "is_sample"]
        # Typed day first, as every date of the portal (kernel/forms.py).
        field_classes = {"reported_on": DayFirstDateField}


@admin.register(ViolationCase)
class ViolationCaseAdmin(ScopedModelAdmin):
    form = CaseForm
    list_display = [
        "reference",
        "title",
        "regency",
        "source",
        "reported_on",
        "status",
        "is_sample",
    ]
    list_filter = ["status", "source", "regency__province"]
    list_select_related = ["regency"]
    search_fields = ["reference", "title", "regency__name"]
    autocomplete_fields = ["regency"]
    change_form_template = "admin/reporting/violationcase/change_form.html"

    def scope_queryset(self, request: HttpRequest, qs: QuerySet) -> QuerySet:
        return qs.filter(pk__in=permissions.cases_for(request.user).values("pk"))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        return [*CaseForm.Meta.fields, "status", "resolved_at", "resolved_by"]

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return permissions.can_register_cases(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: ViolationCase, form: Any, change: bool
    ) -> None:
        saved = case_register(
            regency=obj.regency,
            title=obj.title,
            source=obj.source,
            reference=obj.reference,
            reported_on=obj.reported_on,
            is_sample=obj.is_sample,
            actor=request.user,
        )
        obj.pk = saved.pk

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        case = self.get_object(request, object_id)
        may_verify = permissions.can_verify_case(request.user, case)
        context = {
            "case": case,
            "follow_ups": case.follow_ups.select_related("uploaded_by"),
            "may_verify": may_verify,
            "independence": may_verify
            and case_independence_refusal(request.user, case),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, context)

    def get_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/verifikasi/",
                wrap(require_POST(self.verify_view)),
                name="reporting_violationcase_verify",
            ),
            path(
                "<int:pk>/tolak/",
                wrap(require_POST(self.refuse_view)),
                name="reporting_violationcase_refuse",
            ),
            path(
                "usulan-pengurangan/<int:pk>/",
                wrap(self.deduction_view),
                name="reporting_violationcase_deduction",
            ),
            *super().get_urls(),
        ]

    def _run(self, request: HttpRequest, action: Any, success: str) -> None:
        try:
            action()
        except Refusal as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, success)

    def _back(self, pk: int) -> HttpResponse:
        return redirect(reverse("admin:reporting_violationcase_change", args=[pk]))

    def verify_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = get_object_or_404(self.get_queryset(request), pk=pk)
        self._run(
            request,
            lambda: case_resolution_verify(
                case=case, actor=request.user, note=request.POST.get("note", "")
            ),
            _("Penyelesaian kasus diverifikasi."),
        )
        return self._back(pk)

    def refuse_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = get_object_or_404(self.get_queryset(request), pk=pk)
        self._run(
            request,
            lambda: case_resolution_refuse(
                case=case, actor=request.user, note=request.POST.get("note", "")
            ),
            _("Tindak lanjut dikembalikan ke kabupaten/kota dengan catatan."),
        )
        return self._back(pk)

    def deduction_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The proposal for one assessment, and the team's decision on it."""
        if not access.scope_of(request.user).national:
            raise PermissionDenied
        assessment = get_object_or_404(
            permissions.assessments_for(request.user).select_related(
                "regency", "catalogue"
            ),
            pk=pk,
        )
        here = reverse("admin:reporting_violationcase_deduction", args=[pk])
        if request.method == "POST":
            try:
                points = Decimal(request.POST.get("points", "").replace(",", "."))
                if not points.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                messages.error(request, _("Nilai harus berupa angka."))
                return redirect(here)
            ids = [pk for v in request.POST.getlist("case") if (pk := pk_or_none(v))]
            self._run(
                request,
                lambda: deduction_accept(
                    assessment=assessment,
                    case_ids=ids,
                    points=points,
                    note=request.POST.get("note", ""),
                    actor=request.user,
                ),
                _("Pengurangan dicatat dengan daftar kasusnya."),
            )
            return redirect(here)
        proposal = deduction_propose(
            catalogue=assessment.catalogue, regency=assessment.regency
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Usulan pengurangan: %(r)s %(y)s")
            % {"r": assessment.regency.name, "y": assessment.catalogue.year},
            "assessment": assessment,
            "proposal": proposal,
            "may_decide": permissions.can_finalise(request.user, assessment),
            "deductions": assessment.adjustments.filter(
                kind=Adjustment.Kind.DEDUCTION
            ).prefetch_related("cases"),
        }
        return TemplateResponse(
            request, "admin/reporting/violationcase/deduction.html", context
        )


@admin.register(YearSettings)
class YearSettingsAdmin(NationalReadModelAdmin):
    list_display = [
        "catalogue",
        "cutoff_date",
        "deduction_per_case",
        "best_min_aksi_score",
        "best_years_running",
        "best_rule",
        "best_count",
    ]
