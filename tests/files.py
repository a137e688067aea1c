"""Small real files for upload tests: each is what its name says, byte for byte."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def docx(*, with_macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if with_macro:
            archive.writestr("word/vbaProject.bin", b"\x00" * 16)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def pdf_upload(name: str = "sk.pdf", extra: bytes = b"") -> SimpleUploadedFile:
    return upload(name, PDF + extra)


def zip_of(members: dict[str, bytes | str], *, deflate: bool = True) -> bytes:
    """A ZIP holding exactly ``members`` (name → content), in that order."""
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


XLSX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>%s</Types>'
)


def xlsx(*, macro_sheet: bool = False, extra: dict[str, bytes | str] | None = None):
    """A minimal workbook; ``macro_sheet`` adds an Excel 4 macro sheet (no VBA)."""
    override = (
        '<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/'
        'vnd.ms-excel.macrosheet+xml"/>'
        if macro_sheet
        else ""
    )
    members: dict[str, bytes | str] = {
        "[Content_Types].xml": XLSX_CONTENT_TYPES % override,
        "xl/workbook.xml": "<workbook/>",
        "xl/worksheets/sheet1.xml": "<worksheet/>",
    }
    if macro_sheet:
        members["xl/macrosheets/sheet1.xml"] = (
            '<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
            '<sheetData><row r="1"><c r="A1"><f>EXEC("calc.exe")</f></c></row>'
            "</sheetData></xm:macrosheet>"
        )
    members |= extra or {}
    return zip_of(members)


ODT_MIME = "application/vnd.oasis.opendocument.text"
ODF_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0"'
    ' xmlns:xlink="http://www.w3.org/1999/xlink">%s'
    "<office:body><office:text/></office:body></office:document-content>"
)
EVENT_LISTENERS = (
    "<office:scripts><office:event-listeners>"
    '<script:event-listener script:language="ooo:script" script:event-name="dom:load"'
    ' xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document"/>'
    "</office:event-listeners></office:scripts>"
)


def odt(
    *,
    content: str = "",
    manifest: str = "",
    extra: dict[str, bytes | str] | None = None,
) -> bytes:
    """A minimal ODF text document: ``mimetype`` first and stored, as ODF requires."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODT_MIME, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", ODF_CONTENT % content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="'
            + ODT_MIME
            + '"/><manifest:file-entry manifest:full-path="content.xml"'
            ' manifest:media-type="text/xml"/>' + manifest + "</manifest:manifest>",
        )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def inflating_docx(unpacked_mb: int) -> bytes:
    """A DOCX whose document part inflates to ``unpacked_mb`` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            block = b"\x00" * (1024 * 1024)
            for _ in range(unpacked_mb):
                handle.write(block)
    return buffer.getvalue()


def declared_size_lie(declared: int) -> bytes:
    """A DOCX whose central directory declares ``declared`` bytes for a tiny part."""
    content = zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"})
    # Patch the uncompressed-size field of the last central directory entry.
    marker = content.rfind(b"PK\x01\x02")
    offset = marker + 24
    return content[:offset] + struct.pack("<I", declared) + content[offset + 4 :]
