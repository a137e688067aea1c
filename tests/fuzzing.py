"""Hypothesis strategies for hostile uploads: what an attacker or a broken scanner sends.

Each strategy yields ``(name, content)``. Sizes stay small so a run of ~50 examples
per endpoint takes seconds; the "bombs" expand far beyond their few kilobytes.
"""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.files import (
    EVENT_LISTENERS,
    PDF,
    declared_size_lie,
    docx,
    odt,
    png,
    xlsx,
)

FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: CI never flakes
)

EXTENSIONS = [
    "pdf",
    "jpg",
    "png",
    "docx",
    "xlsx",
    "odt",
    "ods",
    "csv",
    "yaml",
    "exe",
    "html",
    "svg",
    "zip",
    "",
]


def zip_bomb(member: str = "word/document.xml", unpacked_mb: int = 64) -> bytes:
    """An Office-looking ZIP whose one member inflates to ``unpacked_mb`` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if member != "mimetype":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        with archive.open(member, "w", force_zip64=True) as handle:
            block = b"\x00" * (1024 * 1024)
            for _ in range(unpacked_mb):
                handle.write(block)
    return buffer.getvalue()


def _zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


VALID = [PDF, png(), docx(), xlsx(), odt()]
BOMBS = [
    zip_bomb(),
    zip_bomb("mimetype"),
    zip_bomb("xl/worksheets/sheet1.xml"),
    declared_size_lie(3_000_000_000),
]
MACROS = [
    docx(with_macro=True),
    xlsx(macro_sheet=True),
    odt(content=EVENT_LISTENERS),
    odt(extra={"Basic/Standard/Module1.xml": "<script:module/>"}),
]

contents = st.one_of(
    st.binary(min_size=0, max_size=4096),
    st.sampled_from(VALID).flatmap(
        lambda good: st.integers(0, len(good) - 1).map(lambda n: good[:n])
    ),  # truncated files
    st.sampled_from(VALID).flatmap(
        lambda good: st.binary(max_size=64).map(lambda junk: good[:16] + junk)
    ),  # right magic number, garbage after it
    st.sampled_from(BOMBS),
    st.sampled_from(MACROS),
    st.dictionaries(
        st.sampled_from(
            [
                "[Content_Types].xml",
                "word/a.xml",
                "xl/a.xml",
                "mimetype",
                "word/vbaProject.bin",
                "../evil",
                "/abs",
            ]
        ),
        st.binary(max_size=64),
        max_size=4,
    ).map(_zip_of),  # odd ZIP archives
    st.sampled_from(VALID),  # sometimes a good file, often under a wrong name
)

stems = st.one_of(
    st.text(min_size=0, max_size=40),
    st.text(alphabet="a", min_size=190, max_size=400),  # huge names
    st.sampled_from(
        [
            "../../etc/passwd",
            "..\\boot",
            ".htaccess",
            "a\r\nb",
            "\u202egpj",
            "CON",
            "nul\x00byte",
            "laporan",
            "SK Walikota No. 12..final",
        ]
    ),
)


@st.composite
def uploads(draw) -> tuple[str, bytes]:
    stem = draw(stems)
    extension = draw(st.sampled_from(EXTENSIONS))
    name = f"{stem}.{extension}" if extension else stem
    return name, draw(contents)


BOUNDARY = "fuzz-boundary-7d1f"


def multipart(fields: dict[str, str], file_field: str, name: str, content: bytes):
    """A multipart body with the file name exactly as given (a browser would escape
    it; a hostile client need not). Returns (body, content type)."""
    parts = []
    for key, value in fields.items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={BOUNDARY}"
