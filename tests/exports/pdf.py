"""Reading rendered exports back: text through poppler's pdftotext, page 1 as PNG."""

from __future__ import annotations

import html
import re
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


def pdf_text(path: Path, mode: str = "-raw") -> str:
    """The PDF's text in drawing order (one table row per line), pages split by \\f;
    with ``mode="-bbox"`` each word with its box, as HTML."""
    return subprocess.run(
        ["pdftotext", mode, str(path), "-"],
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


# ------------------------------------------------------------------ header layout
# The table header cells' background (static/css/pdf.css: table.data th).
HEADER_BACKGROUND = (0xE8, 0xEE, 0xF4)
DPI = 100


WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def _words(path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every page's words as (x0, y0, x1, y1, text) in points from the top left
    (pdftotext -bbox writes one <word> element per word, pages in <page> elements)."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        [
            (float(x0), float(y0), float(x1), float(y1), html.unescape(text))
            for x0, y0, x1, y1, text in WORD.findall(page)
        ]
        for page in xhtml.split("<page ")[1:]
    ]


def _header_bands(image) -> list[tuple[int, int]]:
    """Pixel rows (first, last) of each table header row: runs of rows where a good
    share of the pixels has the header background colour."""
    from PIL import Image, ImageChops

    background = Image.new("RGB", image.size, HEADER_BACKGROUND)
    r, g, b = ImageChops.difference(image, background).split()
    distance = ImageChops.lighter(ImageChops.lighter(r, g), b)
    is_background = distance.point(lambda v: 255 if v <= 4 else 0)
    share = is_background.resize((1, image.size[1]), Image.Resampling.BOX)
    rows = [share.getpixel((0, y)) >= 8 for y in range(image.size[1])]
    bands, start = [], None
    for y, inside in enumerate([*rows, False]):
        if inside and start is None:
            start = y
        elif not inside and start is not None:
            bands.append((start, y - 1))
            start = None
    return [(a, b) for a, b in bands if b - a >= 4]


def _borders(image, band: tuple[int, int]) -> list[float]:
    """x of the vertical cell borders crossing a header band: pixel columns darker than
    the background on every row of the band (glyphs never fill the padding rows)."""
    from PIL import Image

    first, last = band
    crop = image.crop((0, first, image.size[0], last + 1)).convert("L")
    dark = crop.point(lambda v: 255 if v < 225 else 0)
    every_row = dark.resize((image.size[0], 1), Image.Resampling.BOX)
    columns = [every_row.getpixel((x, 0)) >= 254 for x in range(image.size[0])]
    borders, run = [], []
    for x, is_dark in enumerate([*columns, False]):
        if is_dark:
            run.append(x)
        elif run:
            borders.append(sum(run) / len(run))
            run = []
    return borders


def header_cell_problems(path: Path, tmp_path: Path) -> tuple[int, list[str]]:
    """(header rows seen, problems): a header word that crosses a cell border or
    overlaps another header word. Every page, rendered by pdftoppm, words by pdftotext."""
    from PIL import Image

    out = tmp_path / path.stem
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), str(path), str(out)], check=True
    )
    scale = DPI / 72
    problems: list[str] = []
    seen = 0
    images = sorted(tmp_path.glob(f"{path.stem}-*.png"))
    for number, (png, words) in enumerate(
        zip(images, _words(path), strict=True), start=1
    ):
        image = Image.open(png).convert("RGB")
        for band in _header_bands(image):
            borders = _borders(image, band)
            top, bottom = band[0] / scale, (band[1] + 1) / scale
            # Table text only: the CONTOH watermark's big rotated glyphs are not cells.
            header = [
                w
                for w in words
                if top <= (w[1] + w[3]) / 2 <= bottom
                and w[4].strip()
                and w[3] - w[1] < 20
            ]
            if len(borders) < 2 or not header:
                continue
            seen += 1
            lines = [b / scale for b in borders]
            for x0, _y0, x1, _y1, text in header:
                crossed = [x for x in lines if x0 + 0.5 < x < x1 - 0.5]
                if crossed:
                    problems.append(
                        f"page {number}: header word {text!r} crosses a cell border"
                    )
            for i, a in enumerate(header):
                for b in header[i + 1 :]:
                    if (
                        min(a[2], b[2]) - max(a[0], b[0]) > 0.5
                        and min(a[3], b[3]) - max(a[1], b[1]) > 0.5
                    ):
                        problems.append(
                            f"page {number}: header words {a[4]!r} and {b[4]!r} overlap"
                        )
    return seen, problems
