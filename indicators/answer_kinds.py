"""Answer kinds: each checks its indicator's settings, shapes the answer's form field,
says whether a value is entered and shown, validates answers and scores them.

A score is a ``Decimal`` from 0 to 100: the share of the indicator's full points the
answer earns. Scoring turns it into points with the catalogue's type weights.

This module does not import ``indicators.models`` (the model imports it): a kind
reads an indicator's settings through the ``IndicatorSettings`` protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, Protocol

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class IndicatorSettings(Protocol):
    """What a kind reads of an indicator (``indicators.models.Indicator`` has it)."""

    options: Any
    target: Decimal | None
    bands: Any
    unit: str


ZERO = Decimal(0)
FULL = Decimal(100)


def to_decimal(raw: Any, *, field: str) -> Decimal:
    """Parse a number written with a dot or an Indonesian decimal comma."""
    if isinstance(raw, bool):
        raise ValidationError(_("%(field)s harus berupa angka.") % {"field": field})
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    text = str(raw).strip().replace(" ", "")
    if "," in text and "." in text:
        # 1.234,5 (Indonesian thousands) → 1234.5
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            _("%(field)s harus berupa angka, bukan “%(raw)s”.")
            % {"field": field, "raw": raw}
        ) from None
    if not value.is_finite():
        raise ValidationError(_("%(field)s harus berupa angka.") % {"field": field})
    return value


def _check_score(value: Any, where: str) -> Decimal:
    score = to_decimal(value, field=where)
    if not ZERO <= score <= FULL:
        raise ValidationError(_("%(where)s harus antara 0 dan 100.") % {"where": where})
    return score


def _check_bands(bands: Any) -> list[dict[str, Decimal]]:
    if not isinstance(bands, list):
        raise ValidationError({"bands": _("Pita nilai harus berupa daftar.")})
    cleaned = []
    for band in bands:
        if not isinstance(band, dict) or set(band) != {"min", "score"}:
            raise ValidationError(
                {"bands": _("Setiap pita nilai memerlukan min dan score.")}
            )
        cleaned.append(
            {
                "min": to_decimal(band["min"], field=_("Batas pita")),
                "score": _check_score(band["score"], _("Skor pita")),
            }
        )
    mins = [b["min"] for b in cleaned]
    if mins != sorted(mins) or len(set(mins)) != len(mins):
        raise ValidationError(
            {"bands": _("Batas min pita nilai harus naik dan tidak berulang.")}
        )
    return cleaned


def sheet_text(cell: Any) -> str:
    """A cell as text: numbers without exponent or float noise, text stripped."""
    if cell is None or isinstance(cell, bool):
        return "" if cell is None else str(cell)
    if isinstance(cell, int | float | Decimal):
        number = Decimal(repr(cell)) if isinstance(cell, float) else Decimal(cell)
        if not number.is_finite():
            return str(cell)
        text = format(number.normalize(), "f")
        return "0" if text in ("-0", "") else text
    return str(cell).strip()


@dataclass(frozen=True)
class AnswerKindRule:
    """Base behaviour; each kind overrides what it needs."""

    code: str
    # True when the evidence is the answer: no value is entered, stored or shown.
    evidence_only: ClassVar[bool] = False

    @property
    def takes_value(self) -> bool:
        """An answer of this kind has a value to enter and to show."""
        return not self.evidence_only

    def is_answered(self, value: Any, *, has_evidence: bool) -> bool:
        """Counted as answered on the progress bars."""
        return value is not None or (self.evidence_only and has_evidence)

    def value_missing(self, value: Any) -> bool:
        """The answer still needs a valid value before it can be marked ready."""
        return self.takes_value and value is None

    def shape_field(
        self, field: forms.CharField, indicator: IndicatorSettings
    ) -> forms.CharField | None:
        """Set the answer field's widget, label and help; None: the form has no field."""
        return None

    def check_config(self, indicator: IndicatorSettings) -> None:
        """Refuse settings that do not belong to this kind."""
        if indicator.options:
            raise ValidationError(
                {"options": _("Pilihan jawaban hanya untuk jenis pilihan.")}
            )
        if indicator.target is not None or indicator.bands:
            raise ValidationError(
                {
                    "target": _(
                        "Target dan pita nilai hanya untuk jenis angka atau persentase."
                    )
                }
            )

    def clean_value(self, indicator: IndicatorSettings, raw: Any) -> Any:
        """Return the stored form of an answer, or raise with an Indonesian message."""
        raise NotImplementedError

    # ---- the offline spreadsheet (reporting.answer_sheet)

    number_format: ClassVar[str | None] = None  # the value cell's number format

    def sheet_choices(self, indicator: IndicatorSettings) -> list[str]:
        """The value cell's drop-down list; empty: typed freely."""
        return []

    def sheet_cell(self, indicator: IndicatorSettings, value: Any, raw: str) -> Any:
        """What the value cell shows for a stored answer (the typing when invalid)."""
        return raw or None

    def sheet_raw(self, indicator: IndicatorSettings, cell: Any) -> str:
        """The text to save from a value cell as a spreadsheet program left it."""
        return sheet_text(cell)

    def score(
        self, indicator: IndicatorSettings, value: Any, *, has_evidence: bool
    ) -> Decimal:
        raise NotImplementedError


class YesNo(AnswerKindRule):
    def shape_field(
        self, field: forms.CharField, indicator: IndicatorSettings
    ) -> forms.CharField:
        field.widget = forms.RadioSelect(
            choices=[("ya", gettext_lazy("Ya")), ("tidak", gettext_lazy("Tidak"))]
        )
        return field

    def clean_value(self, indicator: IndicatorSettings, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"ya", "yes", "1", "true"}:
            return True
        if text in {"tidak", "no", "0", "false"}:
            return False
        raise ValidationError(_("Pilih Ya atau Tidak."))

    def sheet_choices(self, indicator: IndicatorSettings) -> list[str]:
        return [_("Ya"), _("Tidak")]

    def sheet_cell(self, indicator: IndicatorSettings, value: Any, raw: str) -> Any:
        if value is None:
            return raw or None
        return _("Ya") if value else _("Tidak")

    def sheet_raw(self, indicator: IndicatorSettings, cell: Any) -> str:
        if isinstance(cell, bool):
            return "ya" if cell else "tidak"
        text = sheet_text(cell)
        if text.lower() in {"ya", str(_("Ya")).lower()}:
            return "ya"
        if text.lower() in {"tidak", str(_("Tidak")).lower()}:
            return "tidak"
        return text

    def score(
        self, indicator: IndicatorSettings, value: Any, *, has_evidence: bool
    ) -> Decimal:
        return FULL if value is True else ZERO


class Choice(AnswerKindRule):
    def shape_field(
        self, field: forms.CharField, indicator: IndicatorSettings
    ) -> forms.CharField:
        field.widget = forms.RadioSelect(
            choices=[(o["label"], o["label"]) for o in indicator.options]
        )
        return field

    def check_config(self, indicator: IndicatorSettings) -> None:
        options = indicator.options
        if not isinstance(options, list) or len(options) < 2:
            raise ValidationError(
                {"options": _("Jenis pilihan memerlukan sedikitnya dua pilihan.")}
            )
        labels = []
        for option in options:
            if not isinstance(option, dict) or not str(option.get("label", "")).strip():
                raise ValidationError(
                    {"options": _("Setiap pilihan memerlukan label.")}
                )
            _check_score(option.get("score"), _("Skor pilihan"))
            labels.append(option["label"].strip().lower())
        if len(set(labels)) != len(labels):
            raise ValidationError({"options": _("Label pilihan tidak boleh berulang.")})
        if indicator.target is not None or indicator.bands:
            raise ValidationError(
                {
                    "target": _(
                        "Target dan pita nilai hanya untuk jenis angka atau persentase."
                    )
                }
            )

    def sheet_choices(self, indicator: IndicatorSettings) -> list[str]:
        return [o["label"] for o in indicator.options]

    def sheet_raw(self, indicator: IndicatorSettings, cell: Any) -> str:
        text = sheet_text(cell)
        for option in indicator.options:
            if option["label"].strip().lower() == text.lower():
                return option["label"]
        return text

    def clean_value(self, indicator: IndicatorSettings, raw: Any) -> str:
        text = str(raw).strip()
        for option in indicator.options:
            if option["label"].strip().lower() == text.lower():
                return option["label"]
        raise ValidationError(_("Pilih salah satu pilihan yang tersedia."))

    def score(
        self, indicator: IndicatorSettings, value: Any, *, has_evidence: bool
    ) -> Decimal:
        for option in indicator.options:
            if option["label"] == value:
                return to_decimal(option["score"], field="score")
        return ZERO


class Number(AnswerKindRule):
    minimum = ZERO
    maximum: Decimal | None = None
    number_format: ClassVar[str | None] = "#,##0.####"

    def sheet_cell(self, indicator: IndicatorSettings, value: Any, raw: str) -> Any:
        return Decimal(value) if value is not None else (raw or None)

    def unit(self, indicator: IndicatorSettings) -> str:
        return indicator.unit

    def shape_field(
        self, field: forms.CharField, indicator: IndicatorSettings
    ) -> forms.CharField:
        field.widget = forms.TextInput(
            attrs={"inputmode": "decimal", "autocomplete": "off"}
        )
        unit = self.unit(indicator)
        field.label = (
            gettext_lazy("Nilai (%(unit)s)") % {"unit": unit}
            if unit
            else gettext_lazy("Nilai")
        )
        field.help_text = gettext_lazy(
            "Gunakan koma atau titik untuk desimal, misalnya 87,5."
        )
        return field

    def check_config(self, indicator: IndicatorSettings) -> None:
        if indicator.options:
            raise ValidationError(
                {"options": _("Pilihan jawaban hanya untuk jenis pilihan.")}
            )
        has_target = indicator.target is not None
        if has_target == bool(indicator.bands):
            raise ValidationError(
                {
                    "target": _(
                        "Isi salah satu: target atau pita nilai (tidak keduanya)."
                    )
                }
            )
        if has_target and indicator.target <= 0:
            raise ValidationError({"target": _("Target harus lebih besar dari 0.")})
        if indicator.bands:
            _check_bands(indicator.bands)

    def clean_value(self, indicator: IndicatorSettings, raw: Any) -> str:
        value = to_decimal(raw, field=_("Nilai"))
        if value < self.minimum:
            raise ValidationError(_("Nilai tidak boleh negatif."))
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(_("Persentase harus antara 0 dan 100."))
        return str(value)

    def score(
        self, indicator: IndicatorSettings, value: Any, *, has_evidence: bool
    ) -> Decimal:
        if value is None:  # nothing entered: no points
            return ZERO
        number = to_decimal(value, field="value")
        if indicator.target is not None:
            return min(number / indicator.target, Decimal(1)) * FULL
        earned = ZERO
        for band in _check_bands(indicator.bands):
            if number >= band["min"]:
                earned = band["score"]
        return earned


class Percentage(Number):
    maximum = FULL
    number_format: ClassVar[str | None] = '0.####" %"'

    def unit(self, indicator: IndicatorSettings) -> str:
        return "%"


class Document(AnswerKindRule):
    """The evidence decides: full score when accepted evidence is attached."""

    evidence_only = True

    def sheet_cell(self, indicator: IndicatorSettings, value: Any, raw: str) -> Any:
        return None

    def clean_value(self, indicator: IndicatorSettings, raw: Any) -> None:
        return None

    def score(
        self, indicator: IndicatorSettings, value: Any, *, has_evidence: bool
    ) -> Decimal:
        return FULL if has_evidence else ZERO


KINDS: dict[str, AnswerKindRule] = {
    "yes_no": YesNo("yes_no"),
    "choice": Choice("choice"),
    "number": Number("number"),
    "percentage": Percentage("percentage"),
    "document": Document("document"),
}


def kind_for(code: str) -> AnswerKindRule:
    try:
        return KINDS[code]
    except KeyError:
        raise ValidationError(
            {"answer_kind": _("Jenis jawaban tidak dikenal.")}
        ) from None
