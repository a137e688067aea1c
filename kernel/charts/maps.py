"""A choropleth map of regions drawn server-side as SVG, with the same data as a table.

The outlines come from the caller (already projected SVG path data with a bounding box
per region code), so nothing here knows which country, programme or year it draws.
Each region is one ``<path>`` carrying its code in ``data-code`` and its accessible name
(``aria-label`` and a ``<title>``); a region with a link is wrapped in ``<a>``. Regions
the caller lists without an outline are never invented: they stay in the table and a
note names them. Colours are presentation attributes (no inline style, strict CSP).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils.safestring import mark_safe

from kernel.charts.base import (
    TONES,
    Cell,
    Chart,
    Series,
    esc,
    px,
    text_width,
)

FRAME_WIDTH = 1000.0
FRAME_MAX_HEIGHT = 620.0
PADDING = 6.0
LEGEND_FONT = 15
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")

# A sequential scale for values (light to dark), for maps coloured by a number.
SCALE = ("#e5f5e0", "#a1d99b", "#74c476", "#31a354", "#006d2c")
NO_DATA = "#d9d9d9"


class Outline(Protocol):
    d: str
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class MapRegion:
    """One region on the map: its code (key of the outlines), name, colour and the
    table's values; ``name`` is what a screen reader hears with ``summary``."""

    code: str
    label: str
    tone: str
    values: tuple[str, ...] = ()
    summary: str = ""
    link: str = ""


def colour(tone: str) -> str:
    """A tone name of the charts or a ``#rrggbb`` colour."""
    if _HEX.match(tone):
        return tone
    if tone == "none":
        return NO_DATA
    return TONES.get(tone, TONES["primary"])[1]


def _frame(boxes: Sequence[tuple[float, float, float, float]]):
    x0 = min(b[0] for b in boxes) - PADDING
    y0 = min(b[1] for b in boxes) - PADDING
    x1 = max(b[2] for b in boxes) + PADDING
    y1 = max(b[3] for b in boxes) + PADDING
    scale = min(FRAME_WIDTH / (x1 - x0), FRAME_MAX_HEIGHT / (y1 - y0))
    return x0, y0, scale, (y1 - y0) * scale


def _legend(series: Sequence[Series], top: float) -> tuple[str, float]:
    parts, x, line = [], 0.0, 0
    for s in series:
        needed = 24 + text_width(s.label) * LEGEND_FONT / 12 + 20
        if x and x + needed > FRAME_WIDTH:
            x, line = 0.0, line + 1
        y = top + line * 24
        parts.append(
            f'<g class="chart-legend-item"><rect x="{px(x)}" y="{px(y)}" width="16" '
            f'height="16" fill="{colour(s.tone)}" stroke="#6c757d" stroke-width="0.5"/>'
            f'<text x="{px(x + 22)}" y="{px(y + 13)}" fill="currentColor" '
            f'font-size="{LEGEND_FONT}">{esc(s.label)}</text></g>'
        )
        x += needed
    return "".join(parts), ((line + 1) * 24 + 8) if series else 0.0


def region_map(
    *,
    chart_id: str,
    title: str,
    outlines: Mapping[str, Outline],
    regions: Sequence[MapRegion],
    legend: Sequence[Series],
    label_heading: str,
    value_headings: Sequence[str] = (),
    missing_note: str = "",
    source: str = "",
    table_visible: bool = True,
) -> Chart:
    """Draw ``regions`` with their outlines; ``missing_note`` (with ``%(names)s``)
    explains the regions listed without an outline; ``source`` credits the outlines."""
    drawn = [r for r in regions if r.code in outlines]
    missing = [r for r in regions if r.code not in outlines]
    title_id = f"{chart_id}-title"
    body, height = "", 40.0
    if drawn:
        x0, y0, scale, height = _frame([outlines[r.code].box for r in drawn])
        paths = []
        for r in drawn:
            name = f"{r.label}: {r.summary}" if r.summary else r.label
            path = (
                f'<path class="map-region" d="{esc(outlines[r.code].d)}" '
                f'fill="{colour(r.tone)}" data-code="{esc(r.code)}" '
                f'data-tone="{esc(r.tone)}"'
                + ("" if r.link else f' role="img" aria-label="{esc(name)}"')
                + f"><title>{esc(name)}</title></path>"
            )
            if r.link:
                # Out of the tab order: the table beside the map has the same links.
                path = (
                    f'<a href="{esc(r.link)}" aria-label="{esc(name)}" '
                    f'tabindex="-1">{path}</a>'
                )
            paths.append(path)
        body = (
            f'<g transform="translate({px(-x0 * scale)} {px(-y0 * scale)}) '
            f'scale({scale:.4f})" stroke="#ffffff" stroke-width="0.6" '
            f'stroke-linejoin="round" vector-effect="non-scaling-stroke">'
            + "".join(paths)
            + "</g>"
        )
    legend_markup, legend_height = _legend(legend, height + 10)
    total_height = height + 10 + legend_height
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg map-svg" '
        f'viewBox="0 0 {px(FRAME_WIDTH)} {px(total_height)}" width="100%" '
        f'role="group" aria-label="{esc(title)}" aria-labelledby="{esc(title_id)}" '
        f'font-family="system-ui, sans-serif">'
        f'<title id="{esc(title_id)}">{esc(title)}</title>{body}{legend_markup}</svg>'
    )
    rows = tuple((Cell(r.label, r.link), *(Cell(v) for v in r.values)) for r in regions)
    notes: tuple[str, ...] = ()
    if missing and missing_note:
        notes = (missing_note % {"names": ", ".join(r.label for r in missing)},)
    if source:
        notes += (source,)
    return Chart(
        id=chart_id,
        title=title,
        svg=mark_safe(svg),  # noqa: S308 - every text and attribute went through esc()
        columns=(label_heading, *value_headings),
        rows=rows,
        table_visible=table_visible,
        notes=notes,
    )
