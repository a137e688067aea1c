"""Aksi HAM reporting rates as charts (the portal's server-rendered SVG module)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from aksiham.models import Period
from aksiham.selectors import Rate
from kernel.charts import Chart, Series, StackedBar, stacked_bar_chart

SERIES = (
    Series("on_time", _("Dikirim tepat waktu"), "success"),
    Series("late", _("Dikirim terlambat"), "warning"),
    Series("missing", _("Belum dikirim"), "secondary"),
)


def rates_chart(
    *, period: Period, items: Sequence[Rate], by_province: bool, year: int
) -> Chart:
    """One bar per province (or kab/kota): shares of expected reports sent on time,
    sent late, and not sent."""
    rows = []
    for rate in items:
        if by_province:
            link = (
                f"{reverse('aksiham:rates', args=[year])}"
                f"?provinsi={rate.code}&periode={period.code}"
            )
        else:
            link = reverse("aksiham:grid", args=[year, rate.code])
        rows.append(
            StackedBar(
                rate.label,
                (
                    Decimal(rate.on_time),
                    Decimal(rate.submitted - rate.on_time),
                    Decimal(max(rate.expected - rate.submitted, 0)),
                ),
                link,
            )
        )
    return stacked_bar_chart(
        chart_id=f"tingkat-{period.code.lower()}",
        title=_("Tingkat pelaporan %(period)s") % {"period": period.code},
        series=SERIES,
        rows=rows,
        label_heading=_("Provinsi") if by_province else _("Kabupaten/kota"),
        total_heading=_("Laporan wajib"),
        normalize=True,
    )
