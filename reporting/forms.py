"""Forms check shape (types, sizes, required fields); services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from files.forms import MultipleFileField
from kernel.forms import DayFirstDateField
from regions.models import Agency, AgencyType
from regions.selectors import active_agencies
from reporting.models import Answer, Assessment


class AnswerForm(forms.Form):
    """One indicator's input, shaped by its answer kind; prefixed by the answer id."""

    raw_value = forms.CharField(required=False, max_length=500)
    note = forms.CharField(
        label=_("Keterangan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: object, answer: Answer, **kwargs: object) -> None:
        kwargs.setdefault("prefix", f"a{answer.pk}")
        kwargs.setdefault(
            "initial",
            {
                "raw_value": answer.raw_value,
                "note": answer.note,
                "version": answer.version,
            },
        )
        super().__init__(*args, **kwargs)
        indicator = answer.indicator
        field = self.fields["raw_value"]
        field.label = _("Jawaban")
        # The kind sets the widget, label and help, or says there is no field.
        if indicator.kind.shape_field(field, indicator) is None:
            del self.fields["raw_value"]
        elif answer.input_invalid:
            # The stored text does not validate: mark the field where it was typed.
            field.widget.attrs.update(
                {
                    "class": f"{field.widget.attrs.get('class', '')} is-invalid".strip(),
                    "aria-invalid": "true",
                    "aria-describedby": f"problem-{answer.pk}",
                }
            )


class EvidenceForm(forms.Form):
    files = MultipleFileField(
        label=_("Berkas data dukung"),
        help_text=_(
            "Boleh beberapa berkas sekaligus: PDF, JPG, PNG, DOCX, XLSX, ODT, ODS."
        ),
    )
    effective_date = DayFirstDateField(
        label=_("Tanggal dokumen"),
        required=False,
        help_text=_("Tanggal penetapan atau penandatanganan dokumen, jika ada."),
    )


class ApprovalForm(forms.Form):
    approver_name = forms.CharField(
        label=_("Nama pejabat yang menyetujui"), max_length=150
    )
    approver_position = forms.CharField(
        label=_("Jabatan"), max_length=150, help_text=_("Misalnya Sekretaris Daerah.")
    )
    approved_on = DayFirstDateField(label=_("Tanggal persetujuan"))
    letter = forms.FileField(label=_("Surat persetujuan yang ditandatangani"))


class InviteForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("Surel"))
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("OPD"))

    def __init__(self, *args: object, regency_code: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies(regency_code)


def _agency_field(label: str, empty_label: str) -> forms.ModelChoiceField:
    """An OPD of the kab/kota (the form narrows the queryset), or none."""
    return forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        label=label,
        empty_label=empty_label,
        error_messages={
            "invalid_choice": _(
                "OPD yang dipilih bukan OPD aktif kabupaten/kota ini; pilih OPD "
                "dari daftar."
            )
        },
    )


class BulkAssignForm(forms.Form):
    """Many indicators to one OPD: the ticked rows, or all of one responsible type."""

    agency = _agency_field(_("OPD tujuan"), _("— lepaskan penugasan —"))
    agency_type = forms.ModelChoiceField(
        queryset=AgencyType.objects.none(),
        required=False,
        label=_("Atau semua indikator berpenanggung jawab"),
        empty_label=_("— hanya yang dicentang —"),
    )
    answers = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        label=_("Indikator"),
        error_messages={
            "invalid_choice": _(
                "Indikator yang dicentang tidak ada di penilaian ini; muat ulang "
                "halaman lalu coba lagi."
            )
        },
    )

    # Prefixed: the invitation form on the same page has its own "agency".
    prefix = "bulk"

    def __init__(self, *args: object, assessment: Assessment, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies(assessment.regency_id)
        self.fields["agency_type"].queryset = AgencyType.objects.filter(
            indicators__answers__assessment=assessment
        ).distinct()
        self.fields["answers"].choices = [
            (pk, pk) for pk in assessment.answers.values_list("pk", flat=True)
        ]

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        if not data.get("answers") and not data.get("agency_type"):
            raise forms.ValidationError(
                _("Centang indikator atau pilih penanggung jawab katalognya.")
            )
        return data


class AssignForm(forms.Form):
    agency = _agency_field(_("OPD"), _("— belum ditugaskan —"))

    def __init__(self, *args: object, regency_code: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies(regency_code)
