from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import access
from accounts.admin_scope import ReadOnlyAdminMixin, ScopedModelAdmin
from accounts.models import Role, RoleAssignment, RoleRequest, User
from accounts.services import role_scope_check
from accounts.services.invitations import role_request_approve, role_request_refuse
from kernel.admin_input import ConsoleInputMixin


class RoleAssignmentForm(forms.ModelForm):
    """An administrator's grant: the scope must fit the role, and the reason is kept."""

    class Meta:
        model = RoleAssignment
        fields = ["role", "office", "regency", "agency", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "reason" in self.fields:  # absent on read-only views
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _(
                "Dasar pemberian peran, misalnya nomor SK penunjukan."
            )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if data.get("role"):
            try:
                role_scope_check(
                    Role(data["role"]),
                    data.get("office"),
                    data.get("regency"),
                    data.get("agency"),
                )
            except ValidationError as exc:
                raise ValidationError(exc.messages) from exc
        return data


class RoleAssignmentInline(ConsoleInputMixin, admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    form = RoleAssignmentForm
    extra = 0
    autocomplete_fields = ["office", "regency", "agency"]
    readonly_fields = ["granted_by", "created_at"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return access.can_manage_roles(request.user)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return access.can_manage_roles(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return access.can_manage_roles(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return access.can_use_staff_console(request.user)


def _without(fields: tuple | list, name: str) -> tuple:
    return tuple(field for field in fields if field != name)


@admin.register(User)
class UserAdmin(ScopedModelAdmin, DjangoUserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = [
        "username",
        "get_full_name",
        "email",
        "is_active",
        "is_demo",
        "last_login",
    ]
    list_filter = ["is_active", "is_demo", "role_assignments__role"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Data pegawai"), {"fields": ("position", "phone", "is_demo")}),
    )

    def scope_queryset(self, request: HttpRequest, qs: QuerySet) -> QuerySet:
        return qs.filter(pk__in=access.users_for(request.user).values("pk"))

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None) -> list:
        """Those who only read an account do not see the password's reset button."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": _without(options["fields"], "password")})
            for name, options in fieldsets
        ]

    def save_formset(self, request: HttpRequest, form, formset, change) -> None:
        """Role grants made here record the administrator who made them."""
        if formset.model is RoleAssignment:
            for assignment in formset.save(commit=False):
                assignment.granted_by = request.user
                assignment.save()
            for gone in formset.deleted_objects:
                gone.delete()
            formset.save_m2m()
            access.forget_scope(form.instance)
            return
        super().save_formset(request, form, formset, change)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedModelAdmin):
    form = RoleAssignmentForm
    list_display = [
        "user",
        "role",
        "office",
        "regency",
        "agency",
        "created_at",
        "granted_by",
        "reason",
    ]
    list_filter = ["role"]
    list_select_related = ["user", "office", "regency", "agency", "granted_by"]
    fields = [
        "user",
        "role",
        "office",
        "regency",
        "agency",
        "reason",
        "granted_by",
        "created_at",
    ]
    readonly_fields = ["granted_by", "created_at"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "regency__name",
        "office__name",
    ]
    autocomplete_fields = ["user", "office", "regency", "agency"]

    def scope_queryset(self, request: HttpRequest, qs: QuerySet) -> QuerySet:
        return qs.filter(user__in=access.users_for(request.user))

    def save_model(self, request: HttpRequest, obj, form, change) -> None:
        obj.granted_by = request.user
        super().save_model(request, obj, form, change)
        access.forget_scope(obj.user)


@admin.register(RoleRequest)
class RoleRequestAdmin(ReadOnlyAdminMixin, ScopedModelAdmin):
    """Coordinators' invitations of e-mails that already have an account.

    Only administrators see them: the list shows which account an e-mail belongs to
    and every role it holds, so that a Kanwil verifier or another region's operator
    is not given a role here by mistake. Decisions go through the services.
    """

    list_display = [
        "requested_at",
        "email",
        "full_name",
        "agency",
        "regency",
        "requested_by",
        "account",
        "roles_held",
        "status",
        "decided_by",
    ]
    list_filter = ["status"]
    list_select_related = ["user", "agency", "regency", "requested_by", "decided_by"]
    search_fields = ["email", "full_name", "user__username", "agency__name"]
    actions = ["approve", "refuse"]
    readonly_fields = [
        "requested_at",
        "email",
        "full_name",
        "role",
        "regency",
        "agency",
        "requested_by",
        "account",
        "roles_held",
        "status",
        "decided_by",
        "decided_at",
        "decision_note",
    ]
    fields = readonly_fields

    def scope_queryset(self, request: HttpRequest, qs: QuerySet) -> QuerySet:
        return qs if access.is_administrator(request.user) else qs.none()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_administrator(request.user)

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return access.can_manage_roles(request.user)

    @admin.display(description=_("akun yang ada"))
    def account(self, obj: RoleRequest) -> str:
        return f"{obj.user.get_username()} ({obj.user})"

    @admin.display(description=_("peran akun saat ini"))
    def roles_held(self, obj: RoleRequest) -> str:
        held = obj.user.role_assignments.select_related("office", "regency", "agency")
        if not held:
            return "—"
        return format_html_join(", ", "{}", ((str(a),) for a in held))

    def _decide(self, request: HttpRequest, queryset: QuerySet, service, done) -> None:
        for role_request in queryset.select_related("agency", "requested_by", "user"):
            try:
                service(role_request=role_request, actor=request.user)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(
                    request, done % {"email": role_request.email}, messages.SUCCESS
                )

    @admin.action(
        description=_("Setujui permintaan terpilih (beri peran)"),
        permissions=["decide"],
    )
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._decide(
            request,
            queryset,
            role_request_approve,
            gettext("Permintaan untuk %(email)s disetujui; peran diberikan."),
        )

    @admin.action(
        description=_("Tolak permintaan terpilih (akun tidak diubah)"),
        permissions=["decide"],
    )
    def refuse(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._decide(
            request,
            queryset,
            role_request_refuse,
            gettext("Permintaan untuk %(email)s ditolak; akun tidak diubah."),
        )


# Roles live in RoleAssignment; Django's permission groups are not used.
admin.site.unregister(Group)
