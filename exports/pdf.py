"""WeasyPrint, offline: templates under templates/reporting/pdf/, fonts from Debian.

Nothing remote is ever fetched: the fetcher refuses every URL that is not inline
data or a file inside the project's static folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from exports.document import Document

STATIC_DIR = (Path(settings.BASE_DIR) / "static").resolve()
STYLESHEET = STATIC_DIR / "css" / "pdf.css"


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


def render_html(template: str, document: Document) -> str:
    """The document's HTML in Indonesian, the language of official documents."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            template,
            {"doc": document, "header": document.header, **document.context},
        )


def write_pdf(template: str, document: Document, target: BinaryIO) -> None:
    fetcher = LocalOnlyFetcher(allowed_protocols=("data", "file"))
    html = HTML(
        string=render_html(template, document),
        base_url=STATIC_DIR.as_uri() + "/",
        url_fetcher=fetcher,
    )
    css = CSS(filename=str(STYLESHEET), url_fetcher=fetcher)
    html.write_pdf(target, stylesheets=[css])
