"""Take one kab/kota's outline from cahyadsn/wilayah_boundaries' SQL, as GeoJSON.

Usage: python scripts/extract_region_outline.py wilayah_boundaries_kab_96.sql 96.01 OUT.geojson

The shared boundaries file (one simplified GeoJSON Feature per kab/kota) has an empty
geometry for Kabupaten Sorong (96.01); the same source at the same commit (3c5a796,
db/kab/wilayah_boundaries_kab_96.sql) holds its outline as [lat, lng] pairs. This script
reads that row and writes it as a FeatureCollection with [lng, lat] coordinates, which
``scripts/build_region_map.py`` takes as a patch for empty geometries.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def outline(sql: str, code: str) -> dict:
    row = re.search(
        r"\('" + re.escape(code) + r"','([^']*)',[-0-9.]+,[-0-9.]+,'(\[.*?\])'\)",
        sql,
        flags=re.S,
    )
    if row is None:
        raise SystemExit(f"{code} not found")
    name, path = row.group(1), json.loads(row.group(2))
    polygons = [
        [[[lng, lat] for lat, lng in ring] for ring in polygon] for polygon in path
    ]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code, "name": name},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        ],
    }


if __name__ == "__main__":
    source, code, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    data = outline(source.read_text("utf-8"), code)
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(code, data["features"][0]["properties"]["name"], out.stat().st_size, "bytes")
