"""Cell codecs for catalogue files: strict parsing with Indonesian messages.

Each ``clean`` raises ``ValueError`` with a message for the person who filled the
spreadsheet; django-import-export reports it against the row and column. Every cell
is read as its visible text (``indicators.sheets.cell_text``): invisible characters
such as a zero-width space never make a second, look-alike code.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import widgets

from indicators.answer_kinds import to_decimal
from indicators.sheets import cell_text


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not cell_text(value))


def _plain(value: Any) -> Any:
    """Text cells as their visible text; numbers and booleans as they are."""
    return cell_text(value) if isinstance(value, str) else value


def _as_value_error(exc: ValidationError) -> ValueError:
    return ValueError(" ".join(exc.messages))


class TextWidget(widgets.CharWidget):
    def __init__(
        self, *, required: bool = False, max_length: int | None = None
    ) -> None:
        super().__init__()
        self.required = required
        self.max_length = max_length

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = cell_text(value)
        if self.required and not text:
            raise ValueError(_("Wajib diisi."))
        if self.max_length and len(text) > self.max_length:
            raise ValueError(
                _("Terlalu panjang: paling banyak %(max)d karakter.")
                % {"max": self.max_length}
            )
        return text


class ChoiceWidget(widgets.Widget):
    """A code from a fixed list; Indonesian aliases are accepted too."""

    def __init__(
        self, values: list[str], aliases: dict[str, str] | None = None
    ) -> None:
        super().__init__()
        self.values = values
        self.lookup = {v.lower(): v for v in values}
        self.lookup |= {k.lower(): v for k, v in (aliases or {}).items()}

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        if _blank(value):
            raise ValueError(_("Wajib diisi."))
        key = cell_text(value).lower()
        if key in self.lookup:
            return self.lookup[key]
        raise ValueError(
            _("“%(value)s” tidak dikenal; gunakan salah satu: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(self.values)}
        )

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value)


class PositiveIntegerWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int:
        if _blank(value):
            raise ValueError(_("Wajib diisi."))
        try:
            number = to_decimal(_plain(value), field=_("Nilai"))
        except ValidationError as exc:
            raise _as_value_error(exc) from None
        if number != number.to_integral_value() or number < 1 or number > 32767:
            raise ValueError(
                _("Harus bilangan bulat positif, bukan “%(v)s”.") % {"v": value}
            )
        return int(number)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        return value


class DecimalWidget(widgets.Widget):
    """A number with a dot or an Indonesian decimal comma; blank gives the default."""

    def __init__(self, *, default: Decimal | None = None) -> None:
        super().__init__()
        self.default = default

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Decimal | None:
        if _blank(value):
            return self.default
        try:
            return to_decimal(_plain(value), field=_("Nilai"))
        except ValidationError as exc:
            raise _as_value_error(exc) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return (
            format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
        )


class BooleanWidget(widgets.Widget):
    TRUE = {"ya", "y", "yes", "true", "1", "wajib"}
    FALSE = {"tidak", "t", "no", "false", "0"}

    def __init__(self, *, default: bool) -> None:
        super().__init__()
        self.default = default

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> bool:
        if _blank(value):
            return self.default
        if isinstance(value, bool):
            return value
        key = cell_text(value).lower()
        if key in self.TRUE:
            return True
        if key in self.FALSE:
            return False
        raise ValueError(_("Isi “ya” atau “tidak”, bukan “%(v)s”.") % {"v": value})

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "ya" if value else "tidak"


class PairListWidget(widgets.Widget):
    """``label=score | label=score`` cells for choice options and score bands."""

    def __init__(self, *, key: str, numeric_key: bool) -> None:
        super().__init__()
        self.key = key
        self.numeric_key = numeric_key

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> list[dict[str, Any]]:
        if _blank(value):
            return []
        pairs = []
        for part in cell_text(value).split("|"):
            left, sep, right = part.strip().rpartition("=")
            if not sep or not left.strip() or not right.strip():
                raise ValueError(
                    _("Tulis sebagai “%(example)s”, dipisah tanda |.")
                    % {
                        "example": "teks=nilai"
                        if not self.numeric_key
                        else "batas=nilai"
                    }
                )
            try:
                score = to_decimal(right, field=_("Nilai"))
                key: Any = left.strip()
                if self.numeric_key:
                    key = to_decimal(key, field=_("Batas"))
            except ValidationError as exc:
                raise _as_value_error(exc) from None
            pairs.append({self.key: _jsonable(key), "score": _jsonable(score)})
        return pairs

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return " | ".join(f"{item[self.key]}={item['score']}" for item in value or [])


def _jsonable(value: Any) -> Any:
    """Decimals go into JSON as int when whole, else as a plain string-free float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
