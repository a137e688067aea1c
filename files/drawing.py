"""Drawing the first page of a PDF as a small PNG, under hard limits.

poppler's pdftoppm runs in a child process of the worker. The kernel stops it when
it has used PREVIEW_CPU_SECONDS of CPU (RLIMIT_CPU) or tries to map more than
PREVIEW_MEMORY_MB (RLIMIT_AS); the worker kills it after PREVIEW_WALL_SECONDS. So a
hostile file (a few hundred KB that unpack into millions of drawing operations)
costs at most those seconds, once: the outcome is kept by
``files.services.previews``. Nothing here touches the database.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

PREVIEW_WIDTH = 320
# A 320-pixel PNG is a few hundred KB at most: anything larger is refused by the kernel.
OUTPUT_LIMIT_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int
    wall_seconds: float
    memory_mb: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            cpu_seconds=settings.PREVIEW_CPU_SECONDS,
            wall_seconds=settings.PREVIEW_WALL_SECONDS,
            memory_mb=settings.PREVIEW_MEMORY_MB,
        )


@dataclass(frozen=True)
class Rendered:
    """A PNG, or why there is none; and the CPU the attempt cost."""

    png: bytes | None
    reason: str
    cpu_seconds: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _limit_child(limits: Limits):
    """Runs in the child between fork and exec: only the renderer is limited."""

    def apply() -> None:
        cpu = limits.cpu_seconds
        # SIGXCPU at the soft limit, SIGKILL one second later if it is ignored.
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        memory = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(
            resource.RLIMIT_FSIZE, (OUTPUT_LIMIT_BYTES, OUTPUT_LIMIT_BYTES)
        )
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.nice(10)  # web requests and other tasks come first

    return apply


def _reason(returncode: int, stderr: bytes, limits: Limits) -> str:
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return f"cpu-limit: stopped after {limits.cpu_seconds} s of CPU"
    if returncode == -signal.SIGXFSZ:
        return "output-limit: the image was too large"
    text = stderr.decode("utf-8", "replace").strip()
    lowered = text.lower()
    if (
        "alloc" in lowered
        or "failed to map" in lowered
        or returncode == -signal.SIGABRT
    ):
        return f"memory-limit: more than {limits.memory_mb} MB"
    tail = text.splitlines()[-1][:200] if text else ""
    return f"renderer-error: exit {returncode}" + (f": {tail}" if tail else "")


def render_pdf_first_page(source: Path, limits: Limits) -> Rendered:
    """The first page of ``source`` as a PNG at most PREVIEW_WIDTH pixels wide."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return Rendered(None, "no-renderer: pdftoppm (poppler-utils) is missing", 0.0)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out"
        before = _children_cpu()
        process = subprocess.Popen(  # noqa: S603 - fixed tool, our own temp paths
            [
                tool,
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-scale-to",
                str(PREVIEW_WIDTH),
                "-singlefile",
                str(source.resolve()),
                str(target),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            # Set in the child only; the worker runs one task per process.
            preexec_fn=_limit_child(limits),
            start_new_session=True,
            cwd=tmp,
        )
        try:
            _, stderr = process.communicate(timeout=limits.wall_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return Rendered(
                None,
                f"wall-limit: stopped after {limits.wall_seconds:g} s",
                _children_cpu() - before,
            )
        cpu = _children_cpu() - before
        out = target.with_suffix(".png")
        if process.returncode != 0:
            return Rendered(None, _reason(process.returncode, stderr, limits), cpu)
        if not out.exists():
            return Rendered(None, "renderer-error: no image written", cpu)
        return Rendered(out.read_bytes(), "", cpu)
