"""Date and time fields that read day first, and the "which zone" part of a deadline form.

The input formats are the portal's (``portal/formats``): "31/03/2026 23.59",
"31/03/2026 23:59", "31-03-2026", ISO "2026-03-31"; month first is refused. The fields
are plain text inputs, because a browser's date picker shows the browser's order
(month first in an English browser) and the person could not see which one they typed.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel import zones

DATETIME_EXAMPLE = "31/03/2026 23.59"


class DayFirstDateField(forms.DateField):
    widget = forms.DateInput(
        format="%d/%m/%Y",
        attrs={"placeholder": _("hh/bb/tttt"), "inputmode": "numeric"},
    )
    default_error_messages = {
        "invalid": _(
            "Tulis tanggal dengan hari lebih dulu, misalnya 31/03/2026 "
            "(hari/bulan/tahun empat angka)."
        ),
    }


class DayFirstDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(
        format="%d/%m/%Y %H.%M", attrs={"placeholder": _("hh/bb/tttt jj.mm")}
    )
    default_error_messages = {
        "invalid": _(
            "Tulis tanggal dan jam dengan hari lebih dulu, misalnya "
            "31/03/2026 23.59 atau 31/03/2026 23:59."
        ),
    }


def reads_in_help(zone: str | None = None) -> str:
    """The line under a time input saying which zone it reads."""
    return str(
        _("Jam dibaca dalam %(zone)s. Contoh: %(example)s.")
        % {"zone": zones.label(zone), "example": DATETIME_EXAMPLE}
    )


class TimingForm(forms.Form):
    """A form with moments the administrator types once for every region.

    ``timing``: one national instant (read in the chosen zone) or "this local time
    in every region". ``as_entered`` turns a typed moment into what is stored.
    """

    timing = forms.ChoiceField(
        label=_("Berlaku sebagai"),
        choices=zones.Timing.choices,
        initial=zones.Timing.NATIONAL,
        required=False,  # left out: one national instant
        widget=forms.RadioSelect,
    )
    zone = forms.ChoiceField(
        label=_("Zona waktu isian"),
        choices=zones.Zone.choices,
        required=False,  # left out: the person's zone
        help_text=_(
            "Untuk satu saat nasional: jam yang diketik dibaca dalam zona ini. Untuk "
            "jam setempat: jam yang diketik berlaku di setiap daerah menurut "
            "WIB, WITA, atau WIT-nya sendiri."
        ),
    )

    moment_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].initial = str(zones.tz(zones.current_key()))

    def clean(self) -> dict[str, Any]:
        """Each moment as stored; the chosen zone comes out as ``entered_in``."""
        data = super().clean()
        data["timing"] = data.get("timing") or zones.Timing.NATIONAL
        zone = data.pop("zone", "") or str(zones.tz(zones.current_key()))
        for name in self.moment_fields:
            if data.get(name) is not None:
                data[name] = self.as_entered(data[name], data["timing"], zone)
        data["entered_in"] = zone
        return data

    @staticmethod
    def as_entered(
        moment: datetime.datetime, timing: str, zone: str
    ) -> datetime.datetime:
        """The typed moment read in ``zone`` (local timing: stored as the same wall
        clock in WIB, see ``kernel.zones.as_entered``)."""
        typed = zones.instant(zones.wall_clock(moment, zones.current_key()), zone)
        return zones.as_entered(typed, timing, zone)
