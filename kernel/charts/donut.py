"""A donut chart for shares of a whole, e.g. the predicate distribution."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from kernel.charts.base import (
    Bar,
    Cell,
    Chart,
    esc,
    fill,
    linked,
    number,
    px,
    share,
    short,
    svg_document,
    text_width,
)

RADIUS = 70
RING = 28
CENTRE = 100


def _slices(slices: Sequence[Bar], total: Decimal) -> str:
    # Each slice is the same circle drawn with a dash as long as its share
    # (pathLength=100), offset by the shares before it: no arc arithmetic, and a
    # single 100% slice still closes the ring.
    parts, offset = [], Decimal(0)
    for s in slices:
        if not s.value:
            continue
        part = Decimal(100) * s.value / total
        stroke = fill(s.tone).replace("fill", "stroke")
        parts.append(
            linked(
                f'<circle class="chart-slice" cx="{CENTRE}" cy="{CENTRE}" r="{RADIUS}" '
                f'fill="none" {stroke} stroke-width="{RING}" pathLength="100" '
                f'stroke-dasharray="{px(float(part))} {px(float(100 - part))}" '
                f'stroke-dashoffset="{px(float(-offset))}" '
                f'transform="rotate(-90 {CENTRE} {CENTRE})" data-value="{esc(s.value)}">'
                f"<title>{esc(s.label)}: {esc(number(s.value))} "
                f"({esc(number(share(s.value, total), 1))}%)</title></circle>",
                s.link,
            )
        )
        offset += part
    return "".join(parts)


LEGEND_X = 2 * CENTRE + 20


def _legend_line(s: Bar, total: Decimal) -> str:
    return (
        f"{short(s.label, 40)}: {number(s.value)} ({number(share(s.value, total), 1)}%)"
    )


def _legend(slices: Sequence[Bar], total: Decimal) -> str:
    x, parts = LEGEND_X, []
    for i, s in enumerate(slices):
        y = 30 + i * 22
        parts.append(
            f'<g class="chart-legend-item"><rect x="{x}" y="{y}" width="12" height="12" '
            f'{fill(s.tone)}/><text x="{x + 18}" y="{y + 10}" fill="currentColor">'
            f"{esc(_legend_line(s, total))}</text></g>"
        )
    return "".join(parts)


def donut_chart(
    *,
    chart_id: str,
    title: str,
    slices: Sequence[Bar],
    label_heading: str,
    value_heading: str,
    share_heading: str,
    centre_label: str = "",
    table_visible: bool = False,
) -> Chart:
    """Slices of a ring with a legend; the centre shows the total."""
    total = sum((s.value for s in slices), Decimal(0))
    body = (
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{RADIUS}" fill="none" '
        f'stroke="#dee2e6" stroke-width="{RING}"/>'
    )
    if total:
        body += _slices(slices, total)
    body += (
        f'<text class="chart-total" x="{CENTRE}" y="{CENTRE + 2}" text-anchor="middle" '
        f'font-size="22" font-weight="bold" fill="currentColor">{esc(number(total))}</text>'
        f'<text x="{CENTRE}" y="{CENTRE + 20}" text-anchor="middle" '
        f'fill="currentColor">{esc(centre_label)}</text>'
        f"{_legend(slices, total)}"
    )
    height = max(2 * CENTRE, 30 + len(slices) * 22 + 10)
    width = (
        LEGEND_X
        + 18
        + max((text_width(_legend_line(s, total)) for s in slices), default=0)
    )
    rows = tuple(
        (
            Cell(s.label, s.link),
            Cell(number(s.value)),
            Cell(f"{number(share(s.value, total), 1)}%"),
        )
        for s in slices
    )
    return Chart(
        id=chart_id,
        title=title,
        svg=svg_document(
            chart_id=chart_id, title=title, height=height, body=body, width=width + 8
        ),
        columns=(label_heading, value_heading, share_heading),
        rows=rows,
        table_visible=table_visible,
    )
