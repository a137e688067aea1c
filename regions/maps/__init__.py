"""The kab/kota boundaries as SVG path data, pre-projected once (scripts/build_region_map.py).

Source: cahyadsn/wilayah_boundaries (Kepmendagri No 300.2.2-2138 Tahun 2025), MIT licence,
Copyright (c) 2024 Cahya DSN: ``LICENSE-wilayah_boundaries.txt`` beside this file. Keys are
the Kemendagri codes, equal to ``Regency.code``. A region whose source geometry is empty is
listed in ``missing`` and never drawn.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _

FILE = Path(__file__).with_name("kabkota-2025.json")
SOURCE = "cahyadsn/wilayah_boundaries (Kepmendagri No 300.2.2-2138 Tahun 2025)"
LICENCE = "MIT, © 2024 Cahya DSN"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def source_note() -> str:
    """The credit printed under every map drawn from these outlines."""
    return _("Batas wilayah: %(source)s, lisensi %(licence)s; disederhanakan.") % {
        "source": SOURCE,
        "licence": LICENCE,
    }


@dataclass(frozen=True)
class Shape:
    code: str
    d: str
    box: tuple[float, float, float, float]  # min x, min y, max x, max y


@dataclass(frozen=True)
class RegionMap:
    width: float
    height: float
    shapes: dict[str, Shape]
    missing: tuple[str, ...]


def _box(d: str) -> tuple[float, float, float, float]:
    values = [float(v) for v in _NUMBER.findall(d)]
    xs, ys = values[0::2], values[1::2]
    return (min(xs), min(ys), max(xs), max(ys))


@lru_cache(maxsize=1)
def regency_shapes() -> RegionMap:
    """Every kab/kota's outline (read once per process)."""
    data = json.loads(FILE.read_text(encoding="utf-8"))
    return RegionMap(
        width=data["width"],
        height=data["height"],
        shapes={
            code: Shape(code, s["d"], _box(s["d"]))
            for code, s in data["shapes"].items()
        },
        missing=tuple(data["missing"]),
    )
