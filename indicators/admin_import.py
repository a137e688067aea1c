"""Spreadsheet import into one chosen draft (a catalogue, an Aksi HAM plan).

django-import-export does the reading, preview and confirm; this mixin adds the
portal's rules: the target is a draft chosen in the form, an import with any problem
saves nothing, and every problem is listed as row, column and message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm

from accounts import access
from indicators.transfer import check_size, check_unpacked_size, import_problems


def target_import_forms(
    *, field: str, queryset: Callable[[], QuerySet], label: str, help_text: str
) -> tuple[type[ImportForm], type[ConfirmImportForm]]:
    """The import and confirm forms with a required choice of the target draft."""

    class TargetImportForm(ImportForm):
        field_order = [field, "resource", "import_file", "format"]

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self.fields[field] = forms.ModelChoiceField(
                queryset=queryset(), label=label, help_text=help_text
            )
            self.order_fields(self.field_order)
            self.fields["import_file"].label = _("Berkas XLSX atau CSV")

        def clean_import_file(self):
            upload = self.cleaned_data["import_file"]
            try:
                check_size(upload.size)
                check_unpacked_size(upload)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
            return upload

    class TargetConfirmImportForm(ConfirmImportForm):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self.fields[field] = forms.ModelChoiceField(
                queryset=queryset(), widget=forms.HiddenInput
            )

    return TargetImportForm, TargetConfirmImportForm


class TargetedImportMixin(ImportMixin):
    import_target: str = ""
    import_columns: dict[str, str] | None = None
    import_error_display = ("message",)

    def import_success_message(self, result: Any) -> str:
        raise NotImplementedError

    def has_import_permission(self, request: HttpRequest) -> bool:
        return access.is_administrator(request.user)

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict:
        form = kwargs.get("form")
        data = getattr(form, "cleaned_data", {}) if form else {}
        return {self.import_target: data.get(self.import_target)}

    def get_confirm_form_initial(self, request: HttpRequest, import_form: Any) -> dict:
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:  # None on the confirm step itself (bound to POST)
            initial[self.import_target] = import_form.cleaned_data[
                self.import_target
            ].pk
        return initial

    def get_import_data_kwargs(self, **kwargs: Any) -> dict:
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def add_data_read_fail_error_to_form(self, form: Any, e: Exception) -> None:
        if isinstance(e, ValidationError):  # the reader named the place and the fix
            form.add_error("import_file", e.messages)
            return
        form.add_error(
            "import_file",
            _(
                "Berkas tidak dapat dibaca dalam format yang dipilih. Pastikan berkas benar-benar "
                "XLSX atau CSV (UTF-8), bukan format lain yang diganti namanya."
            ),
        )

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        response = super().import_action(request, **kwargs)
        result = getattr(response, "context_data", {}).get("result")
        if result is not None:
            response.context_data["problems"] = import_problems(
                result, self.import_columns
            )
            response.context_data["where_read"] = getattr(result, "where_read", "")
        return response

    def process_result(self, result: Any, request: HttpRequest) -> HttpResponse:
        problems = import_problems(result, self.import_columns)
        if problems:
            messages.error(
                request,
                _("Impor dibatalkan, tidak ada yang disimpan: %(p)s")
                % {"p": problems[0]},
            )
            opts = self.model._meta
            return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)

    def add_success_message(self, result: Any, request: HttpRequest) -> None:
        messages.success(request, self.import_success_message(result))
