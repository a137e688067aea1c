"""Admin base classes that ask accounts.access for every list, object and action."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from accounts import access
from kernel.admin_input import ConsoleInputMixin, valid_pk
from kernel.history import ReadableChanges


class ScopedModelAdmin(ConsoleInputMixin, admin.ModelAdmin):
    """Staff see rows in their scope; only administrators write.

    ``scope_prefix`` is the lookup path from the model to Regency ("regency__").
    Subclasses with another notion of scope override ``scope_queryset``.
    """

    scope_prefix: str = ""

    def scope_queryset(self, request: HttpRequest, qs: QuerySet) -> QuerySet:
        return qs.filter(access.regency_filter(request.user, self.scope_prefix))

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return self.scope_queryset(request, super().get_queryset(request))

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Model:
        # Out of scope and missing look the same: 404, never a redirect that
        # confirms the object exists.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("Data tidak ditemukan."))
        return obj

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.can_use_staff_console(request.user)

    def has_view_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return access.can_use_staff_console(request.user)

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return access.is_administrator(request.user)

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return access.is_administrator(request.user)

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return access.is_administrator(request.user)

    def tool_flags(self, request: HttpRequest) -> dict[str, bool]:
        """Which of the model's own tools the person may use; templates show those."""
        return {}

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        context = {**self.tool_flags(request), **(extra_context or {})}
        return super().changelist_view(request, context)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        context = {**self.tool_flags(request), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)


class ReadOnlyAdminMixin:
    """For records nobody edits in the console (history, sent reports, answers):
    no add, change or delete for anyone. Put this mixin first."""

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return False


class ScopedHistoryMixin:
    """For django-simple-history admins: history only of objects in scope.

    SimpleHistoryAdmin's history pages fall back to the history rows when the
    object is not in the admin's queryset, and its single-version page reads
    history unscoped; both would show other regions' data. Put this mixin first.
    """

    def _require_in_scope(self, request: HttpRequest, object_id: str) -> None:
        object_id = unquote(object_id)
        if not (
            valid_pk(self.model, object_id)
            and self.get_queryset(request).filter(pk=object_id).exists()
        ):
            raise Http404(_("Data tidak ditemukan."))

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_in_scope(request, object_id)
        if not valid_pk(self.model.history.model, unquote(version_id)):
            raise Http404(_("Data tidak ditemukan."))
        return super().history_form_view(request, object_id, version_id, extra_context)


class NationalReadModelAdmin(ScopedModelAdmin):
    """Reference data every staff member may read (e.g. the OPD template list)."""

    def scope_queryset(self, request: HttpRequest, qs: QuerySet) -> QuerySet:
        return qs


__all__ = [
    "NationalReadModelAdmin",
    "ReadOnlyAdminMixin",
    "ScopedHistoryMixin",
    "ScopedModelAdmin",
]
