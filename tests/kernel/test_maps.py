"""The map component: one named, coloured path per outlined region, the rest named
in a note and kept in the table, every text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from kernel.charts import MapRegion, Series, region_map

NS = {"svg": "http://www.w3.org/2000/svg"}
HOSTILE = 'Kota <script>alert("x")</script> & "Co"'


@dataclass(frozen=True)
class Outline:
    d: str
    box: tuple[float, float, float, float]


OUTLINES = {
    "01.01": Outline("M0 0L10 0L10 10Z", (0, 0, 10, 10)),
    "01.02": Outline("M20 0L30 0L30 10Z", (20, 0, 30, 10)),
}


def _map():
    return region_map(
        chart_id="peta",
        title="Peta <uji>",
        outlines=OUTLINES,
        regions=[
            MapRegion("01.01", HOSTILE, "success", ("Baik",), "Baik", "/a/?x=1&y=2"),
            MapRegion("01.02", "Kab B", "#123456", ("Cukup",), "Cukup"),
            MapRegion("01.03", "Kab Tanpa Batas", "danger", ("Kurang",)),
        ],
        legend=[Series("baik", "Baik", "success")],
        label_heading="Wilayah",
        value_headings=("Predikat",),
        missing_note="Tidak digambar: %(names)s.",
        source="Sumber uji",
    )


def test_each_outlined_region_is_one_named_coloured_path():
    chart = _map()
    root = ET.fromstring(str(chart.svg))  # noqa: S314 - our own output
    paths = root.findall(".//svg:path", NS)
    assert [p.get("data-code") for p in paths] == ["01.01", "01.02"]
    assert [p.get("fill") for p in paths] == ["#198754", "#123456"]
    link = root.find(".//svg:a", NS)
    assert link.get("href") == "/a/?x=1&y=2"
    assert link.get("aria-label") == f"{HOSTILE}: Baik"
    assert (
        paths[1].get("role") == "img" and paths[1].get("aria-label") == "Kab B: Cukup"
    )
    assert "<script>" not in str(chart.svg)


def test_a_region_without_outline_stays_in_the_table_and_is_named():
    chart = _map()
    assert [row[0].text for row in chart.rows] == [HOSTILE, "Kab B", "Kab Tanpa Batas"]
    assert chart.notes == ("Tidak digambar: Kab Tanpa Batas.", "Sumber uji")
    assert chart.columns == ("Wilayah", "Predikat")
