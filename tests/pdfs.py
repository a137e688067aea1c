"""PDFs built in the test itself: small on disk, costly to draw."""

from __future__ import annotations

import zlib

from files.samples import pdf_of


def hostile_pdf(operations: int = 30_000_000) -> bytes:
    """A one-page PDF whose content stream draws ``operations`` tiny lines.

    "0 0 m 1 1 l S" repeated compresses (FlateDecode) to well under a megabyte, but
    every renderer has to execute each operation: minutes of CPU without a limit.
    """
    packer = zlib.compressobj(9)
    chunk = b"0 0 m 1 1 l S\n" * 100_000
    parts = [packer.compress(chunk) for _ in range(operations // 100_000)]
    parts.append(packer.compress(b"0 0 m 1 1 l S\n" * (operations % 100_000)))
    content = b"".join(parts) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    return pdf_of(objects)
