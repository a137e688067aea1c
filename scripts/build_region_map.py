"""Pre-project the kab/kota boundaries into SVG path data, once, for the server-drawn maps.

Usage: python scripts/build_region_map.py SOURCE.geojson regions/maps/kabkota-2025.json \
           [regions/maps/patch-*.geojson ...]

The source is cahyadsn/wilayah_boundaries (MIT, see regions/maps/LICENSE-wilayah_boundaries.txt),
as one GeoJSON Feature per kab/kota with ``properties.code`` (Kemendagri dotted code).
Longitude and latitude are projected equirectangularly (Indonesia straddles the equator,
so the distortion is small), scaled to a 1000-unit-wide drawing, simplified with
Douglas-Peucker to a tolerance of about half a drawing unit and rounded to one decimal. Rings
that shrink below a few units are dropped, except a region's largest one, so every
region keeps a shape.

A patch file (same source, made by ``scripts/extract_region_outline.py``) gives the outline
of a region whose geometry is empty in SOURCE; nothing else is replaced.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

WIDTH = 1000.0
TOLERANCE = 0.6
MIN_RING_EXTENT = 1.2


def _simplify(
    points: list[tuple[float, float]], tol: float
) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = -1.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            if norm:
                d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
            else:
                d = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, index = d, i
        if best > tol:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def build(source: Path, patches: tuple[Path, ...] = ()) -> dict:
    features = json.loads(source.read_text())["features"]
    patched = {
        f["properties"]["code"]: f
        for patch in patches
        for f in json.loads(patch.read_text())["features"]
    }
    features = [
        patched.get(f["properties"]["code"], f)
        if not f["geometry"]["coordinates"]
        else f
        for f in features
    ]
    xs, ys = [], []
    for f in features:
        for poly in _polygons(f["geometry"]):
            for ring in poly:
                for lng, lat in ring:
                    xs.append(lng)
                    ys.append(lat)
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    scale = WIDTH / (east - west)
    height = round((north - south) * scale, 1)

    def project(lng: float, lat: float) -> tuple[float, float]:
        return (round((lng - west) * scale, 1), round((north - lat) * scale, 1))

    shapes, missing = {}, []
    for f in features:
        rings = []
        for poly in _polygons(f["geometry"]):
            for ring in poly:
                pts = _simplify([project(*p) for p in ring], TOLERANCE)
                extent = max(
                    max(p[0] for p in pts) - min(p[0] for p in pts),
                    max(p[1] for p in pts) - min(p[1] for p in pts),
                )
                rings.append((extent, pts))
        rings.sort(key=lambda r: -r[0])
        parts = []
        for i, (extent, pts) in enumerate(rings):
            if i and (extent < MIN_RING_EXTENT or len(pts) < 3):
                continue
            parts.append(
                "M" + "L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in pts[:-1]) + "Z"
            )
        if not parts:
            missing.append(f["properties"]["code"])
            continue
        shapes[f["properties"]["code"]] = {
            "name": f["properties"]["name"],
            "d": "".join(parts),
        }
    return {
        "source": "cahyadsn/wilayah_boundaries (commit 3c5a796), Kepmendagri No 300.2.2-2138 Tahun 2025",
        "licence": "MIT, Copyright (c) 2024 Cahya DSN (LICENSE-wilayah_boundaries.txt)",
        "width": WIDTH,
        "height": height,
        # Regions whose source geometry is empty: listed, never drawn or invented.
        "missing": sorted(missing),
        "shapes": dict(sorted(shapes.items())),
    }


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


if __name__ == "__main__":
    data = build(Path(sys.argv[1]), tuple(Path(p) for p in sys.argv[3:]))
    Path(sys.argv[2]).write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    )
    print(len(data["shapes"]), "shapes", Path(sys.argv[2]).stat().st_size, "bytes")
