"""Reading rendered exports back: text through poppler's pdftotext, page 1 as PNG."""

from __future__ import annotations

import subprocess
from pathlib import Path

from exports.models import ExportJob
from tests.storage import downloaded


def job_path(job: ExportJob) -> Path:
    """The rendered file as a local path: itself on the filesystem backend, a copy
    in a temporary folder (emptied after each S3 test) from an object store."""
    assert job.status == ExportJob.Status.DONE, job.error
    try:
        return Path(job.file.path)
    except NotImplementedError:
        return downloaded(job.file)


def pdf_text(path: Path) -> str:
    """The PDF's text in drawing order (one table row per line), pages split by \\f."""
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def first_page_png(path: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(path), str(out)],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    return png.read_bytes()
