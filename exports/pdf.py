"""WeasyPrint, offline: templates under templates/reporting/pdf/, fonts from Debian.

Nothing remote is ever fetched: the fetcher refuses every URL that is not inline
data or a file inside the project's static folder.

A national ranking is some ten thousand table cells, each a handful of boxes: the
documents are laid out with Python's cycle collector paused (its passes over those
boxes cost about a third of the time) and against a user-agent sheet of only the
elements the templates use (static/css/pdf-ua.css).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from exports.document import Document
from kernel.gc import collector_paused

STATIC_DIR = (Path(settings.BASE_DIR) / "static").resolve()
STYLESHEET = STATIC_DIR / "css" / "pdf.css"
UA_STYLESHEET = STATIC_DIR / "css" / "pdf-ua.css"


class LocalOnlyFetcher(URLFetcher):
    """Inline data and the project's own static files; anything else is refused."""

    def fetch(self, url: str, headers: dict | None = None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file://"):
            path = Path(url.removeprefix("file://").split("?")[0]).resolve()
            if path.is_relative_to(STATIC_DIR):
                return super().fetch(url, headers)
        raise ValueError(f"Export documents may not load {url[:80]!r}")


class DocumentHTML(HTML):
    """An export document: WeasyPrint's HTML with the documents' own defaults
    (``pdf-ua.css``) in place of its full HTML5 user-agent sheet."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [_ua_sheet()]


@functools.cache
def _ua_sheet() -> CSS:
    return CSS(filename=str(UA_STYLESHEET))


def _document(html: str, target: BinaryIO | None = None) -> bytes | None:
    """``html`` as PDF with the documents' stylesheet, into ``target`` or returned."""
    fetcher = LocalOnlyFetcher(allowed_protocols=("data", "file"))
    css = CSS(filename=str(STYLESHEET), url_fetcher=fetcher)
    with collector_paused():
        return DocumentHTML(
            string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher
        ).write_pdf(target, stylesheets=[css])


def render_html(template: str, document: Document) -> str:
    """The document's HTML in Indonesian, the language of official documents."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            template,
            {"doc": document, "header": document.header, **document.context},
        )


def write_pdf(template: str, document: Document, target: BinaryIO) -> None:
    _document(render_html(template, document), target)


# ---------------------------------------------------------------- in parts
# A long document is rendered as parts by several workers (exports.services) and
# merged here; the page numbers are stamped on the merged pages, since no part
# knows how many pages the others have.


def write_html(html: str, target: BinaryIO) -> None:
    """A part's HTML (rendered with render_html) as PDF."""
    _document(html, target)


def page_numbers(pages: int) -> bytes:
    """``pages`` empty pages of the documents' size, each with "Halaman X dari Y"
    where the one-process document prints it."""
    with translation.override(settings.LANGUAGE_CODE):
        label = f'"{_("Halaman")} " counter(page) " {_("dari")} " counter(pages)'
    html = (
        "<!doctype html><html><head><style>"
        f"@page {{ @bottom-right {{ content: {label}; }} }}"
        ".page { break-after: page; } .page:last-child { break-after: auto; }"
        "</style></head><body>" + '<div class="page"></div>' * pages + "</body></html>"
    )
    return _document(html)


def merge(parts: list[BinaryIO], target: BinaryIO) -> int:
    """The parts' pages in order, numbered "Halaman X dari Y" across the whole
    document; returns the number of pages."""
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(part))
    count = len(writer.pages)
    stamps = PdfReader(io.BytesIO(page_numbers(count)))
    if len(stamps.pages) != count:
        raise ValueError(f"{len(stamps.pages)} page numbers for {count} pages")
    for page, stamp in zip(writer.pages, stamps.pages, strict=True):
        page.merge_page(stamp)
        page.compress_content_streams()  # merge_page leaves them uncompressed
    first = PdfReader(parts[0]).metadata if parts else None
    if first:
        writer.add_metadata({k: v for k, v in first.items() if isinstance(v, str)})
    writer.write(target)
    return count
