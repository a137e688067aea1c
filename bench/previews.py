"""Preview figures: CPU seconds a hostile PDF costs the server (`python -m bench.previews`).

The file: one page whose FlateDecode content stream unpacks into 30 million drawing
operations (``tests.pdfs.hostile_pdf``, about 800 KB). "Before" is pdftoppm as the web
process ran it until this change (per request, 20 s timeout, nothing kept on
failure); "after" is the worker's renderer with the configured limits, whose failure
is stored, so every later request costs nothing.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from files.drawing import Limits, render_pdf_first_page  # noqa: E402
from tests.pdfs import hostile_pdf  # noqa: E402

OPERATIONS = 30_000_000


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def before(source: Path) -> tuple[float, float]:
    """One preview request before: pdftoppm without limits but the 20 s timeout."""
    out = source.parent / "old"
    spent, started = children_cpu(), time.monotonic()
    tool = shutil.which("pdftoppm") or "pdftoppm"
    scale = ["-scale-to", "320", "-singlefile"]
    command = [tool, "-png", "-f", "1", "-l", "1", *scale, str(source), str(out)]
    with contextlib.suppress(subprocess.TimeoutExpired):
        subprocess.run(command, timeout=20, capture_output=True, check=False)
    return children_cpu() - spent, time.monotonic() - started


def main() -> None:
    if shutil.which("pdftoppm") is None:
        print("Previews: pdftoppm (poppler-utils) is not installed; skipped.")
        return
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bom.pdf"
        source.write_bytes(hostile_pdf(OPERATIONS))
        size_kb = source.stat().st_size / 1024
        print(
            f"Previews: hostile PDF, {OPERATIONS:,} drawing operations, {size_kb:.0f} KB"
        )
        cpu, wall = before(source)
        print(
            f"  before: {cpu:.1f} s CPU ({wall:.1f} s wall) per preview request,"
            " again on every request (the failure was not kept)"
        )
        limits = Limits.from_settings()
        started = time.monotonic()
        result = render_pdf_first_page(source, limits)
        print(
            f"  after:  {result.cpu_seconds:.1f} s CPU"
            f" ({time.monotonic() - started:.1f} s wall) once, in the worker"
            f" ({result.reason or 'drawn'}); 0 s for every later request"
        )
        print(
            f"  limits: PREVIEW_CPU_SECONDS={limits.cpu_seconds},"
            f" PREVIEW_WALL_SECONDS={limits.wall_seconds:g},"
            f" PREVIEW_MEMORY_MB={limits.memory_mb}"
        )


if __name__ == "__main__":
    main()
