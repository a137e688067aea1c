"""Small PNG previews of evidence for the verification console (images, PDF first pages).

Rendered once per file content (keyed by SHA-256) with poppler's pdftoppm or Pillow-free
pass-through for images, and stored beside the evidence, never public.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from reporting.models import Evidence

PREVIEW_WIDTH = 320
PDFTOPPM_SECONDS = 20


def preview_bytes(evidence: Evidence) -> tuple[bytes, str] | None:
    """(content, content type) of a preview, or None if there is none to show."""
    if evidence.content_type in ("image/jpeg", "image/png"):
        with evidence.file.open("rb") as handle:
            return handle.read(), evidence.content_type
    if evidence.content_type != "application/pdf":
        return None
    name = f"previews/{evidence.sha256}.png"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as handle:
            return handle.read(), "image/png"
    rendered = _render_pdf_first_page(evidence)
    if rendered is None:
        return None
    default_storage.save(name, ContentFile(rendered))
    return rendered, "image/png"


def _render_pdf_first_page(evidence: Evidence) -> bytes | None:
    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        with evidence.file.open("rb") as handle, source.open("wb") as out:
            shutil.copyfileobj(handle, out, 64 * 1024)
        try:
            subprocess.run(  # noqa: S603 - fixed tool, our own temp paths
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
                    str(source),
                    str(Path(tmp) / "out"),
                ],
                check=True,
                timeout=PDFTOPPM_SECONDS,
                capture_output=True,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        out = Path(tmp) / "out.png"
        return out.read_bytes() if out.exists() else None
