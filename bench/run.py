"""All benchmarks, each in its own process so that each gets a fresh database."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "bench.reporting",
    "bench.carry",
    "bench.verification",
    "bench.scoring",
    "bench.rescores",
    "bench.dashboards",
    "bench.public",
    "bench.exports",
    "bench.pdf_parts",
    "bench.previews",
    "bench.opendata",
    "bench.uploads",
]

if __name__ == "__main__":
    failed = 0
    for module in MODULES:
        failed |= subprocess.call([sys.executable, "-m", module])
        print()
    sys.exit(failed)
