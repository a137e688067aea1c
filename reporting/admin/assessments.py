"""Assessments in the staff console: the verification queue, opening the year, extensions."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from accounts import access
from accounts.admin_scope import (
    ReadOnlyAdminMixin,
    ScopedHistoryMixin,
    ScopedModelAdmin,
)
from kernel.errors import Refusal, refusal_messages
from kernel.params import parse_int
from reporting import (
    permissions,
)
from reporting.admin.forms import ExtendForm, OpenAssessmentsForm, PublishForm
from reporting.admin.review import ReviewViewsMixin
from reporting.models import Answer, Assessment, ReviewEvent
from reporting.selectors.verification import QUEUE_ORDER
from reporting.services.assessments import assessment_extend, assessments_open
from reporting.services.central import year_publish

# A longer wait than any year has lasted: every waiting assessment.
MAX_WAITING_DAYS = 3660


class WaitingFilter(admin.SimpleListFilter):
    title = gettext_lazy("lama menunggu")
    parameter_name = "menunggu"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("3", _("lebih dari 3 hari")),
            ("7", _("lebih dari 7 hari")),
            ("14", _("lebih dari 14 hari")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        days = parse_int(self.value(), maximum=MAX_WAITING_DAYS)
        if days is None:
            return queryset
        since = timezone.now() - datetime.timedelta(days=days)
        return queryset.filter(
            submitted_at__lt=since,
            status__in=[
                Assessment.Status.SUBMITTED,
                Assessment.Status.RESUBMITTED,
                Assessment.Status.IN_VERIFICATION,
            ],
        )


class ReturnedBeforeFilter(admin.SimpleListFilter):
    title = gettext_lazy("pernah dikembalikan")
    parameter_name = "pernah_dikembalikan"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("ya", _("Ya")), ("tidak", _("Tidak"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        returned = ReviewEvent.objects.filter(
            assessment=OuterRef("pk"), answer=None, to_status=Assessment.Status.RETURNED
        )
        if self.value() == "ya":
            return queryset.filter(Exists(returned))
        if self.value() == "tidak":
            return queryset.exclude(Exists(returned))
        return queryset


class ReviewEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReviewEvent
    extra = 0
    fields = ["created_at", "actor", "answer", "from_label", "to_label", "note"]
    readonly_fields = fields
    can_delete = False
    ordering = ["-created_at"]
    max_num = 0

    @admin.display(description=gettext_lazy("dari"))
    def from_label(self, obj: ReviewEvent) -> str:
        return obj.from_label

    @admin.display(description=gettext_lazy("menjadi"))
    def to_label(self, obj: ReviewEvent) -> str:
        return obj.to_label

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.can_use_staff_console(request.user)

    def get_queryset(self, request: HttpRequest):
        return (
            super().get_queryset(request).select_related("actor", "answer__indicator")
        )


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdminMixin, ReviewViewsMixin, ScopedModelAdmin):
    scope_prefix = "regency__"
    list_display = [
        "regency",
        "year",
        "status",
        "submitted_at",
        "days_waiting",
        "review_link",
        "effective_deadline_display",
    ]
    list_filter = ["status", WaitingFilter, ReturnedBeforeFilter, "catalogue"]
    list_select_related = ["regency", "catalogue"]
    search_fields = ["regency__name", "regency__code"]
    # Waiting first, longest waiting first, never sent last: spelled out, so that
    # every database lists the queue alike (NULLs sort differently).
    ordering = list(QUEUE_ORDER)
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

    @admin.display(description=gettext_lazy("tahun"), ordering="catalogue__year")
    def year(self, obj: Assessment) -> int:
        return obj.catalogue.year

    @admin.display(description=gettext_lazy("hari menunggu"))
    def days_waiting(self, obj: Assessment) -> str:
        if not obj.submitted_at or obj.status not in (
            Assessment.Status.SUBMITTED,
            Assessment.Status.RESUBMITTED,
            Assessment.Status.IN_VERIFICATION,
        ):
            return "—"
        return str((timezone.now() - obj.submitted_at).days)

    @admin.display(description=gettext_lazy("batas"))
    def effective_deadline_display(self, obj: Assessment) -> Any:
        return obj.effective_deadline

    @admin.display(description=gettext_lazy("verifikasi"))
    def review_link(self, obj: Assessment) -> str:
        url = reverse("admin:reporting_assessment_review", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Buka"))

    def tool_flags(self, request: HttpRequest) -> dict[str, bool]:
        return {
            "may_open": access.is_administrator(request.user),
            "may_publish": permissions.is_assessor(request.user),
            "may_extend": access.is_administrator(request.user),
        }

    def get_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        return [
            path("buka/", wrap(self.open_view), name="reporting_assessment_open"),
            path(
                "terbitkan/",
                wrap(self.publish_view),
                name="reporting_assessment_publish",
            ),
            path(
                "<int:pk>/perpanjang/",
                wrap(self.extend_view),
                name="reporting_assessment_extend",
            ),
            *self.review_urls(),
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

    def _service_form(
        self,
        request: HttpRequest,
        form: Any,
        title: str,
        run: Callable[[dict[str, Any]], str],
        done_url: str,
    ) -> HttpResponse:
        """Bind, call the service, report its refusal on the form or its success."""
        if request.method == "POST" and form.is_valid():
            try:
                message = run(form.cleaned_data)
            except (Refusal, ValidationError) as exc:
                form.add_error(None, refusal_messages(exc))
            else:
                self.message_user(request, message, messages.SUCCESS)
                return redirect(done_url)
        return self._form_page(request, form, title)

    def open_view(self, request: HttpRequest) -> HttpResponse:
        """Open an open catalogue's assessment for every kab/kota at once."""
        if not access.is_administrator(request.user):
            raise PermissionDenied
        return self._service_form(
            request,
            OpenAssessmentsForm(request.POST or None),
            _("Buka penilaian untuk semua kabupaten/kota"),
            lambda data: (
                _("%(n)d penilaian dibuka.")
                % {"n": assessments_open(actor=request.user, **data)}
            ),
            reverse("admin:reporting_assessment_changelist"),
        )

    def publish_view(self, request: HttpRequest) -> HttpResponse:
        """Record the decree and publish the year's final results."""
        if not permissions.is_assessor(request.user):
            raise PermissionDenied
        return self._service_form(
            request,
            PublishForm(request.POST or None),
            _("Umumkan hasil tahun penilaian"),
            lambda data: (
                _("Hasil diumumkan: %(p)s")
                % {"p": year_publish(actor=request.user, **data)}
            ),
            reverse("admin:reporting_assessment_changelist"),
        )

    def extend_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Give one kab/kota more time, with a reason."""
        if not access.is_administrator(request.user):
            raise PermissionDenied
        assessment = get_object_or_404(self.get_queryset(request), pk=pk)
        name = assessment.regency.name

        def extend(data: dict[str, Any]) -> str:
            assessment_extend(assessment=assessment, actor=request.user, **data)
            return _("Batas waktu %(r)s diperpanjang.") % {"r": name}

        return self._service_form(
            request,
            ExtendForm(request.POST or None),
            _("Perpanjang batas waktu %(r)s") % {"r": name},
            extend,
            reverse("admin:reporting_assessment_change", args=[assessment.pk]),
        )


@admin.register(Answer)
class AnswerHistoryAdmin(
    ScopedHistoryMixin, ReadOnlyAdminMixin, SimpleHistoryAdmin, ScopedModelAdmin
):
    """Read-only answers with their field-by-field history (who, when, old → new)."""

    scope_prefix = "assessment__regency__"
    list_display = [
        "indicator",
        "assessment",
        "status",
        "raw_value",
        "updated_by",
        "updated_at",
    ]
    list_filter = ["status", "assessment__catalogue"]
    list_select_related = [
        "indicator",
        "assessment__regency",
        "assessment__catalogue",
        "updated_by",
    ]
    search_fields = ["indicator__code", "assessment__regency__name"]
    history_list_display = ["status", "raw_value", "review_note"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in Answer._meta.fields]
