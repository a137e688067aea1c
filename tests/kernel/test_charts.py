"""The SVG chart module: shapes, values, labels, escaping and number format."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from kernel.charts import (
    Bar,
    Guide,
    Series,
    StackedBar,
    bar_chart,
    donut_chart,
    stacked_bar_chart,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
HOSTILE = 'Kota <script>alert("x")</script> & "Co"'


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))  # noqa: S314 - our own output


def rects(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//svg:rect[@data-value]", NS)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{{{NS['svg']}}}text")]


def horizontal(**kwargs):
    defaults = {
        "chart_id": "nilai",
        "title": "Nilai per kabupaten/kota",
        "bars": [
            Bar("Kota Metro", D("90.50"), "/dasbor/wilayah/18.72/"),
            Bar("Kota Palu", D("45.25")),
        ],
        "label_heading": "Wilayah",
        "value_heading": "Nilai",
        "max_value": D(100),
    }
    return bar_chart(**(defaults | kwargs))


def test_bar_widths_are_proportional_to_values_and_the_scale():
    root = parse(horizontal())
    metro, palu = rects(root)
    assert float(metro.get("width")) == pytest.approx(
        2 * float(palu.get("width")), 0.01
    )
    # 90.5 of a 100 scale: the bar does not fill the plot.
    assert metro.get("data-value") == "90.50"
    unscaled = parse(horizontal(max_value=None))
    assert float(rects(unscaled)[0].get("width")) > float(metro.get("width"))


def test_svg_is_an_accessible_image_with_title():
    root = parse(horizontal(bars=[Bar("Kota Metro", D("90.50"))]))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Nilai per kabupaten/kota"
    title = root.find("svg:title", NS)
    assert title is not None and title.text == "Nilai per kabupaten/kota"
    assert root.get("aria-labelledby") == title.get("id") == "nilai-title"


def test_a_chart_whose_bars_are_links_is_a_named_group_not_an_image():
    # An image's content is presentational: links inside it could not be reached.
    root = parse(horizontal())
    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == "nilai-title"
    assert root.find(".//svg:a", NS).get("href") == "/dasbor/wilayah/18.72/"


def test_values_use_the_decimal_comma_and_labels_are_drawn():
    root = parse(horizontal())
    drawn = texts(root)
    assert "90,50" in drawn and "45,25" in drawn
    assert "Kota Metro" in drawn and "Kota Palu" in drawn
    with translation.override("en"):
        assert "90.50" in texts(parse(horizontal()))


def test_thousands_are_grouped_with_a_dot():
    chart = horizontal(bars=[Bar("Jumlah jawaban", D(61680))], max_value=None)
    assert "61.680" in texts(parse(chart))
    assert chart.rows[0][1].text == "61.680"


def test_links_wrap_their_bar_and_are_escaped():
    root = parse(horizontal(bars=[Bar("A", D(1), "/x/?a=1&b=2")]))
    link = root.find("svg:a", NS)
    assert link is not None and link.get("href") == "/x/?a=1&b=2"
    assert link.find(".//svg:rect", NS) is not None


def test_hostile_labels_are_escaped_in_text_titles_and_table():
    chart = horizontal(
        title=HOSTILE, bars=[Bar(HOSTILE, D(1), '/x/"onmouseover="alert(1)')]
    )
    markup = str(chart.svg)
    assert "<script>" not in markup
    root = parse(chart)  # still well-formed XML
    assert root.get("aria-label") == HOSTILE
    assert root.find("svg:a", NS).get("href") == '/x/"onmouseover="alert(1)'
    assert any(HOSTILE[:20] in t for t in texts(root))
    html = render_to_string("kernel/charts/_chart.html", {"chart": chart})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_long_labels_are_shortened_in_the_drawing_but_whole_in_the_table():
    name = "Kabupaten Kepulauan Siau Tagulandang Biaro"
    chart = horizontal(bars=[Bar(name, D(10))])
    assert name not in texts(parse(chart))
    assert any(t.endswith("…") for t in texts(parse(chart)))
    assert chart.rows[0][0].text == name
    assert name in "".join(parse(chart).find(".//svg:g/svg:title", NS).itertext())


def test_guides_are_drawn_at_their_value():
    root = parse(horizontal(guides=[Guide(D(75), "Peduli HAM")]))
    guide = root.find(".//svg:g[@class='chart-guide']", NS)
    assert guide is not None
    assert "Peduli HAM" in texts(guide)


def test_vertical_bars_grow_upwards_from_one_baseline():
    chart = horizontal(
        vertical=True,
        bars=[Bar("2024", D("80.00")), Bar("2025", D("40.00"))],
    )
    first, second = rects(parse(chart))
    assert float(first.get("height")) == pytest.approx(2 * float(second.get("height")))
    bottom = {float(r.get("y")) + float(r.get("height")) for r in (first, second)}
    assert len(bottom) == 1


def test_zero_and_empty_charts_render():
    assert rects(parse(horizontal(bars=[Bar("A", D(0))], max_value=None)))
    empty = horizontal(bars=[])
    assert rects(parse(empty)) == [] and empty.rows == ()


SERIES = [
    Series("draft", "Pengisian", "secondary"),
    Series("verified", "Terverifikasi", "success"),
]


def stacked(normalize: bool):
    return stacked_bar_chart(
        chart_id="progres",
        title="Progres",
        series=SERIES,
        rows=[
            StackedBar("Jawa Tengah", (D(30), D(5)), "/dasbor/provinsi/33/"),
            StackedBar("Bali", (D(0), D(9))),
        ],
        label_heading="Provinsi",
        total_heading="Jumlah",
        normalize=normalize,
    )


def test_stacked_segments_follow_the_series_and_skip_zeros():
    root = parse(stacked(normalize=False))
    segments = [(r.get("data-series"), r.get("data-value")) for r in rects(root)]
    assert segments == [("draft", "30"), ("verified", "5"), ("verified", "9")]
    widths = [float(r.get("width")) for r in rects(root)]
    assert widths[0] == pytest.approx(6 * widths[1], 0.01)
    assert widths[2] == pytest.approx(9 / 35 * (widths[0] + widths[1]), 0.01)
    assert {"Pengisian", "Terverifikasi"} <= set(texts(root))


def test_normalized_rows_fill_the_same_width():
    widths = [float(r.get("width")) for r in rects(parse(stacked(normalize=True)))]
    assert widths[0] + widths[1] == pytest.approx(widths[2], 0.01)


def test_stacked_table_has_counts_shares_and_totals():
    chart = stacked(normalize=True)
    assert chart.columns == ("Provinsi", "Pengisian", "Terverifikasi", "Jumlah")
    assert [c.text for c in chart.rows[0]] == [
        "Jawa Tengah",
        "30 (85,7%)",
        "5 (14,3%)",
        "35",
    ]
    assert chart.rows[0][0].link == "/dasbor/provinsi/33/"


def donut():
    return donut_chart(
        chart_id="predikat",
        title="Sebaran predikat",
        slices=[
            Bar("Peduli HAM", D(3), tone="success"),
            Bar("Kurang Peduli HAM", D(1), tone="danger"),
            Bar("Cukup Peduli HAM", D(0), tone="info"),
        ],
        label_heading="Predikat",
        value_heading="Jumlah",
        share_heading="Persentase",
        centre_label="dinilai",
    )


def test_donut_slices_are_shares_of_the_ring():
    root = parse(donut())
    slices = root.findall(".//svg:circle[@class='chart-slice']", NS)
    assert [s.get("stroke-dasharray") for s in slices] == ["75 25", "25 75"]
    assert [s.get("stroke-dashoffset") for s in slices] == ["0", "-75"]
    assert "4" in texts(root)  # the total in the centre
    assert [c.text for c in donut().rows[0]] == ["Peduli HAM", "3", "75,0%"]


def test_donut_with_nothing_counted_draws_only_the_track():
    chart = donut_chart(
        chart_id="kosong",
        title="Kosong",
        slices=[Bar("Peduli HAM", D(0))],
        label_heading="a",
        value_heading="b",
        share_heading="c",
    )
    assert parse(chart).findall(".//svg:circle[@class='chart-slice']", NS) == []


def test_the_include_renders_svg_and_a_data_table():
    html = render_to_string("kernel/charts/_chart.html", {"chart": stacked(True)})
    assert 'id="progres-data"' in html and "visually-hidden" in html
    assert "<svg" in html and "Jawa Tengah" in html
    # Hidden on screen: its links are no extra tab stops (the bars are links already).
    assert '<a href="/dasbor/provinsi/33/" tabindex="-1">Jawa Tengah</a>' in html
