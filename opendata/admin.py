"""Console pages: each year's open-data settings, and partner tokens (administrators)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import access
from accounts.admin_scope import NationalReadModelAdmin
from opendata import services
from opendata.models import DataSettings, PartnerToken


@admin.register(DataSettings)
class DataSettingsAdmin(NationalReadModelAdmin):
    list_display = ["catalogue", "data_steward", "data_producer", "licence_name"]
    fields = [
        "catalogue",
        "data_steward",
        "data_producer",
        "licence_name",
        "licence_url",
        "legal_basis",
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "licence_url":
            # A licence address typed without a scheme is read as https.
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(PartnerToken)
class PartnerTokenAdmin(NationalReadModelAdmin):
    """Administrators create a token (its key is shown once) and revoke it; a token is
    never edited or deleted, so who had access stays on record."""

    list_display = [
        "name",
        "prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        if obj is None:
            return ["name"]
        return [
            "name",
            "prefix",
            "created_by",
            "created_at",
            "last_used_at",
            "revoked_at",
            "revoked_by",
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None):
        return [] if obj is None else self.get_fields(request, obj)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_administrator(request.user)

    def has_view_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return access.is_administrator(request.user)

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        # The change page is read-only; the list's revoke action needs this.
        return access.is_administrator(request.user) and obj is None

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return
        # The form requires a name and only administrators reach here, so the
        # service's refusals cannot happen on this path.
        token, key = services.token_issue(name=obj.name, actor=request.user)
        obj.pk, obj.prefix, obj.digest = token.pk, token.prefix, token.digest
        obj.created_by, obj.created_at = token.created_by, token.created_at
        obj._state.adding = False
        messages.warning(
            request,
            _(
                "Kunci token untuk %(name)s: %(key)s — salin sekarang; kunci ini tidak "
                "akan ditampilkan lagi."
            )
            % {"name": token.name, "key": key},
        )

    @admin.action(
        description=gettext_lazy("Cabut token terpilih"), permissions=["change"]
    )
    def revoke(self, request: HttpRequest, queryset) -> None:
        for token in queryset:
            services.token_revoke(token=token, actor=request.user)
        self.message_user(
            request,
            _("%(n)d token dicabut.") % {"n": queryset.count()},
            messages.SUCCESS,
        )
