"""Assessments in the staff console: opening the year, extensions, history."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from accounts import access
from accounts.admin_scope import ScopedModelAdmin
from reporting.admin_forms import ExtendForm, OpenAssessmentsForm
from reporting.models import Assessment, ReviewEvent
from reporting.services import WorkflowError
from reporting.services.assessments import assessment_extend, assessments_open


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    fields = ["created_at", "actor", "answer", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False
    ordering = ["-created_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.can_use_staff_console(request.user)

    def get_queryset(self, request: HttpRequest):
        return (
            super().get_queryset(request).select_related("actor", "answer__indicator")
        )


@admin.register(Assessment)
class AssessmentAdmin(ScopedModelAdmin):
    scope_prefix = "regency__"
    list_display = [
        "regency",
        "catalogue",
        "status",
        "deadline",
        "extended_until",
        "submitted_at",
    ]
    list_filter = ["status", "catalogue"]
    list_select_related = ["regency", "catalogue"]
    search_fields = ["regency__name", "regency__code"]
    readonly_fields = [
        "regency",
        "catalogue",
        "status",
        "deadline",
        "extended_until",
        "extension_reason",
        "submitted_at",
        "created_at",
    ]
    fields = readonly_fields
    inlines = [ReviewEventInline]
    change_list_template = "admin/reporting/assessment/change_list.html"
    change_form_template = "admin/reporting/assessment/change_form.html"

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[Any]:
        return [
            path(
                "buka/",
                self.admin_site.admin_view(self.open_view),
                name="reporting_assessment_open",
            ),
            path(
                "<int:pk>/perpanjang/",
                self.admin_site.admin_view(self.extend_view),
                name="reporting_assessment_extend",
            ),
            *super().get_urls(),
        ]

    def _form_page(self, request: HttpRequest, form: Any, title: str) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": title,
            "opts": self.opts,
        }
        return TemplateResponse(
            request, "admin/reporting/assessment/form.html", context
        )

    def open_view(self, request: HttpRequest) -> HttpResponse:
        """Open an open catalogue's assessment for every kab/kota at once."""
        if not access.is_administrator(request.user):
            raise PermissionDenied
        form = OpenAssessmentsForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                created = assessments_open(actor=request.user, **form.cleaned_data)
            except WorkflowError as exc:
                form.add_error(None, str(exc))
            else:
                self.message_user(
                    request,
                    _("%(n)d penilaian dibuka.") % {"n": created},
                    messages.SUCCESS,
                )
                return redirect("admin:reporting_assessment_changelist")
        return self._form_page(
            request, form, _("Buka penilaian untuk semua kabupaten/kota")
        )

    def extend_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Give one kab/kota more time, with a reason."""
        if not access.is_administrator(request.user):
            raise PermissionDenied
        assessment = get_object_or_404(self.get_queryset(request), pk=pk)
        form = ExtendForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                assessment_extend(
                    assessment=assessment, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(
                    request,
                    _("Batas waktu %(r)s diperpanjang.")
                    % {"r": assessment.regency.name},
                    messages.SUCCESS,
                )
                return redirect("admin:reporting_assessment_change", assessment.pk)
        return self._form_page(
            request,
            form,
            _("Perpanjang batas waktu %(r)s") % {"r": assessment.regency.name},
        )
