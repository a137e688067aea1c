"""Export documents as PDF: their HTML from the templates under
templates/reporting/pdf/, drawn by WeasyPrint (``exports.weasy``), and long documents
merged from parts with pypdf.

WeasyPrint and pypdf are imported when a document is drawn or merged, not with this
module (see ``exports.weasy``).
"""

from __future__ import annotations

import io
from typing import BinaryIO

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from exports.document import Document


def _document(html: str, target: BinaryIO | None = None) -> bytes | None:
    """``html`` as PDF with the documents' stylesheet, into ``target`` or returned."""
    from exports.weasy import document_pdf  # about a second to load: see the module

    return document_pdf(html, target)


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
    from pypdf import PdfReader, PdfWriter  # loaded only by the merging worker

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
