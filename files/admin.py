"""Stored files in the console: every file ever attached, removed ones included.

Removed files are listed with who removed them, when and their SHA-256; an
administrator can restore ("Pulihkan") one whose bytes are still kept, if its
answer or report can still be edited. Removed files are never downloadable: the
hash identifies the file, restoring it is the way back. Each programme registers
its own evidence model on ``StoredFileAdmin``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import access
from accounts.admin_scope import ReadOnlyAdminMixin, ScopedModelAdmin
from kernel.errors import Refusal


class FileStateFilter(admin.SimpleListFilter):
    title = gettext_lazy("keadaan berkas")
    parameter_name = "keadaan"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("aktif", _("Aktif")),
            ("dihapus", _("Dihapus, masih dapat dipulihkan")),
            ("dimusnahkan", _("Dihapus, berkas sudah dimusnahkan")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "aktif":
            return queryset.filter(removed_at=None)
        if self.value() == "dihapus":
            return queryset.filter(removed_at__isnull=False, purged_at=None)
        if self.value() == "dimusnahkan":
            return queryset.filter(purged_at__isnull=False)
        return queryset


class StoredFileAdmin(ReadOnlyAdminMixin, ScopedModelAdmin):
    """Read-only list of one kind of evidence, with the "Pulihkan" action."""

    restore_service: Callable[..., Any]
    # The columns every stored-file list shows after its own (name, what it belongs to).
    file_columns = [
        "uploaded_by",
        "uploaded_at",
        "state",
        "removed_by",
        "removed_at",
        "sha256",
    ]
    list_filter = [FileStateFilter]
    search_fields = ["original_name", "sha256"]
    actions = ["restore_selected"]
    ordering = ["-uploaded_at", "-pk"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The default manager hides removed files; the console shows them all.
        qs = self.model.all_objects.get_queryset()
        ordering = self.get_ordering(request)
        if ordering:
            qs = qs.order_by(*ordering)
        return self.scope_queryset(request, qs)

    @admin.display(description=gettext_lazy("keadaan"))
    def state(self, obj: Any) -> str:
        if obj.purged_at:
            return _("dihapus, berkas dimusnahkan")
        if obj.removed_at:
            return _("dihapus")
        return _("aktif")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.model._meta.fields if f.name != "file"]

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["file"]  # never a link to the stored bytes

    def has_restore_permission(self, request: HttpRequest) -> bool:
        return access.is_administrator(request.user)

    @admin.action(
        description=gettext_lazy("Pulihkan berkas yang dihapus"),
        permissions=["restore"],
    )
    def restore_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        restored = 0
        for item in queryset:
            try:
                type(self).restore_service(evidence=item, actor=request.user)
            except Refusal as exc:
                messages.error(request, str(exc))
            else:
                restored += 1
        if restored:
            messages.success(request, _("%(n)d berkas dipulihkan.") % {"n": restored})
