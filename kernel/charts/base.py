"""Shared pieces of the SVG charts: data shapes, colours, number formatting, escaping.

Charts are pure functions from data to a ``Chart``: an SVG string (already escaped,
safe to insert) plus the same numbers as table rows, so that screen-reader users and
printouts get the figures. Nothing here touches the database or needs JavaScript.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
FONT_SIZE = 12
CHAR_WIDTH = 7.2  # generous average glyph width at FONT_SIZE, for layout estimates only
LABEL_MAX_CHARS = 32

# Bootstrap 5 colour variables with their default values as the fallback, so the
# SVG keeps its colours when saved on its own. ``text`` is the readable text colour
# on top of the fill.
TONES: dict[str, tuple[str, str, str]] = {
    "primary": ("--bs-primary", "#0d6efd", "#fff"),
    "secondary": ("--bs-secondary", "#6c757d", "#fff"),
    "success": ("--bs-success", "#198754", "#fff"),
    "info": ("--bs-info", "#0dcaf0", "#000"),
    "warning": ("--bs-warning", "#ffc107", "#000"),
    "danger": ("--bs-danger", "#dc3545", "#fff"),
    "dark": ("--bs-dark", "#212529", "#fff"),
    "light": ("--bs-gray-300", "#dee2e6", "#000"),
}


@dataclass(frozen=True)
class Bar:
    """One bar (or donut slice): a label, a value, and optionally a link and a tone."""

    label: str
    value: Decimal
    link: str = ""
    tone: str = "primary"


@dataclass(frozen=True)
class Series:
    """One segment kind of a stacked bar, e.g. "verified"."""

    key: str
    label: str
    tone: str


@dataclass(frozen=True)
class StackedBar:
    """One row of a stacked bar chart: one value per series, in series order."""

    label: str
    values: tuple[Decimal, ...]
    link: str = ""


@dataclass(frozen=True)
class Guide:
    """A reference line across the bars, e.g. the award threshold of 75."""

    value: Decimal
    label: str


@dataclass(frozen=True)
class Cell:
    text: str
    link: str = ""


@dataclass(frozen=True)
class Chart:
    """What a template shows: the SVG and the table of the same numbers."""

    id: str
    title: str
    svg: SafeString
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    table_visible: bool = False
    notes: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        return self.svg


def esc(text: object) -> str:
    """Escape for SVG text and attribute values (quotes included)."""
    return html.escape(str(text), quote=True)


def number(value: Decimal | int, decimals: int = 0) -> str:
    """A number in the active language's format: 1.234,5 in Indonesian."""
    value = Decimal(value)
    if decimals == 0 and value != value.to_integral_value():
        decimals = 2
    return formats.number_format(value, decimal_pos=decimals, force_grouping=True)


def share(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` as a percentage of ``whole`` with one decimal; 0 for an empty whole."""
    if not whole:
        return Decimal(0)
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def scale_max(values: Sequence[Decimal], given: Decimal | None) -> Decimal:
    if given is not None and given > 0:
        return Decimal(given)
    top = max(values, default=Decimal(0))
    return top if top > 0 else Decimal(1)


def px(value: float) -> str:
    """A coordinate with at most one decimal, without trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def fill(tone: str) -> str:
    """The fill attribute for a tone: Bootstrap's colour as a presentation attribute
    (the site's CSP allows no inline style, so no CSS variable here)."""
    _var, default, _text = TONES.get(tone, TONES["primary"])
    return f'fill="{default}"'


def text_fill(tone: str) -> str:
    return TONES.get(tone, TONES["primary"])[2]


def short(label: str, limit: int = LABEL_MAX_CHARS) -> str:
    """Shorten a long label for the drawing; the full text stays in <title> and the table."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def linked(content: str, link: str) -> str:
    return f'<a href="{esc(link)}">{content}</a>' if link else content


def svg_document(
    *, chart_id: str, title: str, height: float, body: str, width: float = WIDTH
) -> SafeString:
    """The outer <svg> with a <title>, scaled to its container's width.

    A chart is role="img"; one whose bars are links is a named role="group" instead,
    since an image's content is presentational and its links would be unreachable
    to a screen reader (WCAG 4.1.2, axe-core's ``nested-interactive``).
    """
    title_id = f"{chart_id}-title"
    role = "group" if "<a " in body else "img"
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" '
        f'viewBox="0 0 {px(width)} {px(height)}" width="100%" role="{role}" '
        f'aria-label="{esc(title)}" aria-labelledby="{esc(title_id)}" '
        f'font-size="{FONT_SIZE}" font-family="system-ui, sans-serif">'
        f'<title id="{esc(title_id)}">{esc(title)}</title>{body}</svg>'
    )
    return mark_safe(markup)  # noqa: S308 - every text and attribute went through esc()


def legend(series: Sequence[Series], y: float) -> tuple[str, float]:
    """Coloured squares with labels, wrapped across lines; returns markup and height."""
    parts, x, line = [], 0.0, 0
    for s in series:
        needed = 18 + text_width(s.label) + 16
        if x and x + needed > WIDTH:
            x, line = 0.0, line + 1
        top = y + line * 18
        parts.append(
            f'<g class="chart-legend-item"><rect x="{px(x)}" y="{px(top)}" width="12" '
            f'height="12" {fill(s.tone)}/><text x="{px(x + 18)}" y="{px(top + 10)}" '
            f'fill="currentColor">{esc(s.label)}</text></g>'
        )
        x += needed
    return "".join(parts), (line + 1) * 18 + 6 if series else 0
