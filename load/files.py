"""Scans as the clients send them: a real one-page PDF padded to the size of a scan."""

from __future__ import annotations

import hashlib
from functools import cache

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@cache
def _padding(size: int) -> bytes:
    line = b"% scan padding " + b"." * 48 + b"\n"
    return (line * (size // len(line) + 1))[:size]


def scan_pdf(size: int, *, tag: str) -> tuple[bytes, str]:
    """``size`` bytes of PDF, unique by ``tag`` (the portal refuses a file twice); its SHA-256."""
    head = PDF + f"% {tag}\n".encode()
    content = head + _padding(size - len(head))
    return content, hashlib.sha256(content).hexdigest()
