"""Bar charts: horizontal or vertical bars, and stacked bars for progress."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from kernel.charts.base import (
    WIDTH,
    Bar,
    Cell,
    Chart,
    Guide,
    Series,
    StackedBar,
    esc,
    fill,
    legend,
    linked,
    number,
    px,
    scale_max,
    share,
    short,
    svg_document,
    text_fill,
    text_width,
)

ROW = 24
BAR = 16
VALUE_SPACE = 64
PLOT_HEIGHT = 180


def _label_space(labels: Sequence[str]) -> float:
    longest = max((text_width(short(label)) for label in labels), default=0)
    return min(max(longest + 10, 60), WIDTH * 0.4)


def _guides_vertical_lines(
    guides: Sequence[Guide], x0: float, span: float, top_value: Decimal, height: float
) -> str:
    out = []
    for guide in guides:
        if guide.value > top_value:
            continue
        x = x0 + span * float(guide.value / top_value)
        out.append(
            f'<g class="chart-guide"><line x1="{px(x)}" y1="14" x2="{px(x)}" '
            f'y2="{px(height)}" stroke="currentColor" stroke-dasharray="4 3" '
            f'stroke-opacity="0.6"/><text x="{px(x)}" y="10" text-anchor="middle" '
            f'fill="currentColor">{esc(guide.label)}</text></g>'
        )
    return "".join(out)


def _horizontal(bars, top_value, decimals, guides) -> tuple[str, float]:
    x0 = _label_space([b.label for b in bars])
    span = WIDTH - x0 - VALUE_SPACE
    y0 = 18 if guides else 4
    parts = []
    for i, bar in enumerate(bars):
        y = y0 + i * ROW
        width = span * float(min(bar.value, top_value) / top_value)
        parts.append(
            linked(
                f'<g class="chart-bar"><title>{esc(bar.label)}: '
                f"{esc(number(bar.value, decimals))}</title>"
                f'<text x="{px(x0 - 6)}" y="{px(y + BAR - 4)}" text-anchor="end" '
                f'fill="currentColor">{esc(short(bar.label))}</text>'
                f'<rect x="{px(x0)}" y="{px(y)}" width="{px(width)}" height="{BAR}" '
                f'{fill(bar.tone)} data-value="{esc(bar.value)}"/>'
                f'<text class="chart-value" x="{px(x0 + width + 4)}" '
                f'y="{px(y + BAR - 4)}" fill="currentColor">'
                f"{esc(number(bar.value, decimals))}</text></g>",
                bar.link,
            )
        )
    height = y0 + len(bars) * ROW + 4
    lines = _guides_vertical_lines(guides, x0, span, top_value, height - 4)
    return "".join(parts) + lines, height


def _vertical(bars, top_value, decimals, guides) -> tuple[str, float]:
    count = max(len(bars), 1)
    left, top = 8, 24
    # Guide labels sit in a right margin, clear of the bars and their values.
    right = WIDTH - (max(text_width(g.label) for g in guides) + 12 if guides else 8)
    slot = (right - left) / count
    width = min(slot * 0.6, 56)
    base = top + PLOT_HEIGHT
    parts = [
        f'<line x1="{left}" y1="{base}" x2="{px(right)}" y2="{base}" '
        f'stroke="currentColor" stroke-opacity="0.4"/>'
    ]
    for guide in guides:
        if guide.value <= top_value:
            y = base - PLOT_HEIGHT * float(guide.value / top_value)
            parts.append(
                f'<g class="chart-guide"><line x1="{left}" y1="{px(y)}" '
                f'x2="{px(right)}" y2="{px(y)}" stroke="currentColor" '
                f'stroke-dasharray="4 3" stroke-opacity="0.6"/><text '
                f'x="{px(right + 6)}" y="{px(y + 4)}" fill="currentColor">'
                f"{esc(guide.label)}</text></g>"
            )
    for i, bar in enumerate(bars):
        centre = left + slot * (i + 0.5)
        height = PLOT_HEIGHT * float(min(bar.value, top_value) / top_value)
        parts.append(
            linked(
                f'<g class="chart-bar"><title>{esc(bar.label)}: '
                f"{esc(number(bar.value, decimals))}</title>"
                f'<rect x="{px(centre - width / 2)}" y="{px(base - height)}" '
                f'width="{px(width)}" height="{px(height)}" {fill(bar.tone)} '
                f'data-value="{esc(bar.value)}"/>'
                f'<text class="chart-value" x="{px(centre)}" y="{px(base - height - 4)}" '
                f'text-anchor="middle" fill="currentColor">'
                f"{esc(number(bar.value, decimals))}</text>"
                f'<text x="{px(centre)}" y="{px(base + 16)}" text-anchor="middle" '
                f'fill="currentColor">{esc(short(bar.label, 14))}</text></g>',
                bar.link,
            )
        )
    return "".join(parts), base + 24


def bar_chart(
    *,
    chart_id: str,
    title: str,
    bars: Sequence[Bar],
    label_heading: str,
    value_heading: str,
    max_value: Decimal | None = None,
    decimals: int = 0,
    vertical: bool = False,
    guides: Sequence[Guide] = (),
    extra_columns: tuple[str, ...] = (),
    extra_cells: Sequence[tuple[str, ...]] = (),
    table_visible: bool = False,
) -> Chart:
    """Bars scaled to ``max_value`` (default: the largest value).

    ``extra_columns``/``extra_cells`` add columns to the data table only (e.g. the
    predicate beside a total).
    """
    top_value = scale_max([b.value for b in bars], max_value)
    draw = _vertical if vertical else _horizontal
    body, height = draw(bars, top_value, decimals, guides)
    rows = tuple(
        (
            Cell(bar.label, bar.link),
            Cell(number(bar.value, decimals)),
            *(Cell(text) for text in (extra_cells[i] if extra_cells else ())),
        )
        for i, bar in enumerate(bars)
    )
    return Chart(
        id=chart_id,
        title=title,
        svg=svg_document(chart_id=chart_id, title=title, height=height, body=body),
        columns=(label_heading, value_heading, *extra_columns),
        rows=rows,
        table_visible=table_visible,
    )


def _segments(row: StackedBar, series, x0, span, total_scale, y) -> str:
    parts, x = [], x0
    for s, value in zip(series, row.values, strict=True):
        if not value:
            continue
        width = span * float(value / total_scale)
        label = number(value)
        parts.append(
            f'<rect x="{px(x)}" y="{px(y)}" width="{px(width)}" height="{BAR}" '
            f'{fill(s.tone)} data-series="{esc(s.key)}" data-value="{esc(value)}">'
            f"<title>{esc(row.label)} — {esc(s.label)}: {esc(label)}</title></rect>"
        )
        if width >= text_width(label) + 6:
            parts.append(
                f'<text x="{px(x + width / 2)}" y="{px(y + BAR - 4)}" '
                f'text-anchor="middle" fill="{text_fill(s.tone)}" '
                f'aria-hidden="true">{esc(label)}</text>'
            )
        x += width
    return "".join(parts)


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    series: Sequence[Series],
    rows: Sequence[StackedBar],
    label_heading: str,
    total_heading: str,
    normalize: bool = False,
    max_value: Decimal | None = None,
    table_visible: bool = False,
) -> Chart:
    """One horizontal bar per row, split by series.

    ``normalize`` draws every row at full width (shares of its own total), which
    compares provinces of different sizes; the table keeps the counts and shares.
    """
    totals = [sum(r.values, Decimal(0)) for r in rows]
    top_value = scale_max(totals, max_value)
    legend_markup, legend_height = legend(series, 2)
    x0 = _label_space([r.label for r in rows])
    span = WIDTH - x0 - VALUE_SPACE
    parts = [legend_markup]
    for i, (row, total) in enumerate(zip(rows, totals, strict=True)):
        y = legend_height + i * ROW
        row_scale = (total or Decimal(1)) if normalize else top_value
        parts.append(
            linked(
                f'<g class="chart-bar"><text x="{px(x0 - 6)}" y="{px(y + BAR - 4)}" '
                f'text-anchor="end" fill="currentColor"><title>{esc(row.label)}</title>'
                f"{esc(short(row.label))}</text>"
                f"{_segments(row, series, x0, span, row_scale, y)}"
                f'<text class="chart-value" x="{px(WIDTH - VALUE_SPACE + 4)}" '
                f'y="{px(y + BAR - 4)}" fill="currentColor">{esc(number(total))}</text>'
                f"</g>",
                row.link,
            )
        )
    height = legend_height + len(rows) * ROW + 4
    table_rows = tuple(
        (
            Cell(row.label, row.link),
            *(Cell(f"{number(v)} ({number(share(v, total), 1)}%)") for v in row.values),
            Cell(number(total)),
        )
        for row, total in zip(rows, totals, strict=True)
    )
    return Chart(
        id=chart_id,
        title=title,
        svg=svg_document(
            chart_id=chart_id, title=title, height=height, body="".join(parts)
        ),
        columns=(label_heading, *(s.label for s in series), total_heading),
        rows=table_rows,
        table_visible=table_visible,
    )
