"""Forms of the Aksi HAM console pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from aksiham.models import ActionPlan, Period, PeriodExtension, PeriodScore
from aksiham.services.plans import extension_check
from aksiham.services.scoring import period_score_check
from indicators.admin_import import target_import_forms
from kernel import zones
from kernel.errors import Refusal
from kernel.forms import reads_in_help


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "until" in self.fields:  # absent on the read-only view
            self.fields["until"].help_text = reads_in_help()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            extension_check(
                period=data["period"],
                until=data["until"],
                reason=data["reason"],
                regency=data["regency"],
            )
        except Refusal as exc:
            raise ValidationError(str(exc)) from exc
        return data


PERIOD_MOMENTS = ("opens_at", "closes_at", "grace_until")


class PeriodForm(forms.ModelForm):
    """A period's window, read in the administrator's zone.

    With local timing the typed clock times apply in every region's own zone; they
    are stored as the same clock times in WIB (``Period.times``) and shown back as
    typed.
    """

    class Meta:
        model = Period
        fields = ["year", "code", "timing", *PERIOD_MOMENTS, "fix_days"]
        widgets = {"timing": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        here = zones.current_key()
        for name in PERIOD_MOMENTS:
            field = self.fields.get(name)
            if field is None:  # the read-only view has no inputs
                continue
            field.help_text = " ".join(
                filter(None, [str(field.help_text), reads_in_help()])
            )
            stored = getattr(self.instance, name, None)
            if self.instance.pk and self.instance.is_local and stored:
                self.initial[name] = zones.same_wall_clock(
                    stored, read_in=zones.NATIONAL, show_in=here
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        timing = data.get("timing")
        for name in PERIOD_MOMENTS:
            if data.get(name) is not None and timing:
                data[name] = zones.as_entered(data[name], timing, zones.current_key())
        return data
