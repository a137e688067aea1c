"""Server-rendered SVG charts: pure functions from labels and Decimal values to a Chart.

Render one with ``{% include "kernel/charts/_chart.html" with chart=... %}``: the SVG
and a table of the same numbers (visually hidden unless ``table_visible``; printed).
"""

from kernel.charts.bars import bar_chart, stacked_bar_chart
from kernel.charts.base import Bar, Cell, Chart, Guide, Series, StackedBar, number
from kernel.charts.donut import donut_chart
from kernel.charts.maps import MapRegion, region_map

__all__ = [
    "Bar",
    "Cell",
    "Chart",
    "Guide",
    "MapRegion",
    "Series",
    "StackedBar",
    "bar_chart",
    "donut_chart",
    "number",
    "region_map",
    "stacked_bar_chart",
]
