"""KKPHAM evidence in the console (the list and restore action: files.admin)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_scope import (
    ScopedHistoryMixin,
)
from files.admin import StoredFileAdmin
from reporting.models import Evidence
from reporting.services.evidence import evidence_restore


@admin.register(Evidence)
class EvidenceAdmin(ScopedHistoryMixin, SimpleHistoryAdmin, StoredFileAdmin):
    """KKPHAM evidence with its field-by-field history (upload, removal, purge)."""

    scope_prefix = "answer__assessment__regency__"
    restore_service = evidence_restore
    list_display = ["original_name", "answer", *StoredFileAdmin.file_columns]
    list_select_related = [
        "answer__indicator",
        "answer__assessment__regency",
        "answer__assessment__catalogue",
        "uploaded_by",
        "removed_by",
    ]
    history_list_display = ["removed_at", "removed_by", "purged_at"]
