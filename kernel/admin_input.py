"""Malformed input to the staff console gets a message or a 404, never a 500.

Django's admin trusts a few values it reads from the request: object ids in a
changelist action (``_selected_action=abc``), an empty ``_to_field``, the chosen
value of an autocomplete field when a refused form is shown again, and the list
filters that django-import-export reads for an export. The pieces here check them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Field, Model
from django.forms.fields import InvalidJSONInput
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

# The widest integer column any backend stores (BIGINT).
BIGINT = 2**63


def valid_key(field: Field, raw: object) -> bool:
    """Whether ``raw`` can be a value of ``field`` (an id or a code) at all."""
    try:
        value = field.to_python(raw)
    except (ValidationError, ValueError, TypeError):
        return False
    if isinstance(value, int):
        return -BIGINT <= value < BIGINT
    return value is not None and "\x00" not in str(value)


def valid_pk(model: type[Model], raw: object) -> bool:
    return valid_key(model._meta.pk, raw)


class SafeJSONFormField(forms.JSONField):
    """JSON with a number of thousands of digits is invalid JSON, not a 500
    (``json.loads`` raises a plain ValueError that Django does not catch)."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except ValueError as exc:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from exc

    def bound_data(self, data: Any, initial: Any) -> Any:
        try:
            return super().bound_data(data, initial)
        except ValueError:
            return InvalidJSONInput(data)


class SafeAutocompleteSelect(AutocompleteSelect):
    """Shows a refused form again even when the posted choice is not an id."""

    def optgroups(self, name: str, value: list, attr: dict | None = None) -> list:
        remote = self.field.remote_field
        target = remote.model._meta.get_field(remote.field_name)
        kept = [v for v in value if v in ("", None) or valid_key(target, v)]
        return super().optgroups(name, kept, attr)


class ConsoleInputMixin:
    """For every console ModelAdmin and inline: see the module docstring."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.JSONField):
            kwargs.setdefault("form_class", SafeJSONFormField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_object(self, request: HttpRequest, object_id: str, from_field=None):
        # "?_to_field=" (empty) passes Django's check and then names no field.
        return super().get_object(request, object_id, from_field or None)

    def response_action(self, request: HttpRequest, queryset) -> Any:
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
        if not all(valid_pk(self.model, pk) for pk in selected):
            messages.error(
                request, _("Pilihan baris tidak dikenal; tidak ada yang diubah.")
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)


class ExportFiltersMixin:
    """django-import-export's export reads the changelist's filters from the URL
    and fails on one it does not know; say so instead."""

    def export_action(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        try:
            return super().export_action(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.error(
                request, _("Filter daftar tidak dikenal; ekspor dibatalkan.")
            )
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            )
