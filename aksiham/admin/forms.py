"""Forms of the Aksi HAM console pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from aksiham.models import ActionPlan, PeriodExtension, PeriodScore
from aksiham.services.plans import extension_check
from aksiham.services.scoring import period_score_check
from indicators.admin_import import target_import_forms
from kernel.errors import Refusal


def _draft_plans():
    return ActionPlan.objects.filter(status=ActionPlan.Status.DRAFT)


ActionImportForm, ActionConfirmImportForm = target_import_forms(
    field="plan",
    queryset=_draft_plans,
    label=_("Rencana tujuan (hanya rencana draf)"),
    help_text=_("Aksi dengan nomor yang sama diperbarui; yang baru ditambahkan."),
)


class PeriodScoreForm(forms.ModelForm):
    """Checks the service's rules before saving, so refusals show on the form."""

    class Meta:
        model = PeriodScore
        fields = ["period", "regency", "substance", "administration", "note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            period_score_check(period=data["period"], regency=data["regency"])
        except Refusal as exc:
            raise ValidationError(str(exc)) from exc
        return data


class PeriodExtensionForm(forms.ModelForm):
    """Refusals show on the form, so the administrator's input stays."""

    class Meta:
        model = PeriodExtension
        fields = ["period", "regency", "until", "reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            extension_check(
                period=data["period"], until=data["until"], reason=data["reason"]
            )
        except Refusal as exc:
            raise ValidationError(str(exc)) from exc
        return data
