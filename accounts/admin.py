from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import access
from accounts.admin_scope import ScopedModelAdmin
from accounts.models import Role, RoleAssignment, User
from accounts.services import role_scope_check
from portal.admin_input import ConsoleInputMixin


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["role", "province", "regency", "agency"]

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if data.get("role"):
            try:
                role_scope_check(
                    Role(data["role"]),
                    data.get("province"),
                    data.get("regency"),
                    data.get("agency"),
                )
            except ValidationError as exc:
                raise ValidationError(exc.messages) from exc
        return data


class RoleAssignmentInline(ConsoleInputMixin, admin.TabularInline):
    model = RoleAssignment
    form = RoleAssignmentForm
    extra = 0
    autocomplete_fields = ["province", "regency", "agency"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return access.can_manage_roles(request.user)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return access.can_manage_roles(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return access.can_manage_roles(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return access.can_use_staff_console(request.user)


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


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedModelAdmin):
    form = RoleAssignmentForm
    list_display = ["user", "role", "province", "regency", "agency", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "province", "regency", "agency"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "regency__name",
        "province__name",
    ]
    autocomplete_fields = ["user", "province", "regency", "agency"]

    def scope_queryset(self, request: HttpRequest, qs: QuerySet) -> QuerySet:
        return qs.filter(user__in=access.users_for(request.user))


# Roles live in RoleAssignment; Django's permission groups are not used.
admin.site.unregister(Group)
