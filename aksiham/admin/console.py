"""Aksi HAM in the staff console: plans and periods (administrator), report
verification (Kanwil), period scores (ministry). Every write goes through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from import_export.admin import ExportMixin

from accounts import access
from accounts.admin_scope import (
    NationalReadModelAdmin,
    ReadOnlyAdminMixin,
    ScopedModelAdmin,
)
from aksiham import permissions, selectors
from aksiham.admin.forms import (
    ActionConfirmImportForm,
    ActionImportForm,
    PeriodExtensionForm,
    PeriodForm,
    PeriodScoreForm,
)
from aksiham.models import (
    Action,
    ActionPlan,
    ActionReport,
    Generation,
    Period,
    PeriodExtension,
    PeriodScore,
    ReportEvidence,
)
from aksiham.resources import COLUMN_OF_ATTRIBUTE, PLAN_SHEET, ActionResource
from aksiham.services.plans import extension_grant, plan_open
from aksiham.services.reports import report_evidence_restore
from aksiham.services.scoring import period_score_record
from aksiham.services.verification import report_accept, report_return
from files.admin import StoredFileAdmin
from indicators.admin_import import TargetedImportMixin
from indicators.sheets import sheet_formats
from kernel.admin_input import ExportFiltersMixin
from kernel.errors import Refusal
from kernel.review import ReturnReason


def _draft(obj: Any) -> bool:
    plan = obj if isinstance(obj, ActionPlan) else getattr(obj, "plan", None)
    return plan is None or plan.status == ActionPlan.Status.DRAFT


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ["number", "title", "target_groups", "dki_reports"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_administrator(request.user) and _draft(obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.can_use_staff_console(request.user)


@admin.register(Generation)
class GenerationAdmin(NationalReadModelAdmin):
    """RANHAM generations: the regulation and years a plan's legal basis names."""

    list_display = ["regulation", "name", "start_year", "end_year", "is_sample"]
    list_filter = ["is_sample"]


@admin.register(ActionPlan)
class ActionPlanAdmin(NationalReadModelAdmin):
    list_display = [
        "year",
        "level",
        "title",
        "basis",
        "status",
        "sample",
        "action_count",
    ]
    list_filter = ["level", "status", "is_sample"]
    list_select_related = ["generation"]
    inlines = [ActionInline]
    actions = ["open_plans"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ActionPlan]:
        return super().get_queryset(request).annotate(n_actions=Count("actions"))

    @admin.display(description=gettext_lazy("jumlah aksi"))
    def action_count(self, obj: ActionPlan) -> int:
        return obj.n_actions

    @admin.display(description=gettext_lazy("dasar hukum"))
    def basis(self, obj: ActionPlan) -> str:
        return obj.basis_label

    @admin.display(description=gettext_lazy("contoh"))
    def sample(self, obj: ActionPlan) -> str:
        return obj.sample_label or "—"

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and _draft(obj)

    @admin.action(description=gettext_lazy("Buka rencana terpilih"))
    def open_plans(self, request: HttpRequest, queryset: QuerySet[ActionPlan]) -> None:
        for plan in queryset:
            try:
                plan_open(plan=plan, actor=request.user)
            except Refusal as exc:
                self.message_user(request, f"{plan}: {exc}", messages.ERROR)
            else:
                self.message_user(request, _("%(p)s dibuka.") % {"p": plan})


@admin.register(Action)
class ActionAdmin(
    TargetedImportMixin, ExportFiltersMixin, ExportMixin, NationalReadModelAdmin
):
    resource_classes = [ActionResource]
    import_target = "plan"
    import_columns = COLUMN_OF_ATTRIBUTE
    import_form_class = ActionImportForm
    import_template_name = "admin/aksiham/action/import.html"
    confirm_form_class = ActionConfirmImportForm
    formats = sheet_formats(PLAN_SHEET)
    list_display = ["number", "short_title", "groups", "dki_reports", "plan"]
    list_filter = ["plan", "dki_reports"]
    list_select_related = ["plan"]
    search_fields = ["title"]

    @admin.display(description=gettext_lazy("aksi"))
    def short_title(self, obj: Action) -> str:
        label = obj.title if len(obj.title) <= 90 else obj.title[:87] + "…"
        return f"{label} [{obj.plan.sample_label}]" if obj.plan.is_sample else label

    @admin.display(description=gettext_lazy("kelompok sasaran"))
    def groups(self, obj: Action) -> str:
        return ", ".join(obj.target_group_labels())

    def import_success_message(self, result: Any) -> str:
        return _("Impor selesai: %(new)d aksi baru, %(update)d diperbarui.") % {
            "new": result.totals["new"],
            "update": result.totals["update"],
        }

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and _draft(obj)

    has_delete_permission = has_change_permission

    def has_export_permission(self, request: HttpRequest) -> bool:
        return access.can_use_staff_console(request.user)


@admin.register(Period)
class PeriodAdmin(NationalReadModelAdmin):
    form = PeriodForm
    list_display = [
        "__str__",
        "timing",
        "opens_at",
        "closes_at",
        "grace_until",
        "state_now",
    ]
    list_filter = ["year", "code"]

    @admin.display(description=gettext_lazy("keadaan sekarang"))
    def state_now(self, obj: Period) -> str:
        return obj.state_label()


@admin.register(PeriodExtension)
class PeriodExtensionAdmin(ScopedModelAdmin):
    scope_prefix = "regency__"
    form = PeriodExtensionForm
    list_display = ["period", "regency", "until", "granted_by", "granted_at"]
    list_filter = ["period"]
    autocomplete_fields = ["regency"]
    fields = ["period", "regency", "until", "reason"]

    def save_model(
        self, request: HttpRequest, obj: PeriodExtension, form: Any, change: bool
    ) -> None:
        try:
            saved = extension_grant(
                period=obj.period,
                regency=obj.regency,
                until=obj.until,
                reason=obj.reason,
                actor=request.user,
            )
        except Refusal as exc:
            raise ValidationError(str(exc)) from exc  # the form checked the same rules
        obj.pk = saved.pk


@admin.register(ActionReport)
class ActionReportAdmin(ReadOnlyAdminMixin, ScopedModelAdmin):
    scope_prefix = "regency__"
    list_display = [
        "regency",
        "period",
        "action_number",
        "status",
        "is_late",
        "submitted_at",
        "review_link",
    ]
    list_filter = ["period", "status", "is_late", "regency__province"]
    list_select_related = ["regency", "period", "action"]
    search_fields = ["regency__name", "regency__code"]
    readonly_fields = [f.name for f in ActionReport._meta.fields]

    def scope_queryset(self, request: HttpRequest, qs: QuerySet) -> QuerySet:
        # Drafts are the region's unsent work: the console shows what was sent.
        return (
            super()
            .scope_queryset(request, qs)
            .exclude(status=ActionReport.Status.DRAFT)
        )

    @admin.display(description=gettext_lazy("aksi"), ordering="action__number")
    def action_number(self, obj: ActionReport) -> int:
        return obj.action.number

    @admin.display(description=gettext_lazy("verifikasi"))
    def review_link(self, obj: ActionReport) -> str:
        url = reverse("admin:aksiham_actionreport_review", args=[obj.pk])
        label = _("Periksa") if permissions.is_waiting(obj) else _("Lihat")
        return format_html('<a href="{}">{}</a>', url, label)

    def get_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/verifikasi/",
                wrap(self.review_view),
                name="aksiham_actionreport_review",
            ),
            path(
                "<int:pk>/keputusan/",
                wrap(require_POST(self.decide_view)),
                name="aksiham_actionreport_decide",
            ),
            *super().get_urls(),
        ]

    def review_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = get_object_or_404(
            self.get_queryset(request).select_related(
                "action__plan", "period", "regency__province", "updated_by"
            ),
            pk=pk,
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "report": report,
            "title": _("Laporan Aksi %(n)d · %(period)s · %(regency)s")
            % {
                "n": report.action.number,
                "period": report.period,
                "regency": report.regency.name,
            },
            "evidence": report.evidence.select_related("uploaded_by"),
            "events": report.events.select_related("actor"),
            "reasons": ReturnReason.choices,
            "can_decide": permissions.can_decide(request.user, report),
            "sample_label": report.action.plan.sample_label,
        }
        return TemplateResponse(
            request, "admin/aksiham/actionreport/review.html", context
        )

    def decide_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = get_object_or_404(self.get_queryset(request), pk=pk)
        decision = request.POST.get("decision")
        try:
            if decision == "accept":
                report_accept(
                    report=report, actor=request.user, note=request.POST.get("note", "")
                )
                messages.success(request, _("Laporan diterima."))
            elif decision == "return":
                report_return(
                    report=report,
                    reasons=request.POST.getlist("reasons"),
                    note=request.POST.get("note", ""),
                    actor=request.user,
                )
                messages.success(request, _("Laporan dikembalikan ke daerah."))
            else:
                raise Refusal(_("Keputusan tidak dikenal."))
        except Refusal as exc:
            messages.error(request, str(exc))
            return redirect("admin:aksiham_actionreport_review", pk)
        return self._after_decision(request, report)

    def _after_decision(
        self, request: HttpRequest, report: ActionReport
    ) -> HttpResponse:
        """Decided: on to the period's next report waiting in this reviewer's scope,
        or back to the period's list when none is left."""
        following = selectors.next_waiting(self.get_queryset(request), report)
        if following is not None:
            return redirect("admin:aksiham_actionreport_review", following.pk)
        messages.info(
            request,
            _("Tidak ada lagi laporan %(period)s yang menunggu keputusan.")
            % {"period": report.period},
        )
        return redirect(
            reverse("admin:aksiham_actionreport_changelist")
            + f"?period__id__exact={report.period_id}"
        )


@admin.register(PeriodScore)
class PeriodScoreAdmin(ScopedModelAdmin):
    scope_prefix = "regency__"
    form = PeriodScoreForm
    list_display = [
        "regency",
        "period",
        "substance",
        "administration",
        "score",
        "scored_by",
    ]
    list_filter = ["period", "regency__province"]
    list_select_related = ["regency", "period", "scored_by"]
    autocomplete_fields = ["regency"]
    fields = ["period", "regency", "substance", "administration", "note"]

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return permissions.is_assessor(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_assessor(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: PeriodScore, form: Any, change: bool
    ) -> None:
        saved = period_score_record(
            period=obj.period,
            regency=obj.regency,
            substance=obj.substance,
            administration=obj.administration,
            note=obj.note,
            actor=request.user,
        )
        obj.pk = saved.pk


@admin.register(ReportEvidence)
class ReportEvidenceAdmin(StoredFileAdmin):
    """Aksi HAM evidence, removed files included, with "Pulihkan" for administrators."""

    scope_prefix = "report__regency__"
    restore_service = report_evidence_restore
    list_display = ["original_name", "regency", "report", *StoredFileAdmin.file_columns]
    list_select_related = [
        "report__action",
        "report__period",
        "report__regency",
        "uploaded_by",
        "removed_by",
    ]

    @admin.display(description=gettext_lazy("kabupaten/kota"))
    def regency(self, obj: ReportEvidence) -> str:
        return obj.report.regency.name
