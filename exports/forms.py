"""The export request form: shape only (known kind and format, existing year and
regions); whether the user may have it is the service's question."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import access
from accounts.models import User
from exports.models import ExportJob
from exports.registry import KINDS, kinds_for
from indicators.models import Catalogue
from regions.models import Province, Regency


class ExportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"))
    format = forms.ChoiceField(label=_("Format"), choices=ExportJob.Format.choices)
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    province = forms.CharField(label=_("Provinsi"), required=False, max_length=2)
    regency = forms.CharField(label=_("Kabupaten/kota"), required=False, max_length=5)

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Any known kind is well-formed; the service answers whether this user may
        # have it (404 when not), and the menu offers only the user's own kinds.
        self.fields["kind"].choices = [(k.code, k.label) for k in KINDS.values()]
        self.fields["kind"].widget.choices = [
            (k.code, k.label) for k in kinds_for(user)
        ]
        years = Catalogue.objects.exclude(status=Catalogue.Status.DRAFT).order_by(
            "-year"
        )
        self.fields["year"].choices = [(c.year, c.year) for c in years]
        provinces = access.provinces_for(user).order_by("code")
        self.fields["province"].widget = forms.Select(
            choices=[("", "—")] + [(p.code, p.name) for p in provinces]
        )
        regencies = access.regencies_for(user).order_by("code")
        if not access.scope_of(user).national:
            self.fields["regency"].widget = forms.Select(
                choices=[("", "—")]
                + [(r.code, f"{r.code} {r.name}") for r in regencies]
            )
        else:
            self.fields["regency"].help_text = _("Kode Kemendagri, mis. 33.73")

    def clean_year(self) -> Catalogue:
        return Catalogue.objects.get(year=self.cleaned_data["year"])

    def clean_province(self) -> Province | None:
        code = self.cleaned_data["province"]
        if not code:
            return None
        province = Province.objects.filter(code=code).first()
        if province is None:
            raise forms.ValidationError(_("Provinsi tidak dikenal."))
        return province

    def clean_regency(self) -> Regency | None:
        code = self.cleaned_data["regency"].strip()
        if not code:
            return None
        regency = Regency.objects.filter(code=code).first()
        if regency is None:
            raise forms.ValidationError(_("Kabupaten/kota tidak dikenal."))
        return regency
