"""WeasyPrint, offline: HTML to PDF with the project's fonts and stylesheets.

Nothing remote is ever fetched: the fetcher refuses every URL that is not inline
data or a file inside the project's static folder.

A national ranking is some ten thousand table cells, each a handful of boxes: the
documents are laid out with Python's cycle collector paused (its passes over those
boxes cost about a third of the time) and against a user-agent sheet of only the
elements the templates use (static/css/pdf-ua.css).

Only the code that draws a PDF imports this module (``exports.pdf``,
``public.certificates``), when it draws one: WeasyPrint, its font tools and the
libraries it opens take about a second to load, which every web process, worker and
management command would otherwise pay at start-up.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from kernel.gc import collector_paused

STATIC_DIR = (Path(settings.BASE_DIR) / "static").resolve()
STYLESHEET = STATIC_DIR / "css" / "pdf.css"
UA_STYLESHEET = STATIC_DIR / "css" / "pdf-ua.css"
BASE_URL = STATIC_DIR.as_uri() + "/"  # relative links in the templates start here


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


def _fetcher() -> LocalOnlyFetcher:
    return LocalOnlyFetcher(allowed_protocols=("data", "file"))


def document_pdf(html: str, target: BinaryIO | None = None) -> bytes | None:
    """An export document's ``html`` as PDF with the documents' stylesheet, into
    ``target`` or returned."""
    fetcher = _fetcher()
    css = CSS(filename=str(STYLESHEET), url_fetcher=fetcher)
    with collector_paused():
        return DocumentHTML(
            string=html, base_url=BASE_URL, url_fetcher=fetcher
        ).write_pdf(target, stylesheets=[css])


def page_pdf(html: str, stylesheet: str) -> bytes:
    """A one-off page (a certificate) with WeasyPrint's own user-agent sheet and
    ``stylesheet``, a file under static/."""
    fetcher = _fetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(filename=str(STATIC_DIR / stylesheet))])
